export default {
  footer: '此邮件由开门平台自动发送，请勿直接回复。',
  reportReceived: {
    subject: '已收到您反映的问题（{code}）',
    preview: '查询码 {code}，请妥善保存。',
    greeting: '{name}，您好：',
    body: '我们已收到您反映的问题「{title}」，将在受理后交由责任单位办理。',
    code: '查询码：{code}',
    follow: '查看办理进度',
    keep: '查询码和链接只发给您本人，请妥善保存，不要转发给他人。',
  },
} as const
