import type { EmailProps } from '../../../emails/index'
import type { Translate } from '../i18n'

/**
 * The SMS Kaimen sends, by the same names and props as their emails: only what a resident who
 * gave a mobile and no email needs (a one-time code, the receipt, the steps of their report).
 * Each is an Aliyun template: a template code per kind and its parameters, each value at most
 * SMS_PARAM_MAX characters (Aliyun's rule for variables); links are given relative to PUBLIC_URL,
 * whose address is fixed text in the registered template.
 */
export const SMS_PARAM_MAX = 35

export const smsKinds = [
  'verify-code',
  'report-received',
  'report-update',
  'rating-invitation',
  'rating-reminder',
] as const

export type SmsTemplateName = (typeof smsKinds)[number]
export type SmsProps<N extends SmsTemplateName> = EmailProps<N>
export type SmsParams = Record<string, string>

/** A link's part after the site's address: `follow/<token>`, short enough for a parameter. */
export function linkParam(url: string, publicUrl: string): string {
  const site = publicUrl.replace(/\/$/, '')
  if (url.startsWith(`${site}/`)) return url.slice(site.length + 1)
  const parsed = new URL(url)
  return `${parsed.pathname.slice(1)}${parsed.search}${parsed.hash}`
}

type ParamsOf = {
  [N in SmsTemplateName]: (props: SmsProps<N>, publicUrl: string, t: Translate) => SmsParams
}

const params: ParamsOf = {
  'verify-code': (p) => ({ code: p.code, minutes: String(p.minutes) }),
  'report-received': (p, site) => ({ code: p.code, link: linkParam(p.followUrl, site) }),
  'report-update': (p, site, t) => ({
    code: p.code,
    step: t(`sms.step.${p.step}`),
    link: linkParam(p.followUrl, site),
  }),
  'rating-invitation': (p, site) => ({
    days: String(p.windowDays),
    link: linkParam(p.rateUrl, site),
  }),
  'rating-reminder': (p, site) => ({ link: linkParam(p.rateUrl, site) }),
}

const textKey = {
  'verify-code': 'sms.verifyCode',
  'report-received': 'sms.reportReceived',
  'report-update': 'sms.reportUpdate',
  'rating-invitation': 'sms.ratingInvitation',
  'rating-reminder': 'sms.ratingReminder',
} as const satisfies Record<SmsTemplateName, string>

export function isSmsTemplate(name: string): name is SmsTemplateName {
  return (smsKinds as readonly string[]).includes(name)
}

export interface RenderedSms {
  template: SmsTemplateName
  params: SmsParams
  /** The text as the phone shows it, signature first: for the local mailbox and the record. */
  text: string
}

/** The parameters Aliyun gets and the text the phone shows; refuses a parameter over the limit. */
export function renderSms(
  template: string,
  props: Record<string, unknown>,
  options: { publicUrl: string; signName: string; t: Translate },
): RenderedSms {
  if (!isSmsTemplate(template)) throw new Error(`Unknown SMS template ${template}`)
  const build = params[template] as (p: unknown, site: string, t: Translate) => SmsParams
  const values = build(props, options.publicUrl, options.t)
  for (const [name, value] of Object.entries(values)) {
    if ([...value].length > SMS_PARAM_MAX)
      throw new Error(`SMS ${template}: parameter ${name} is over ${SMS_PARAM_MAX} characters`)
  }
  const site = options.publicUrl.replace(/\/$/, '')
  const body = options.t(textKey[template], { ...values, site })
  return { template, params: values, text: `【${options.signName}】${body}` }
}
