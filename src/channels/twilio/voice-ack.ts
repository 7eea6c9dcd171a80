import twilio from 'twilio'
import type { Tx } from '../../db/client.js'
import { resolveActor } from '../../domain/families/queries.js'
import { getOutbox } from '../../domain/outbox/service.js'
import { acknowledgeSos, getSos, parseCallKey } from '../../domain/sos/service.js'
import { sosCallTwiml } from './voice.js'

const say = (words: string) => {
  const r = new twilio.twiml.VoiceResponse()
  r.say(words)
  return r.toString()
}

/**
 * "Press 1" on an SOS call: acknowledges the incident as the member who was called (their phone is the
 * call's To). Any other key reads the alert again. Returns the TwiML to answer with.
 */
export async function acknowledgeCall(
  tx: Tx,
  now: Date,
  outboxId: string,
  digits: string | undefined,
  /** This route's own URL, to gather the key again after a wrong one. */
  actionUrl: string,
): Promise<{ twiml: string; acknowledged: boolean; wake: boolean }> {
  const [row] = await getOutbox(tx, [outboxId])
  const call = row ? parseCallKey(row.idempotencyKey) : undefined
  const incident = call ? await getSos(tx, call.incidentId) : undefined
  if (!row || !call || !incident)
    return { twiml: say('This alert is no longer active. Goodbye.'), acknowledged: false, wake: false }
  if (digits !== '1') return { twiml: sosCallTwiml(row.body, actionUrl), acknowledged: false, wake: false }
  const actor = await resolveActor(tx, { kind: 'phone', address: row.toAddress, channel: 'sms' })
  if (!actor || actor.memberId !== call.memberId) {
    return {
      twiml: say('MedNanny could not match this phone to the family. Please reply ACK by text.'),
      acknowledged: false,
      wake: false,
    }
  }
  const r = await acknowledgeSos(tx, actor, now, incident, 'call')
  const words = r.first
    ? 'Thank you. Everyone has been told you are responding.'
    : `${r.responder} is already responding. Thank you.`
  return { twiml: say(words), acknowledged: r.first, wake: r.first }
}
