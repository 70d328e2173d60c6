export default {
  preview: {
    heading: '公开后显示为',
    lead: '您填写的内容里有手机号、身份证号、邮箱、银行卡号或您的私密地址，公开时已用＊＊＊遮住，原文只有工作人员能看到。请确认后再提交。',
    name: '提交人',
    title: '标题',
    body: '问题描述',
    confirm: '确认并提交',
  },
  mailbox: {
    noProvider: '未配置邮件服务（RESEND_API_KEY）：邮件不会发出',
  },
}
