import twilio from 'twilio'
import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'
import type { TwilioClient } from './client.js'

/**
 * Twilio errors retrying cannot fix: 21211 invalid To, 21610 recipient replied STOP, 21608 unverified
 * trial number, 21614 not a mobile number, 63016 outside the WhatsApp 24 h window
 * (twilio.com/docs/api/errors). Other 4xx are also permanent; 429 and 5xx are transient.
 */
const PERMANENT_CODES = new Set([21211, 21610, 21608, 21614, 63016])

export class TwilioSender implements ChannelSender {
  constructor(
    private readonly client: TwilioClient,
    private readonly channel: 'sms' | 'whatsapp',
    private readonly from: string,
    private readonly statusCallbackUrl?: string,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const prefix = this.channel === 'whatsapp' ? 'whatsapp:' : ''
    try {
      const msg = await this.client.messages.create({
        to: `${prefix}${row.toAddress}`,
        from: `${prefix}${this.from}`,
        body: row.body,
        ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
      })
      return { status: 'sent', providerMessageId: msg.sid }
    } catch (err) {
      return classify(err)
    }
  }
}

function classify(err: unknown): SendResult {
  if (err instanceof twilio.RestException) {
    const code = String(err.code ?? err.status)
    const message = err.message
    if (err.status === 429 || err.status >= 500) return { status: 'retry', code, message }
    if (err.code && PERMANENT_CODES.has(err.code)) return { status: 'failed', code, message }
    return { status: 'failed', code, message }
  }
  // Connection refused, reset, timeouts: the request may not have reached Twilio; try again.
  const e = err as { code?: string; message?: string }
  return { status: 'retry', code: e.code ?? 'network', message: e.message ?? String(err) }
}
