import type { MessageChannelName } from '../../../db/schema'

/** One outbox row as a channel sees it. */
export interface OutboxMessage {
  id: string
  channel: MessageChannelName
  to_address: string
  template: string
  props: Record<string, unknown>
  locale: string
}

/** What a message looked like, kept on its row: an SMS has its text as subject and body. */
export interface RenderedMessage {
  subject: string
  html: string | null
  text: string
}

/**
 * A way out for messages: email (Resend) or SMS (Aliyun 短信服务). Without a provider a channel
 * only renders, and the outbox keeps the message for the local mailbox.
 */
export interface MessageChannel {
  provider: string | null
  render(message: OutboxMessage): Promise<RenderedMessage>
  /** Hands the message to the provider; the provider's id for it. */
  send(message: OutboxMessage, rendered: RenderedMessage): Promise<string | null>
}
