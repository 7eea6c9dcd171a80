import { emergencyNumber } from '../safety/replies.js'
import type { SosIncident } from './schema.js'

const where = (i: SosIncident) => {
  const l = i.location
  if (!l) return undefined
  const map = `https://maps.google.com/?q=${l.latitude},${l.longitude}`
  return `Where: ${[l.label, l.address].filter(Boolean).join(', ')}${l.label || l.address ? ' ' : ''}${map}`
}

/** The alert every recipient gets: who, what they wrote, where, the medical card, how to acknowledge. */
export function alertText(a: { incident: SosIncident; from: string; card?: string; locale: string }): string {
  const n = emergencyNumber(a.locale)
  const round = a.incident.round > 1 ? ` (nobody has answered yet, alert ${a.incident.round})` : ''
  return [
    `🚨 SOS from ${a.from}${round}: “${a.incident.text}”`,
    where(a.incident),
    a.card,
    `Reply ACK if you are responding.${n ? ` If it’s an emergency, call ${n}.` : ''}`,
  ]
    .filter(Boolean)
    .join('\n')
}

/** At most this much of what they wrote is read aloud: a call must stay one call (one outbox row). */
const SAID_MAX = 300

/** What the phone call says before "press 1". */
export const callText = (a: { incident: SosIncident; from: string }) => {
  const said = a.incident.text.length > SAID_MAX ? `${a.incident.text.slice(0, SAID_MAX)}…` : a.incident.text
  return `This is MedNanny with an emergency alert. ${a.from} sent an SOS: ${said}. Nobody has answered yet.`
}

export const acknowledgedText = (who: string) => `✅ ${who} is responding to the SOS. Alerts have stopped.`

export const closedText = (how: 'cancelled' | 'resolved', who: string) =>
  how === 'cancelled'
    ? `${who} cancelled the SOS: false alarm. Nothing more is needed.`
    : `${who}: all clear. The SOS is closed.`

/** An alert someone answered: what happened on top, then the alert without its "Reply ACK" line. */
export const answeredAlertText = (alert: string, note: string) =>
  [note, ...alert.split('\n').filter((line) => !line.startsWith('Reply ACK'))].join('\n')
