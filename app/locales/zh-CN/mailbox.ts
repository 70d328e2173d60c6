export default {
  title: '本地邮箱',
  lead: '没有配置邮件服务（RESEND_API_KEY）或短信服务（ALIYUN_SMS_ACCESS_KEY_ID）时，平台发出的邮件和短信保存在这里，仅供本地查看。',
  to: '收件人',
  subject: '主题',
  time: '时间',
  status: '状态',
  empty: '还没有邮件。',
  back: '返回邮件列表',
  filter: '按收件人筛选',
  apply: '筛选',
} as const
