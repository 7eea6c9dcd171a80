import { and, asc, desc, eq, gte, inArray, lte, ne } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { getFamily } from '../families/queries.js'
import { type Member, members } from '../families/schema.js'
import { editableMessages, enqueueEdits } from '../outbox/edits.js'
import { enqueueOutboxMany, memberRoutesMany, type NewOutboxMessage } from '../outbox/service.js'
import { medicalCard } from './card.js'
import { type SosEvent, type SosIncident, sosEvents, sosIncidents, sosPolicies } from './schema.js'
import { acknowledgedText, alertText, answeredAlertText, callText, closedText } from './words.js'

/**
 * Defaults of the escalation policy (docs/decisions/0021-sos.md): a round every 2 minutes until someone
 * answers, each from the second on with a phone call; after 3 rounds the rest of the family joins.
 */
export const SOS_POLICY = { intervalMinutes: 2, roundsPerTier: 3 }

/** The family's escalation policy, or the defaults. */
export async function sosPolicyOf(
  tx: Tx,
  familyId: string,
): Promise<{ intervalMinutes: number; roundsPerTier: number; custom: boolean }> {
  const [row] = await tx.select().from(sosPolicies).where(eq(sosPolicies.familyId, familyId))
  return row
    ? { intervalMinutes: row.intervalMinutes, roundsPerTier: row.roundsPerTier, custom: true }
    : { ...SOS_POLICY, custom: false }
}

/**
 * A parent sets how fast SOS escalates: minutes between rounds (1–30) and rounds before the whole family
 * is alerted (1–10). A running incident keeps the policy it opened with.
 */
export async function setSosPolicy(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { intervalMinutes?: number; roundsPerTier?: number },
): Promise<{ intervalMinutes: number; roundsPerTier: number }> {
  const current = await sosPolicyOf(tx, actor.familyId)
  const next = {
    intervalMinutes: input.intervalMinutes ?? current.intervalMinutes,
    roundsPerTier: input.roundsPerTier ?? current.roundsPerTier,
  }
  await tx
    .insert(sosPolicies)
    .values({ familyId: actor.familyId, ...next, updatedBy: actor.memberId, updatedAt: now })
    .onConflictDoUpdate({ target: sosPolicies.familyId, set: { ...next, updatedBy: actor.memberId, updatedAt: now } })
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'sos.policy',
    subjectType: 'family',
    subjectId: actor.familyId,
    detail: next,
  })
  return next
}

export interface OpenSos {
  text: string
  trigger: SosIncident['trigger']
  location?: SosIncident['location']
  dependentId?: string
}

export interface Opened {
  incident: SosIncident
  joined: boolean
  /** Names of the people alerted in this step. */
  alerted: string[]
}

/**
 * Opens an SOS (or joins the sender's open one) and fans the alert out at once to every recipient of the
 * first tier on every channel they have, as urgent outbox rows the sender delivers in parallel.
 */
export async function openSos(tx: Tx, actor: ActorContext, now: Date, input: OpenSos): Promise<Opened> {
  // One emergency, one incident: a second SOS in the family — from anyone — joins the one in play, and
  // what it says goes to everyone already alerted (an "SOS he stopped breathing" must not vanish).
  const open = await openIncidentOf(tx, actor, now)
  if (open) return await joinSos(tx, actor, now, open, input)
  const policy = await sosPolicyOf(tx, actor.familyId)
  const incident: SosIncident = {
    id: newId('sos'),
    familyId: actor.familyId,
    openedBy: actor.memberId,
    dependentId: input.dependentId ?? null,
    text: input.text,
    trigger: input.trigger,
    location: input.location ?? null,
    status: 'open',
    round: 1,
    intervalMinutes: policy.intervalMinutes,
    roundsPerTier: policy.roundsPerTier,
    nextEscalationAt: new Date(now.getTime() + policy.intervalMinutes * 60_000),
    acknowledgedBy: null,
    acknowledgedAt: null,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  await tx.insert(sosIncidents).values({ ...incident, text: tx.fields.seal(incident.text) })
  await addEvent(tx, now, incident.id, { kind: 'opened', memberId: actor.memberId, round: 1 })
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'sos.open',
    subjectType: 'sos',
    subjectId: incident.id,
    detail: { trigger: input.trigger },
  })
  const alerted = await sendRound(tx, now, incident, actor)
  return { incident, joined: false, alerted }
}

/** An incident as read, its sealed text opened. */
const opened = (tx: Tx, row: SosIncident): SosIncident => ({ ...row, text: tx.fields.open(row.text) })

/** One incident by id (sealed text opened). */
export async function getSos(tx: Tx, id: string): Promise<SosIncident | undefined> {
  const [row] = await tx.select().from(sosIncidents).where(eq(sosIncidents.id, id))
  return row ? opened(tx, row) : undefined
}

/** An acknowledged incident nobody closed stops being "in play" after this: "ok" means ok again. */
const ACKNOWLEDGED_FOR_MS = 6 * 60 * 60_000

/**
 * The family's incident in play: open (not yet acknowledged, however old), or acknowledged in the last
 * six hours and not closed. Newest first.
 */
export async function openIncidentOf(
  tx: Tx,
  actor: Pick<ActorContext, 'familyId'>,
  now: Date,
): Promise<SosIncident | undefined> {
  const rows = await tx
    .select()
    .from(sosIncidents)
    .where(and(eq(sosIncidents.familyId, actor.familyId), inArray(sosIncidents.status, ['open', 'acknowledged'])))
    .orderBy(desc(sosIncidents.createdAt))
    .limit(5)
  const live = rows.find(
    (r) =>
      r.status === 'open' ||
      (r.acknowledgedAt !== null && now.getTime() - r.acknowledgedAt.getTime() <= ACKNOWLEDGED_FOR_MS),
  )
  return live ? opened(tx, live) : undefined
}

/** A second SOS while one is in play: new words and a new location go to everyone already alerted. */
async function joinSos(tx: Tx, actor: ActorContext, now: Date, open: SosIncident, input: OpenSos): Promise<Opened> {
  const location = input.location ?? open.location
  await tx.update(sosIncidents).set({ location, updatedAt: now }).where(eq(sosIncidents.id, open.id))
  await addEvent(tx, now, open.id, { kind: 'joined', memberId: actor.memberId, round: open.round })
  const said = input.text.trim()
  if (said && said.toUpperCase() !== 'SOS') {
    const [me] = await tx.select().from(members).where(eq(members.id, actor.memberId))
    const where = input.location
      ? ` Location: https://maps.google.com/?q=${input.location.latitude},${input.location.longitude}`
      : ''
    const update = `🚨 SOS update from ${me?.name ?? 'someone'}: “${said}”${where}`
    await tellEveryone(tx, now, { ...open, location }, `update:${newId('upd')}`, update, actor.memberId)
  }
  return { incident: { ...open, location }, joined: true, alerted: [] }
}

/** Who a round reaches: the first tier (emergency contacts and parents), then everyone in the family. */
async function recipients(tx: Tx, incident: SosIncident): Promise<Member[]> {
  const everyone = await tx
    .select()
    .from(members)
    .where(
      and(eq(members.familyId, incident.familyId), eq(members.status, 'active'), ne(members.id, incident.openedBy)),
    )
    .orderBy(asc(members.createdAt))
  const first = everyone.filter((m) => m.emergencyContact || m.role === 'owner' || m.role === 'admin')
  const widen = incident.round > incident.roundsPerTier || first.length === 0
  return widen ? everyone : first
}

/**
 * One round: the alert to every recipient on every channel they have, and from the second round a phone
 * call too. Keys name the incident, round, member and channel, so a replayed round sends nothing twice.
 */
async function sendRound(tx: Tx, now: Date, incident: SosIncident, opener: Pick<ActorContext, 'locale' | 'timezone'>) {
  const people = await recipients(tx, incident)
  const routes = await memberRoutesMany(
    tx,
    people.map((p) => p.id),
  )
  const [openedBy] = await tx.select().from(members).where(eq(members.id, incident.openedBy))
  const card = incident.dependentId ? await medicalCard(tx, incident, now, opener.timezone) : undefined
  const body = alertText({ incident, from: openedBy?.name ?? 'someone', card, locale: opener.locale })
  const messages: NewOutboxMessage[] = []
  const events: NewEvent[] = []
  for (const person of people) {
    for (const route of routes.get(person.id) ?? []) {
      const key = `sos:${incident.id}:${incident.round}:${person.id}:${route.channel}`
      messages.push({
        ...urgent(incident, person.id, key, 'sos_alert', body),
        channel: route.channel,
        toAddress: route.address,
        payload: { kind: 'sos_alert', incidentId: incident.id },
      })
      events.push({
        kind: 'alert',
        memberId: person.id,
        channel: route.channel,
        round: incident.round,
        detail: { key },
      })
    }
    const phone = (routes.get(person.id) ?? []).find((r) => r.channel === 'sms' || r.channel === 'whatsapp')
    if (incident.round >= 2 && phone) {
      const key = `sos:${incident.id}:${incident.round}:${person.id}:voice`
      const say = callText({ incident, from: openedBy?.name ?? 'someone' })
      messages.push({
        ...urgent(incident, person.id, key, 'sos_call', say),
        channel: 'voice',
        toAddress: phone.address,
      })
      events.push({ kind: 'call', memberId: person.id, channel: 'voice', round: incident.round, detail: { key } })
    }
  }
  await enqueueOutboxMany(tx, now, messages)
  await addEvents(tx, now, incident.id, events)
  return people.map((p) => p.name)
}

const urgent = (incident: SosIncident, memberId: string, key: string, kind: string, body: string) => ({
  idempotencyKey: key,
  familyId: incident.familyId,
  memberId,
  kind,
  body,
  urgent: true,
})

/**
 * Sends the next round of every open incident whose timer is due, in the caller's transaction (the
 * scheduler's tick): the round, its calls and the next timer commit together.
 */
export async function escalateDue(tx: Tx, now: Date, limit = 100): Promise<number> {
  const due = await tx
    .select()
    .from(sosIncidents)
    .where(and(lte(sosIncidents.nextEscalationAt, now), eq(sosIncidents.status, 'open')))
    .orderBy(asc(sosIncidents.nextEscalationAt))
    .limit(limit)
  for (const row of due) {
    const incident = { ...opened(tx, row), round: row.round + 1 }
    const next = new Date(now.getTime() + incident.intervalMinutes * 60_000)
    await tx
      .update(sosIncidents)
      .set({ round: incident.round, nextEscalationAt: next, updatedAt: now })
      .where(eq(sosIncidents.id, incident.id))
    await addEvent(tx, now, incident.id, { kind: 'escalated', round: incident.round })
    await sendRound(tx, now, incident, await getFamily(tx, incident.familyId))
  }
  return due.length
}

export interface Acknowledged {
  incident: SosIncident
  /** False when someone else had already acknowledged it. */
  first: boolean
  responder: string
}

/**
 * The first person to answer stops the escalation everywhere; everyone alerted so far, and the opener,
 * is told who is responding (urgent: no quiet hours).
 */
export async function acknowledgeSos(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  incident: SosIncident,
  via: 'text' | 'call' | 'slack',
): Promise<Acknowledged> {
  const [me] = await tx.select().from(members).where(eq(members.id, actor.memberId))
  if (incident.status !== 'open') {
    const [by] = incident.acknowledgedBy
      ? await tx.select().from(members).where(eq(members.id, incident.acknowledgedBy))
      : []
    return { incident, first: false, responder: by?.name ?? 'someone' }
  }
  await tx
    .update(sosIncidents)
    .set({
      status: 'acknowledged',
      acknowledgedBy: actor.memberId,
      acknowledgedAt: now,
      nextEscalationAt: null,
      updatedAt: now,
    })
    .where(and(eq(sosIncidents.id, incident.id), eq(sosIncidents.status, 'open')))
  await addEvent(tx, now, incident.id, { kind: 'acknowledged', memberId: actor.memberId, detail: { via } })
  const acked = { ...incident, status: 'acknowledged' as const, acknowledgedBy: actor.memberId, acknowledgedAt: now }
  await tellEveryone(tx, now, acked, `ack`, acknowledgedText(me?.name ?? 'Someone'), actor.memberId)
  await editAlerts(tx, now, acked, 'ack', acknowledgedText(me?.name ?? 'Someone'))
  return { incident: acked, first: true, responder: me?.name ?? 'someone' }
}

/** "false alarm" / "cancel sos" (cancelled) and "all clear" (resolved): closes it and tells everyone. */
export async function closeSos(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  incident: SosIncident,
  how: 'cancelled' | 'resolved',
): Promise<SosIncident> {
  if (
    incident.openedBy !== actor.memberId &&
    incident.acknowledgedBy !== actor.memberId &&
    !['owner', 'admin'].includes(actor.role)
  ) {
    throw new DomainError(
      'forbidden',
      'close sos',
      'Only the person who sent the SOS, the responder or a parent can close it.',
    )
  }
  await tx
    .update(sosIncidents)
    .set({ status: how, closedAt: now, nextEscalationAt: null, updatedAt: now })
    .where(eq(sosIncidents.id, incident.id))
  await addEvent(tx, now, incident.id, { kind: how, memberId: actor.memberId })
  const [me] = await tx.select().from(members).where(eq(members.id, actor.memberId))
  const closed = { ...incident, status: how, closedAt: now }
  await tellEveryone(tx, now, closed, how, closedText(how, me?.name ?? 'Someone'), actor.memberId)
  await editAlerts(tx, now, closed, how, closedText(how, me?.name ?? 'Someone'))
  return closed
}

/** One message to everyone alerted so far and the opener, except `except`, on their first channel. */
async function tellEveryone(tx: Tx, now: Date, incident: SosIncident, what: string, body: string, except: string) {
  const alerted = await tx
    .selectDistinct({ memberId: sosEvents.memberId })
    .from(sosEvents)
    .where(and(eq(sosEvents.incidentId, incident.id), inArray(sosEvents.kind, ['alert', 'opened'])))
  const ids = alerted.map((a) => a.memberId).filter((id): id is string => Boolean(id) && id !== except)
  const routes = await memberRoutesMany(tx, ids)
  const messages: NewOutboxMessage[] = []
  for (const id of ids) {
    const route = routes.get(id)?.[0]
    if (!route) continue
    messages.push({
      ...urgent(incident, id, `sos:${incident.id}:${what}:${id}`, `sos_${what}`, body),
      channel: route.channel,
      toAddress: route.address,
    })
  }
  await enqueueOutboxMany(tx, now, messages)
}

/**
 * Alerts already delivered where a message can be edited (Slack) are rewritten: what happened on top,
 * and no Acknowledge button any more. Alerts not yet sent are dropped by the outbox (the SOS is answered).
 */
async function editAlerts(tx: Tx, now: Date, incident: SosIncident, what: string, note: string) {
  const rows = await editableMessages(tx, { kind: 'sos_alert', keyPrefix: `sos:${incident.id}:` })
  await enqueueEdits(tx, now, rows, {
    what: `sos:${what}`,
    body: (row) => answeredAlertText(row.body, note),
    payload: () => ({ kind: 'sos_alert', incidentId: incident.id, answered: true }),
  })
}

/** True when this member was sent an alert of the incident: only they can acknowledge it by text. */
export async function wasAlerted(tx: Tx, incidentId: string, memberId: string): Promise<boolean> {
  const [hit] = await tx
    .select({ id: sosEvents.id })
    .from(sosEvents)
    .where(and(eq(sosEvents.incidentId, incidentId), eq(sosEvents.memberId, memberId), eq(sosEvents.kind, 'alert')))
    .limit(1)
  return Boolean(hit)
}

/** The timeline, oldest first. */
export async function sosTimeline(tx: Tx, incidentId: string): Promise<SosEvent[]> {
  return await tx
    .select()
    .from(sosEvents)
    .where(eq(sosEvents.incidentId, incidentId))
    .orderBy(asc(sosEvents.at), asc(sosEvents.id))
}

/** The family's latest incident within a day, for "sos status". */
export async function latestSos(tx: Tx, actor: ActorContext, now: Date): Promise<SosIncident | undefined> {
  const [row] = await tx
    .select()
    .from(sosIncidents)
    .where(
      and(eq(sosIncidents.familyId, actor.familyId), gte(sosIncidents.createdAt, new Date(now.getTime() - 86_400_000))),
    )
    .orderBy(desc(sosIncidents.createdAt))
    .limit(1)
  return row ? opened(tx, row) : undefined
}

/** The parts of an SOS call's outbox key `sos:<incident>:<round>:<member>:voice`. */
export function parseCallKey(key: string): { incidentId: string; round: number; memberId: string } | undefined {
  // A call is one row, but a split key (`…:voice#2`) must still name its incident.
  const m = /^sos:([^:]+):(\d+):([^:]+):voice(?:#\d+)?$/.exec(key)
  return m?.[1] && m[3] ? { incidentId: m[1], round: Number(m[2]), memberId: m[3] } : undefined
}

/** A call's outcome from Twilio's status callback, on the timeline. */
export async function recordCallStatus(tx: Tx, now: Date, key: string, status: string): Promise<void> {
  const call = parseCallKey(key)
  if (!call) return
  const { incidentId, round, memberId } = call
  await addEvent(tx, now, incidentId, {
    kind: 'call_status',
    memberId,
    channel: 'voice',
    round,
    detail: { status },
  })
}

type NewEvent = Partial<Omit<SosEvent, 'id' | 'incidentId' | 'at'>> & { kind: SosEvent['kind'] }

const addEvent = (tx: Tx, now: Date, incidentId: string, e: NewEvent) => addEvents(tx, now, incidentId, [e])

/** Timeline rows, in one INSERT (a round to fifty contacts is a hundred of them). */
async function addEvents(tx: Tx, now: Date, incidentId: string, events: NewEvent[]) {
  if (!events.length) return
  const rows = events.map((e) => ({
    id: newId('sev'),
    incidentId,
    at: now,
    kind: e.kind,
    memberId: e.memberId ?? null,
    channel: e.channel ?? null,
    round: e.round ?? null,
    detail: e.detail ?? null,
  }))
  for (let i = 0; i < rows.length; i += 500) await tx.insert(sosEvents).values(rows.slice(i, i + 500))
}
