import twilio from 'twilio'
import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'
import type { TwilioClient } from './client.js'

/**
 * How Twilio's errors are handled (twilio.com/docs/api/errors):
 * - 21610, the recipient replied STOP to this sender: an opt-out we may have missed; record it.
 * - 401 / 20003, authentication failed: our credentials, not the message. Retried with backoff (up to
 *   the attempt limit) so messages survive an operator fixing a rotated token, and logged loudly.
 * - 429 and 5xx: transient, retried.
 * - 63016, a free-form WhatsApp message outside the 24-hour window: not retried; the outbox resends it
 *   through the approved template, or on the member's next channel (docs/decisions/0020).
 * - Any other 4xx (21211 invalid To, 21608 unverified trial number, 21614 not a mobile…): permanent
 *   for this channel; the outbox falls back to the next channel.
 */
const OPTED_OUT = 21610
const AUTH_FAILED = 20003
export const WHATSAPP_WINDOW_CLOSED = 63016

export class TwilioSender implements ChannelSender {
  constructor(
    private readonly client: TwilioClient,
    private readonly channel: 'sms' | 'whatsapp',
    private readonly from: string,
    private readonly statusCallbackUrl?: string,
    /** A signed, expiring public URL for a `media` row (a chart, a visit summary), made at send time. */
    private readonly mediaUrl?: (mediaId: string) => string | undefined,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const prefix = this.channel === 'whatsapp' ? 'whatsapp:' : ''
    try {
      const msg = await this.client.messages.create({
        to: `${prefix}${row.toAddress}`,
        from: `${prefix}${this.from}`,
        // A template (WhatsApp outside the window) carries no Body: the text is its variable {{1}}.
        ...(row.templateId
          ? { contentSid: row.templateId, contentVariables: JSON.stringify({ 1: row.body }) }
          : { body: row.body }),
        ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
        ...this.media(row),
      })
      return { status: 'sent', providerMessageId: msg.sid }
    } catch (err) {
      return classifyTwilioError(err)
    }
  }

  /** Twilio fetches MediaUrl when it accepts the message (MMS, WhatsApp media); a template carries none. */
  private media(row: OutboxRow): { mediaUrl?: string[] } {
    const url = row.mediaId && !row.templateId ? this.mediaUrl?.(row.mediaId) : undefined
    return url ? { mediaUrl: [url] } : {}
  }
}

export function classifyTwilioError(err: unknown): SendResult {
  if (err instanceof twilio.RestException) {
    const code = String(err.code ?? err.status)
    const message = err.message
    if (err.code === OPTED_OUT) return { status: 'opted_out', code, message }
    if (err.code === WHATSAPP_WINDOW_CLOSED) return { status: 'window_closed', code, message }
    if (err.status === 429 || err.status >= 500) return { status: 'retry', code, message }
    if (err.status === 401 || err.code === AUTH_FAILED) return { status: 'retry', code, message }
    return { status: 'failed', code, message }
  }
  // Connection refused, reset, timeouts: the request may not have reached Twilio; try again.
  const e = err as { code?: string; message?: string }
  return { status: 'retry', code: e.code ?? 'network', message: e.message ?? String(err) }
}
