/**
 * SMS texts. Each is registered with Aliyun as a template whose ${var}s are the {var}s here
 * ({site} is fixed text in the registered template); the signature 【…】 is added by the provider.
 */
export default {
  verifyCode: '您的开门平台验证码为 {code}，{minutes} 分钟内有效。如非本人操作，请忽略。',
  reportReceived: '已收到您反映的问题，查询码 {code}，请妥善保存。办理进度：{site}/{link}',
  reportUpdate: '您反映的问题（查询码 {code}）{step}，详情：{site}/{link}',
  ratingInvitation: '您反映的问题已整改，请在 {days} 个工作日内评价：{site}/{link}',
  ratingReminder: '您反映的问题已整改，还未收到您的评价，请评价：{site}/{link}',
  step: {
    accepted: '已受理',
    declined: '不予受理',
    merged: '已合并办理',
    progress: '有新进展',
    reopened: '已退回重新整改',
  },
} as const
