import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'

/**
 * The dev console's delivery: with no Twilio account, SMS and WhatsApp rows are "delivered" to the
 * console page, which shows the outbox. It goes through the same outbox, claim and status as Twilio.
 */
export class ConsoleSender implements ChannelSender {
  async send(row: OutboxRow): Promise<SendResult> {
    return { status: 'sent', providerMessageId: `console-${row.id}`, delivered: true }
  }
}
