import twilio from 'twilio'
import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'
import type { TwilioClient } from './client.js'
import { classifyTwilioError } from './sender.js'

/** Paths Twilio calls back during an SOS call: the keypress and the call's final status. */
export const VOICE_ACK_PATH = '/webhooks/twilio/voice/sos/ack'
export const VOICE_STATUS_PATH = '/webhooks/twilio/voice/status'

/**
 * The TwiML of an SOS call (twilio.com/docs/api/twiml/gather): the alert read aloud twice, then "press 1"
 * gathered and posted (signed) to our ack route with the outbox row's id. Without a public base URL
 * Twilio has nowhere to post the keypress, so the call says to reply ACK by text instead.
 */
export function sosCallTwiml(say: string, actionUrl?: string): string {
  const r = new twilio.twiml.VoiceResponse()
  if (!actionUrl) {
    r.say(`${say} Reply A C K by text message to say you are responding.`)
    return r.toString()
  }
  const gather = r.gather({ numDigits: 1, action: actionUrl, method: 'POST', timeout: 8 })
  gather.say(`${say} Press 1 to say you are responding.`)
  gather.say('Press 1 to say you are responding.')
  r.say('No key was pressed. MedNanny will keep alerting the family. Goodbye.')
  return r.toString()
}

/** Places SOS calls through Twilio's Calls API with inline TwiML. */
export class TwilioCallSender implements ChannelSender {
  constructor(
    private readonly client: TwilioClient,
    private readonly from: string,
    private readonly publicBaseUrl?: string,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const base = this.publicBaseUrl
    try {
      const call = await this.client.calls.create({
        to: row.toAddress,
        from: this.from,
        twiml: sosCallTwiml(row.body, base ? `${base}${VOICE_ACK_PATH}?call=${row.id}` : undefined),
        timeout: 30,
        ...(base ? { statusCallback: `${base}${VOICE_STATUS_PATH}?call=${row.id}` } : {}),
      })
      return { status: 'sent', providerMessageId: call.sid }
    } catch (err) {
      return classifyTwilioError(err)
    }
  }
}
