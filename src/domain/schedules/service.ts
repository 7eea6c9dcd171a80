import { and, asc, desc, eq, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { perConnection, placeholders } from '../../db/prepared.js'
import { newId } from '../../lib/ids.js'
import {
  dueAndNext,
  nextOccurrence,
  occurrencesBetween,
  type Recurrence,
  recurrenceProblem,
} from '../../lib/recurrence.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { sendDigests } from '../digest/fire.js'
import { DomainError } from '../errors.js'
import { members } from '../families/schema.js'
import { enqueueOutboxMany, enqueueToMember, memberRoutesMany, type NewOutboxMessage } from '../outbox/service.js'
import { can } from '../permissions.js'
import type { Firing } from './firing.js'
import { kindHooks, splitByKind } from './kinds.js'
import { type Schedule, type ScheduleRun, scheduleRuns, schedules } from './schema.js'
import { missedSummary, reminderText } from './words.js'

export interface NewReminder {
  /** Who receives it; the actor themself when absent. */
  memberId?: string
  body: string
  /** Local wall clock `YYYY-MM-DDTHH:mm` in the family's zone. */
  dtstart: string
  rrule?: string
}

/** A reminder for oneself, or (a parent) for another member. The first occurrence must be ahead. */
export async function createReminder(tx: Tx, actor: ActorContext, now: Date, input: NewReminder): Promise<Schedule> {
  const memberId = input.memberId ?? actor.memberId
  if (memberId !== actor.memberId && !can(actor.role, 'reminders:others')) {
    throw new DomainError('forbidden', 'reminders for others', 'Only a parent can set reminders for someone else.')
  }
  const [recipient] = await tx
    .select({ id: members.id, status: members.status })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.familyId, actor.familyId)))
  if (!recipient || recipient.status === 'removed') throw new DomainError('not_found', `member ${memberId}`)
  const body = input.body.trim()
  if (!body || body.length > 300) {
    throw new DomainError('invalid_input', 'reminder text', 'A reminder needs a few words, at most 300 characters.')
  }
  const recurrence: Recurrence = { dtstart: input.dtstart, rrule: input.rrule ?? null, timezone: actor.timezone }
  const problem = recurrenceProblem(recurrence)
  if (problem) throw new DomainError('invalid_input', `reminder: ${problem}`)
  const first = nextOccurrence(recurrence, now)
  if (!first) throw new DomainError('invalid_input', 'reminder in the past', 'That time has already passed.')
  const row: Schedule = {
    id: newId('sch'),
    familyId: actor.familyId,
    kind: 'reminder',
    memberId,
    createdBy: actor.memberId,
    body,
    dtstart: input.dtstart,
    rrule: input.rrule ?? null,
    timezone: actor.timezone,
    nextRunAt: first,
    status: 'active',
    urgent: false,
    medicationId: null,
    dependentId: null,
    dedupeKey: null,
    detail: null,
    createdAt: now,
    updatedAt: now,
  }
  await tx.insert(schedules).values({ ...row, body: tx.fields.seal(body) })
  await audit(tx, actor, now, 'schedule.create', row.id)
  return row
}

/** The actor's active reminders (and, for a parent, the ones they set for others), soonest first. */
export async function listReminders(tx: Tx, actor: ActorContext): Promise<Schedule[]> {
  const rows = await tx
    .select()
    .from(schedules)
    .where(
      and(
        eq(schedules.familyId, actor.familyId),
        eq(schedules.kind, 'reminder'),
        eq(schedules.status, 'active'),
        isNotNull(schedules.nextRunAt),
      ),
    )
    .orderBy(asc(schedules.nextRunAt), asc(schedules.id))
  return rows
    .filter((s) => s.memberId === actor.memberId || s.createdBy === actor.memberId)
    .map((s) => ({ ...s, body: tx.fields.open(s.body) }))
}

/** Cancels one of the actor's reminders (their own, or one they set). */
export async function cancelReminder(tx: Tx, actor: ActorContext, now: Date, scheduleId: string): Promise<Schedule> {
  const [row] = await tx
    .select()
    .from(schedules)
    .where(and(eq(schedules.id, scheduleId), eq(schedules.familyId, actor.familyId), eq(schedules.kind, 'reminder')))
  if (!row || (row.memberId !== actor.memberId && row.createdBy !== actor.memberId)) {
    throw new DomainError('not_found', `schedule ${scheduleId}`)
  }
  await tx
    .update(schedules)
    .set({ status: 'cancelled', nextRunAt: null, updatedAt: now })
    .where(eq(schedules.id, row.id))
  await audit(tx, actor, now, 'schedule.cancel', row.id)
  return { ...row, body: tx.fields.open(row.body), status: 'cancelled', nextRunAt: null }
}

/** The last reminder sent to the actor within `withinMs`, the one "done" and "snooze" answer. */
export async function lastSentRun(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  withinMs: number,
): Promise<{ run: ScheduleRun; schedule: Schedule } | undefined> {
  return await actorRun(
    tx,
    actor,
    and(
      // What a person answers with "done", "taken" or "snooze" — not a digest or a refill notice.
      inArray(schedules.kind, ['reminder', 'dose', 'dose_nudge']),
      inArray(scheduleRuns.status, ['sent', 'late']),
      gte(scheduleRuns.createdAt, new Date(now.getTime() - withinMs)),
    ),
  )
}

/**
 * One occurrence of a schedule sent to the actor, whatever became of it since (done, snoozed…): what a
 * button or a ✅ on that reminder's message answers. Undefined when it was not sent to them.
 */
export async function runOf(
  tx: Tx,
  actor: ActorContext,
  scheduleId: string,
  occurrenceAt: Date,
): Promise<{ run: ScheduleRun; schedule: Schedule } | undefined> {
  return await actorRun(
    tx,
    actor,
    and(eq(scheduleRuns.scheduleId, scheduleId), eq(scheduleRuns.occurrenceAt, occurrenceAt)),
  )
}

/** The newest run sent to the actor (in their family) that matches `where`, with its schedule opened. */
async function actorRun(
  tx: Tx,
  actor: ActorContext,
  where: SQL | undefined,
): Promise<{ run: ScheduleRun; schedule: Schedule } | undefined> {
  const [hit] = await tx
    .select({ run: scheduleRuns, schedule: schedules })
    .from(scheduleRuns)
    .innerJoin(schedules, eq(schedules.id, scheduleRuns.scheduleId))
    .where(and(eq(scheduleRuns.memberId, actor.memberId), eq(scheduleRuns.familyId, actor.familyId), where))
    .orderBy(desc(scheduleRuns.createdAt), desc(scheduleRuns.id))
    .limit(1)
  return hit ? { run: hit.run, schedule: { ...hit.schedule, body: tx.fields.open(hit.schedule.body) } } : undefined
}

/** Marks a sent reminder done (the recipient replied "done"). */
export async function markRunDone(tx: Tx, actor: ActorContext, now: Date, runId: string): Promise<void> {
  await tx
    .update(scheduleRuns)
    .set({ status: 'done', updatedAt: now })
    .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.memberId, actor.memberId)))
  await audit(tx, actor, now, 'schedule.done', runId)
}

/** "snooze 15": the same words again in `minutes`, as a one-off; the sent run is marked snoozed. */
export async function snoozeRun(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  hit: { run: ScheduleRun; schedule: Schedule },
  minutes: number,
): Promise<Schedule> {
  await tx.update(scheduleRuns).set({ status: 'snoozed', updatedAt: now }).where(eq(scheduleRuns.id, hit.run.id))
  // On the nearest minute, like every other reminder time: "snooze 15" at 7:00:20 is 7:15.
  const at = new Date(Math.round((now.getTime() + minutes * 60_000) / 60_000) * 60_000)
  const row: Schedule = {
    ...hit.schedule,
    id: newId('sch'),
    memberId: actor.memberId,
    createdBy: actor.memberId,
    dtstart: localMinute(at, actor.timezone),
    rrule: null,
    timezone: actor.timezone,
    nextRunAt: at,
    status: 'active',
    // A snoozed dose is still the same dose: its nudges stay keyed on the original time, made once.
    dedupeKey: null,
    detail:
      hit.schedule.kind === 'dose'
        ? { ...hit.schedule.detail, doseAt: hit.schedule.detail?.doseAt ?? hit.run.occurrenceAt.getTime() }
        : hit.schedule.detail,
    createdAt: now,
    updatedAt: now,
  }
  await tx.insert(schedules).values({ ...row, body: tx.fields.seal(row.body) })
  await audit(tx, actor, now, 'schedule.snooze', row.id)
  return row
}

export interface FireOptions {
  /** Occurrences at most this old are still sent (late, and saying so); older ones are missed. */
  graceMs: number
  /** Schedules handled per call (one transaction): a backlog goes in several, never holding the lock long. */
  batch: number
  /** A scheduled dose not logged this long after its time nudges the giver, then (as long again) a parent. */
  doseNudgeMs?: number
  /** A regimen's supply at or under this many days sends one refill reminder per crossing. */
  refillDays?: number
}

export interface FireResult {
  /** Due schedules handled in this call; equal to `batch` when more may be waiting. */
  claimed: number
  sent: number
  late: number
  missed: number
}

/** A message is "late" when it goes out more than this after its time (a tick is a few seconds). */
const LATE_AFTER_MS = 2 * 60_000
/** After a long outage, at most this many missed occurrences of one schedule are recorded one by one. */
const MAX_CATCH_UP = 50

/**
 * Turns due schedules into outbox rows and advances them, in the caller's transaction: the messages,
 * their run rows and the new `next_run_at` commit together, so a crash repeats or loses nothing, and a
 * second scheduler on the same database (serialized by SQLite's write lock) finds them advanced. The
 * outbox key `sch:<schedule>:<occurrence>` makes even a replayed occurrence a no-op. A batch is written
 * with a few multi-row statements, so a backlog of 100,000 drains in seconds.
 */
export async function fireDue(tx: Tx, now: Date, opts: FireOptions): Promise<FireResult> {
  const due = await tx
    .select({ schedule: schedules, status: members.status })
    .from(schedules)
    .innerJoin(members, eq(members.id, schedules.memberId))
    .where(lte(schedules.nextRunAt, now))
    .orderBy(asc(schedules.nextRunAt))
    .limit(opts.batch)
  const gone = due.filter((d) => d.status === 'removed').map((d) => d.schedule.id)
  if (gone.length) {
    // The recipient left the family: nothing more is sent to them.
    await tx
      .update(schedules)
      .set({ status: 'cancelled', nextRunAt: null, updatedAt: now })
      .where(inArray(schedules.id, gone))
  }
  const firings = due
    .filter((d) => d.status !== 'removed')
    .map((d) => plan({ ...d.schedule, body: tx.fields.open(d.schedule.body) }, now, opts.graceMs))
  const recorded = await recordRuns(tx, now, firings)
  const fresh = firings.filter((f) => f.send && recorded.has(runKey(f.schedule.id, f.send.at)))
  // Kinds other than person-set reminders word their own messages and write their follow-ups (kinds.ts);
  // a digest has its own module (docs/decisions/0020).
  const { plain, byKind } = splitByKind(fresh.filter((f) => f.schedule.kind !== 'digest'))
  await sendReminders(tx, now, plain)
  for (const [hook, list] of byKind) await enqueueOutboxMany(tx, now, await hook.send(tx, now, list, opts))
  await sendDigests(
    tx,
    now,
    firings.filter((f) => f.schedule.kind === 'digest'),
    recorded,
  )
  await advance(tx, now, firings)
  await summarizeMissed(
    tx,
    now,
    firings.filter((f) => f.schedule.kind !== 'digest' && !kindHooks[f.schedule.kind]?.quietWhenMissed),
  )
  return {
    claimed: due.length,
    sent: fresh.length,
    late: firings.filter((f) => f.send?.late).length,
    missed: firings.reduce((n, f) => n + f.missed.length, 0),
  }
}

/** Which occurrences of one schedule are due, which of them is still worth sending, and what comes next. */
function plan(s: Schedule, now: Date, graceMs: number): Firing {
  const recurrence: Recurrence = { dtstart: s.dtstart, rrule: s.rrule, timezone: s.timezone }
  const since = s.nextRunAt ?? now
  const { due, next } = s.rrule
    ? dueAndNext(recurrence, since, now, MAX_CATCH_UP)
    : { due: occurrencesBetween(recurrence, since, now, 1), next: undefined }
  if (!due.length) due.push(since) // a snooze, placed by instant rather than on the wall clock
  // After a long outage only the oldest MAX_CATCH_UP occurrences are listed: the latest one (which may
  // still be inside the grace window) is looked up on its own, so it is never dropped.
  if (s.rrule && due.length >= MAX_CATCH_UP) {
    const recent = occurrencesBetween(
      recurrence,
      new Date(Math.max(since.getTime(), now.getTime() - graceMs)),
      now,
      10_000,
    ).at(-1)
    if (recent && recent > (due.at(-1) as Date)) due.push(recent)
  }
  const last = due.at(-1) as Date
  const sendAt = kindHooks[s.kind]?.ignoresGrace || now.getTime() - last.getTime() <= graceMs ? last : undefined
  return {
    schedule: s,
    send: sendAt ? { at: sendAt, late: now.getTime() - sendAt.getTime() > LATE_AFTER_MS } : undefined,
    missed: due.filter((at) => at !== sendAt),
    next,
  }
}

const runKey = (scheduleId: string, at: Date) => `${scheduleId}:${at.getTime()}`

/** Records every handled occurrence; returns the keys newly recorded (an already recorded one is not sent again). */
async function recordRuns(tx: Tx, now: Date, firings: Firing[]): Promise<Set<string>> {
  const rows = firings.flatMap((f) => {
    const base = { scheduleId: f.schedule.id, familyId: f.schedule.familyId, memberId: f.schedule.memberId }
    const missed = f.missed.map((at) => ({ ...base, occurrenceAt: at, status: 'missed' as const, outboxKey: null }))
    const sent = f.send
      ? [
          {
            ...base,
            occurrenceAt: f.send.at,
            status: f.send.late ? ('late' as const) : ('sent' as const),
            outboxKey: `sch:${runKey(f.schedule.id, f.send.at)}`,
          },
        ]
      : []
    return [...missed, ...sent].map((r) => ({ ...r, id: newId('run'), createdAt: now, updatedAt: now }))
  })
  const insert = insertRun(tx)
  const recorded = new Set<string>()
  for (const row of rows) {
    if (await insert.get(row)) recorded.add(runKey(row.scheduleId, row.occurrenceAt))
  }
  return recorded
}

/** One run, prepared once per connection (db/prepared.ts); an occurrence already recorded returns no row. */
const insertRun = perConnection((tx) =>
  tx
    .insert(scheduleRuns)
    .values(
      placeholders([
        'id',
        'scheduleId',
        'familyId',
        'memberId',
        'occurrenceAt',
        'status',
        'outboxKey',
        'createdAt',
        'updatedAt',
      ] as const),
    )
    .onConflictDoNothing({ target: [scheduleRuns.scheduleId, scheduleRuns.occurrenceAt] })
    .returning({ id: scheduleRuns.id })
    .prepare(),
)

async function sendReminders(tx: Tx, now: Date, sending: Firing[]): Promise<void> {
  const routes = await memberRoutesMany(
    tx,
    sending.map((f) => f.schedule.memberId),
  )
  const names = await creatorNames(tx, sending)
  const messages: NewOutboxMessage[] = []
  for (const f of sending) {
    const route = routes.get(f.schedule.memberId)?.[0]
    if (!route || !f.send) continue // no channel left to reach them on: the run says it was due
    messages.push({
      idempotencyKey: `sch:${runKey(f.schedule.id, f.send.at)}`,
      familyId: f.schedule.familyId,
      memberId: f.schedule.memberId,
      channel: route.channel,
      toAddress: route.address,
      kind: 'reminder',
      urgent: f.schedule.urgent,
      body: reminderText(f.schedule, names.get(f.schedule.createdBy), f.send.late ? f.send.at : undefined),
      payload: { kind: 'reminder', scheduleId: f.schedule.id, occurrence: f.send.at.getTime() },
    })
  }
  await enqueueOutboxMany(tx, now, messages)
}

/** The names of whoever set reminders for someone else ("Reminder from Ana"). */
async function creatorNames(tx: Tx, firings: Firing[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(firings.filter((f) => f.schedule.createdBy !== f.schedule.memberId).map((f) => f.schedule.createdBy)),
  ]
  if (!ids.length) return new Map()
  const rows = await tx.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Moves each schedule to its next occurrence (or ends it), grouping schedules that share one. */
async function advance(tx: Tx, now: Date, firings: Firing[]): Promise<void> {
  const groups = new Map<number, string[]>()
  for (const f of firings) {
    const key = f.next?.getTime() ?? -1
    const ids = groups.get(key)
    if (ids) ids.push(f.schedule.id)
    else groups.set(key, [f.schedule.id])
  }
  for (const [next, ids] of groups) {
    for (let i = 0; i < ids.length; i += 1000) {
      await tx
        .update(schedules)
        .set(
          next < 0
            ? { nextRunAt: null, status: 'ended', updatedAt: now }
            : { nextRunAt: new Date(next), updatedAt: now },
        )
        .where(inArray(schedules.id, ids.slice(i, i + 1000)))
    }
  }
}

/** One message per member for everything an outage made us miss. */
async function summarizeMissed(tx: Tx, now: Date, firings: Firing[]): Promise<void> {
  const byMember = new Map<string, { schedule: Schedule; at: Date }[]>()
  for (const f of firings) {
    if (!f.missed.length) continue
    const list = byMember.get(f.schedule.memberId) ?? []
    list.push(...f.missed.map((at) => ({ schedule: f.schedule, at })))
    byMember.set(f.schedule.memberId, list)
  }
  for (const [memberId, list] of byMember) {
    const first = list[0]
    if (!first) continue
    await enqueueToMember(tx, now, {
      idempotencyKey: `sch-missed:${first.schedule.id}:${first.at.getTime()}`,
      familyId: first.schedule.familyId,
      memberId,
      kind: 'reminder_missed',
      body: missedSummary(list, first.schedule.timezone),
    })
  }
}

/** `YYYY-MM-DDTHH:mm` on the family's wall clock. */
const localMinute = (at: Date, timezone: string) =>
  DateTime.fromJSDate(at, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm")

async function audit(tx: Tx, actor: ActorContext, now: Date, action: string, id: string) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType: 'schedule',
    subjectId: id,
  })
}
