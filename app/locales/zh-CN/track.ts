export default {
  title: '查询进度',
  lead: '输入查询码，以及提交时填写的手机号或邮箱，即可查看办理进度。不需要注册账号。',
  code: '查询码',
  codeHint: '例如 KM-7Q4M-2XHC，见提交成功页面或回执邮件。',
  contact: '手机号或邮箱',
  contactHint: '提交问题时填写的手机号或邮箱。',
  submit: '查询',
  notFound: '没有找到相符的问题。请核对查询码，以及提交时填写的手机号或邮箱。',
  tooMany: '查询太频繁了，请 {minutes} 分钟后再试。',
  locked:
    '这个查询码今天输错的次数太多，已暂时锁定，请 {hours} 小时后再试。您也可以直接打开回执邮件或短信里的专属链接查看进度。',
} as const
