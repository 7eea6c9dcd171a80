import type { OutboxRow } from '../domain/outbox/service.js'

/**
 * What a delivery attempt came to. Expected failures are values, not exceptions: `retry` for
 * transient trouble (429, 5xx, timeouts), `failed` for what retrying cannot fix (an invalid number).
 */
export type SendResult =
  | {
      status: 'sent'
      providerMessageId: string /** the channel confirms delivery synchronously */
      delivered?: boolean
    }
  | { status: 'retry'; code: string; message: string; retryAfterMs?: number }
  | { status: 'failed'; code: string; message: string }
  /** The provider says the recipient opted out (Twilio 21610): record it, send nothing, no fallback. */
  | { status: 'opted_out'; code: string; message: string }
  /** WhatsApp refused a free-form message outside the 24-hour window (Twilio 63016): template or next channel, no retry. */
  | { status: 'window_closed'; code: string; message: string }

/** One channel's delivery: Twilio SMS, Twilio WhatsApp, Slack, the dev console. */
export interface ChannelSender {
  send(row: OutboxRow): Promise<SendResult>
}
