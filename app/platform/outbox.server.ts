import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, MessageChannelName } from '../../db/schema'
import type { EmailProps, EmailTemplateName } from '../../emails/index'
import { getEnv } from './env.server'
import type { Locale } from './i18n'
import type { MessageChannel } from './messages/channel'
import { emailChannel } from './messages/email.server'
import { smsChannel } from './messages/sms.server'
import type { SmsProps, SmsTemplateName } from './messages/sms-templates'

export const MAX_ATTEMPTS = 8

/** Emails are queued in the transaction of the change that causes them and sent later. */
export async function queueEmail<N extends EmailTemplateName>(
  trx: Transaction<Database> | Kysely<Database>,
  email: { to: string; template: N; props: EmailProps<N>; locale?: Locale; dedupeKey?: string },
): Promise<boolean> {
  return queueMessage(trx, 'email', email)
}

/** An SMS, queued like an email (same outbox, same dedupe keys, same retries). */
export async function queueSms<N extends SmsTemplateName>(
  trx: Transaction<Database> | Kysely<Database>,
  sms: { to: string; template: N; props: SmsProps<N>; locale?: Locale; dedupeKey?: string },
): Promise<boolean> {
  return queueMessage(trx, 'sms', sms)
}

/**
 * A message to a resident who gave an email, a mobile or both: by email when there is one (it
 * carries the whole text), else by SMS. Nothing when neither is known. True when queued.
 */
export async function queueToContact<N extends SmsTemplateName>(
  trx: Transaction<Database> | Kysely<Database>,
  contact: { email: string | null; mobile: string | null },
  message: { template: N; props: SmsProps<N>; locale?: Locale; dedupeKey?: string },
): Promise<boolean> {
  if (contact.email) return queueMessage(trx, 'email', { ...message, to: contact.email })
  if (contact.mobile) return queueMessage(trx, 'sms', { ...message, to: contact.mobile })
  return false
}

async function queueMessage(
  trx: Transaction<Database> | Kysely<Database>,
  channel: MessageChannelName,
  message: { to: string; template: string; props: object; locale?: Locale; dedupeKey?: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('email_outbox')
    .values({
      channel,
      to_address: message.to,
      template: message.template,
      props: JSON.stringify(message.props),
      locale: message.locale ?? 'zh-CN',
      dedupe_key: message.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
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
 * drain at once without sending a message twice; Resend also gets an idempotency key.
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
  const channels: Record<MessageChannelName, MessageChannel> = {
    email: emailChannel(),
    sms: smsChannel(),
  }
  for (const row of claimed) {
    try {
      const channel = channels[row.channel]
      const rendered = await channel.render(row)
      if (channel.provider) {
        // A provider that hangs is as down as one that answers 500; the idempotency key (email)
        // or the lease (SMS) makes the retry safe.
        const providerId = await withTimeout(channel.send(row, rendered), env.EMAIL_TIMEOUT_MS)
        await db
          .updateTable('email_outbox')
          .set({
            status: 'sent',
            ...rendered,
            provider_id: providerId,
            sent_at: new Date(),
            locked_until: null,
            last_error: null,
          })
          .where('id', '=', row.id)
          .execute()
      } else {
        await db
          .updateTable('email_outbox')
          .set({ status: 'kept', ...rendered, sent_at: new Date(), locked_until: null })
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
