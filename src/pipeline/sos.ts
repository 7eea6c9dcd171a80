import { listDependentRows } from '../domain/dependents/service.js'
import { lastLocationOf } from '../domain/inbox/service.js'
import type { GateOutcome } from '../domain/safety/index.js'
import { emergencyNumber } from '../domain/safety/replies.js'
import type { SosIncident } from '../domain/sos/schema.js'
import {
  acknowledgeSos,
  closeSos,
  latestSos,
  type Opened,
  openIncidentOf,
  openSos,
  sosTimeline,
  wasAlerted,
} from '../domain/sos/service.js'
import { setSosPolicyTool, sosPolicyTool } from '../domain/sos/tools.js'
import { runTool } from '../domain/tools.js'
import { formatLocalTime } from '../lib/timezone.js'
import type { Outcome, Stage, Turn } from './types.js'

const SOS = /^\s*sos\b[\s:,.!-]*(.*)$/is
const ACK = /^(?:ack|ok|okay|k|1|on my way|omw|coming|i'?m coming|got it|responding|i'?m on it|on it)[\s.!👍]*$/iu
const CANCEL = /^(?:cancel sos|sos cancel|stop sos|cancel the sos|false alarm)[\s.!]*$/i
const RESOLVE =
  /^(?:all clear|all good now|resolved|we'?re ok(?:ay)?|everyone'?s ok(?:ay)?|she'?s ok(?:ay)?|he'?s ok(?:ay)?)[\s.!]*$/i
const STATUS = /^(?:sos status|status sos|sos\?)$/i
const POLICY =
  /^sos (?:policy|settings)(?:\s+(?:every\s+)?(\d{1,2})\s*(?:m|min|mins|minutes?))?(?:[\s,]+(?:and\s+)?(\d{1,2})\s*rounds?)?[\s.]*$/i

/**
 * SOS, before anything else on every channel (docs/decisions/0021-sos.md): "SOS …" opens an incident
 * (or joins the sender's open one) and alerts every emergency contact at once; while one is open, "ACK",
 * "on my way", "1"… from anyone else acknowledges it, and its sender can cancel ("false alarm") or close
 * it ("all clear"). No model, no quiet hours, no rate limit in the way.
 */
export function sosStage(): Stage {
  return {
    name: 'sos',
    async handle(turn) {
      const text = turn.text.trim()
      if (STATUS.test(text)) return await status(turn)
      const policy = POLICY.exec(text)
      if (policy) return await policyAnswer(turn, policy[1], policy[2])
      // A settings command with a typo must never open an SOS.
      if (/^sos (?:policy|settings)\b/i.test(text)) {
        return {
          route: 'sos:policy_usage',
          replies: ['Say it like “sos policy every 3 minutes, 2 rounds” (1–30 minutes, 1–10 rounds).'],
        }
      }
      const sos = SOS.exec(text)
      if (sos) return await open(turn, sos[1]?.trim() || 'SOS', 'sos')
      const incident = await openIncidentOf(turn.tx, turn.actor, turn.clock.now())
      if (!incident) return undefined
      return await answer(turn, incident, text)
    },
  }
}

async function answer(turn: Turn, incident: SosIncident, text: string): Promise<Outcome | undefined> {
  const mine = incident.openedBy === turn.actor.memberId
  // Only someone who was alerted can acknowledge by a word as short as "ok": a false acknowledgement
  // would stop the escalation.
  if (ACK.test(text) && !mine && (await wasAlerted(turn.tx, incident.id, turn.actor.memberId))) {
    const r = await acknowledgeSos(turn.tx, turn.actor, turn.clock.now(), incident, 'text')
    const words = r.first
      ? `Thank you — everyone knows you’re responding.${mapLine(incident)}`
      : `${r.responder} is already responding.`
    return { route: 'sos:ack', replies: [words], urgent: true }
  }
  // Only someone who may close it closes it by a word; anyone else's "all clear" goes on as a message.
  if ((CANCEL.test(text) || RESOLVE.test(text)) && mayClose(turn, incident)) {
    const how = CANCEL.test(text) ? 'cancelled' : 'resolved'
    await closeSos(turn.tx, turn.actor, turn.clock.now(), incident, how)
    return {
      route: `sos:${how}`,
      replies: [
        how === 'cancelled' ? 'SOS cancelled. Everyone has been told.' : 'Glad everyone is OK. The SOS is closed.',
      ],
    }
  }
  // A location shared by the sender while the SOS is open goes with the next alerts.
  if (mine && turn.message.location) return await open(turn, incident.text, incident.trigger)
  return undefined
}

/** Where the sender is: the location sent with this message, else the last one they shared in 12 hours. */
async function whereabouts(turn: Turn) {
  if (turn.message.location) return turn.message.location
  const since = new Date(turn.clock.now().getTime() - LAST_KNOWN_MS)
  return await lastLocationOf(turn.tx, turn.message.fromAddress, since)
}
const LAST_KNOWN_MS = 12 * 60 * 60_000

const mayClose = (turn: Turn, incident: SosIncident) =>
  incident.openedBy === turn.actor.memberId ||
  incident.acknowledgedBy === turn.actor.memberId ||
  turn.actor.role === 'owner' ||
  turn.actor.role === 'admin'

async function open(turn: Turn, text: string, trigger: SosIncident['trigger'], dependentId?: string): Promise<Outcome> {
  const opened = await openSos(turn.tx, turn.actor, turn.clock.now(), {
    text,
    trigger,
    location: await whereabouts(turn),
    dependentId: dependentId ?? (await concerns(turn, text)),
  })
  return {
    route: opened.joined ? 'sos:joined' : 'sos:opened',
    replies: [openedReply(opened, turn.actor.locale)],
    urgent: true,
  }
}

/** The emergency the red-flag gate caught opens an SOS too; its reply line for the sender. */
export async function sosFromGate(turn: Turn, outcome: GateOutcome): Promise<string> {
  const dependentId = outcome.findings.find((f) => f.dependentId)?.dependentId
  const opened = await openSos(turn.tx, turn.actor, turn.clock.now(), {
    text: turn.text,
    trigger: 'gate',
    location: await whereabouts(turn),
    dependentId: dependentId ?? (await concerns(turn, turn.text)),
  })
  return opened.joined ? '' : alertingLine(opened)
}

function openedReply(opened: Opened, locale: string): string {
  const n = emergencyNumber(locale)
  const call = n
    ? `If anyone is in danger, call ${n} now.`
    : 'If anyone is in danger, call your local emergency number now.'
  if (opened.joined) return `Your SOS is still open and alerting. ${call} Reply CANCEL SOS if it was a false alarm.`
  return `${alertingLine(opened)} ${call}`
}

function alertingLine(opened: Opened): string {
  const n = opened.alerted.length
  if (!n) return 'There is nobody else in your family to alert.'
  return `🚨 Alerting ${n} ${n === 1 ? 'person' : 'people'} now: ${opened.alerted.join(', ')}. I’ll keep trying, with phone calls, until someone answers.`
}

const mapLine = (i: SosIncident) =>
  i.location ? ` Location: https://maps.google.com/?q=${i.location.latitude},${i.location.longitude}` : ''

/** Who the SOS is about: a dependent named in it, or the family's only child. */
async function concerns(turn: Turn, text: string): Promise<string | undefined> {
  const all = await listDependentRows(turn.tx, turn.actor)
  const words = new Set(text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [])
  const named = all.filter((d) => [d.name, ...d.nicknames].some((n) => words.has(n.toLowerCase())))
  if (named.length === 1) return named[0]?.id
  const children = all.filter((d) => !d.memberId)
  return named.length === 0 && children.length === 1 ? children[0]?.id : undefined
}

/** "sos policy" shows it; "sos policy every 3 minutes, 2 rounds" (a parent) changes it. */
async function policyAnswer(turn: Turn, minutes?: string, rounds?: string): Promise<Outcome> {
  const ctx = { tx: turn.tx, actor: turn.actor, clock: turn.clock }
  const change = minutes !== undefined || rounds !== undefined
  const p = change
    ? await runTool(setSosPolicyTool, ctx, {
        intervalMinutes: minutes === undefined ? undefined : Number(minutes),
        roundsPerTier: rounds === undefined ? undefined : Number(rounds),
      })
    : await runTool(sosPolicyTool, ctx, {})
  const words = `SOS escalation: every ${p.intervalMinutes} minute${p.intervalMinutes === 1 ? '' : 's'} without an answer, alerts and calls again; after ${p.roundsPerTier} round${p.roundsPerTier === 1 ? '' : 's'} the whole family is alerted.`
  const hint = change
    ? ' A running SOS keeps the policy it started with.'
    : ' A parent can change it: “sos policy every 3 minutes, 2 rounds”.'
  return { route: change ? 'sos:policy_set' : 'sos:policy', replies: [words + hint] }
}

async function status(turn: Turn): Promise<Outcome> {
  const incident = await latestSos(turn.tx, turn.actor, turn.clock.now())
  if (!incident) return { route: 'sos:status', replies: ['No SOS in the last 24 hours.'] }
  const events = await sosTimeline(turn.tx, incident.id)
  const tz = turn.actor.timezone
  const alerts = events.filter((e) => e.kind === 'alert').length
  const calls = events.filter((e) => e.kind === 'call').length
  const ack = events.find((e) => e.kind === 'acknowledged')
  const lines = [
    `SOS ${formatLocalTime(incident.createdAt, tz)}: ${incident.status}, ${incident.round} round${incident.round === 1 ? '' : 's'}, ${alerts} alerts, ${calls} calls.`,
    ...events
      .filter((e) => e.kind !== 'alert' && e.kind !== 'call')
      .map(
        (e) =>
          `${formatLocalTime(e.at, tz)} ${e.kind.replace('_', ' ')}${e.detail?.status ? ` (${e.detail.status})` : ''}`,
      ),
  ]
  if (!ack && incident.status === 'open') lines.push('Nobody has acknowledged yet.')
  return { route: 'sos:status', replies: [lines.join('\n')] }
}
