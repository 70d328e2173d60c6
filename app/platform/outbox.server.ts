import { render } from '@react-email/components'
import { sql, type Kysely, type Transaction } from 'kysely'
import { Resend } from 'resend'
import type { Database } from '../../db/schema'
import { emailTemplates, type EmailProps, type EmailTemplateName } from '../../emails/index'
import type { EmailTemplate } from '../../emails/define'
import { getEnv } from './env.server'
import { isLocale, translator, type Locale } from './i18n'
import { withoutNul } from './response/nul-free-stream.server'

export const MAX_ATTEMPTS = 8

/** Emails are queued in the transaction of the change that causes them and sent later. */
export async function queueEmail<N extends EmailTemplateName>(
  trx: Transaction<Database> | Kysely<Database>,
  email: { to: string; template: N; props: EmailProps<N>; locale?: Locale; dedupeKey?: string },
): Promise<void> {
  await trx
    .insertInto('email_outbox')
    .values({
      to_address: email.to,
      template: email.template,
      props: JSON.stringify(email.props),
      locale: email.locale ?? 'zh-CN',
      dedupe_key: email.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}

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

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1))
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`provider timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Sends what is due. Rows are claimed with SKIP LOCKED and a lease, so several servers may
 * drain at once without sending an email twice; the provider also gets an idempotency key.
 */
export async function drainOutbox(db: Kysely<Database>, limit = 20): Promise<number> {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('email_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where(sql<boolean>`next_attempt_at <= now()`)
      .where(sql<boolean>`(locked_until is null or locked_until < now())`)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    if (due.length === 0) return []
    return trx
      .updateTable('email_outbox')
      .set({ locked_until: sql`now() + interval '2 minutes'`, attempts: sql`attempts + 1` })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returningAll()
      .execute()
  })

  const env = getEnv()
  const resend = env.RESEND_API_KEY ? new Resend(env.RESEND_API_KEY) : undefined
  for (const row of claimed) {
    try {
      const email = await renderEmail(row.template, row.props, row.locale)
      if (resend) {
        // A provider that hangs is as down as one that answers 500; the idempotency key
        // makes the retry safe even if the timed-out request did arrive.
        const { data, error } = await withTimeout(
          resend.emails.send(
            { from: env.MAIL_FROM, to: row.to_address, ...email },
            { idempotencyKey: `kaimen-outbox-${row.id}` },
          ),
          env.EMAIL_TIMEOUT_MS,
        )
        if (error) throw new Error(`${error.name}: ${error.message}`)
        await db
          .updateTable('email_outbox')
          .set({
            status: 'sent',
            ...email,
            provider_id: data?.id ?? null,
            sent_at: new Date(),
            locked_until: null,
            last_error: null,
          })
          .where('id', '=', row.id)
          .execute()
      } else {
        await db
          .updateTable('email_outbox')
          .set({ status: 'kept', ...email, sent_at: new Date(), locked_until: null })
          .where('id', '=', row.id)
          .execute()
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await db
        .updateTable('email_outbox')
        .set({
          status: row.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          last_error: message.slice(0, 500),
          locked_until: null,
          next_attempt_at: sql`now() + make_interval(secs => ${retryDelaySeconds(row.attempts)})`,
        })
        .where('id', '=', row.id)
        .execute()
    }
  }
  return claimed.length
}
