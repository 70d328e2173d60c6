import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import { getEnv, type Env } from '../env.server'
import { isLocale, translator } from '../i18n'
import type { MessageChannel, OutboxMessage } from './channel'
import { renderSms, type SmsTemplateName } from './sms-templates'

/** The env setting that holds each SMS's approved Aliyun template code. */
const templateCodeSetting = {
  'verify-code': 'ALIYUN_SMS_TEMPLATE_VERIFY_CODE',
  'report-received': 'ALIYUN_SMS_TEMPLATE_REPORT_RECEIVED',
  'report-update': 'ALIYUN_SMS_TEMPLATE_REPORT_UPDATE',
  'rating-invitation': 'ALIYUN_SMS_TEMPLATE_RATING_INVITATION',
  'rating-reminder': 'ALIYUN_SMS_TEMPLATE_RATING_REMINDER',
} as const satisfies Record<SmsTemplateName, keyof Env>

/** The SDK's client settings: the key pair, the endpoint, and the outbox's timeout. */
export function aliyunConfig(env: Env): $OpenApiUtil.Config {
  const endpoint = env.ALIYUN_SMS_ENDPOINT.replace(/^https?:\/\//, '')
  return new $OpenApiUtil.Config({
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID,
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET,
    endpoint,
    // A plain-HTTP endpoint is only ever a local stand-in (tests); Aliyun is reached over HTTPS.
    protocol: env.ALIYUN_SMS_ENDPOINT.startsWith('http://') ? 'HTTP' : 'HTTPS',
    connectTimeout: env.EMAIL_TIMEOUT_MS,
    readTimeout: env.EMAIL_TIMEOUT_MS,
  })
}

/** The SendSms request for one outbox row: template code, parameters, and the row as OutId. */
export function sendSmsRequest(env: Env, message: OutboxMessage): SendSmsRequest {
  const rendered = smsOf(env, message)
  const templateCode = env[templateCodeSetting[rendered.template]]
  if (!templateCode) throw new Error(`${templateCodeSetting[rendered.template]} is not set`)
  return new SendSmsRequest({
    phoneNumbers: message.to_address,
    signName: env.ALIYUN_SMS_SIGN_NAME,
    templateCode,
    templateParam: JSON.stringify(rendered.params),
    outId: `kaimen-outbox-${message.id}`,
  })
}

function smsOf(env: Env, message: OutboxMessage) {
  const t = translator(isLocale(message.locale) ? message.locale : 'zh-CN')
  return renderSms(message.template, message.props, {
    publicUrl: env.PUBLIC_URL,
    signName: env.ALIYUN_SMS_SIGN_NAME,
    t,
  })
}

/**
 * SMS through Aliyun 短信服务. Aliyun takes no idempotency key: the outbox's lease keeps two
 * servers from sending one row, and OutId names the row so a rare resend after a timeout can be
 * traced in Aliyun's send records.
 */
export function smsChannel(): MessageChannel {
  const env = getEnv()
  const client = env.ALIYUN_SMS_ACCESS_KEY_ID ? new Dysmsapi(aliyunConfig(env)) : undefined
  return {
    provider: client ? 'aliyun' : null,
    async render(m) {
      const { text } = smsOf(env, m)
      return { subject: text, html: null, text }
    },
    async send(m) {
      if (!client) return null
      const { body } = await client.sendSms(sendSmsRequest(env, m))
      if (body?.code !== 'OK')
        throw new Error(`${body?.code ?? 'no answer'}: ${body?.message ?? ''}`)
      return body.bizId ?? null
    },
  }
}
