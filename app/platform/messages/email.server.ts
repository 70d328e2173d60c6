import { render } from '@react-email/components'
import { Resend } from 'resend'
import type { EmailTemplate } from '../../../emails/define'
import { emailTemplates } from '../../../emails/index'
import { getEnv } from '../env.server'
import { isLocale, translator } from '../i18n'
import { withoutNul } from '../response/nul-free-stream.server'
import type { MessageChannel, RenderedMessage } from './channel'

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export async function renderEmail(
  template: string,
  props: Record<string, unknown>,
  locale: string,
): Promise<RenderedEmail> {
  const definition = (
    emailTemplates as unknown as Record<string, EmailTemplate<Record<string, unknown>>>
  )[template]
  if (!definition) throw new Error(`Unknown email template ${template}`)
  const lang = isLocale(locale) ? locale : 'zh-CN'
  const t = translator(lang)
  const element = definition.render(props, t, lang)
  return {
    subject: definition.subject(props, t),
    // React 18's stream pads some chunks with NULs (nul-free-stream.server.ts); mail clients cut there.
    html: withoutNul(await render(element)),
    text: withoutNul(await render(element, { plainText: true })),
  }
}

/** Email through Resend, with an idempotency key per outbox row. */
export function emailChannel(): MessageChannel {
  const env = getEnv()
  const resend = env.RESEND_API_KEY ? new Resend(env.RESEND_API_KEY) : undefined
  return {
    provider: resend ? 'resend' : null,
    render: (m) => renderEmail(m.template, m.props, m.locale),
    async send(m, rendered: RenderedMessage) {
      if (!resend) return null
      const { data, error } = await resend.emails.send(
        {
          from: env.MAIL_FROM,
          to: m.to_address,
          subject: rendered.subject,
          html: rendered.html ?? '',
          text: rendered.text,
        },
        { idempotencyKey: `kaimen-outbox-${m.id}` },
      )
      if (error) throw new Error(`${error.name}: ${error.message}`)
      return data?.id ?? null
    },
  }
}
