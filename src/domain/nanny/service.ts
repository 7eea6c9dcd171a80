/**
 * Caregivers' shifts, clock in / clock out, handoffs and hours (docs/decisions/0025). Every function
 * takes the verified actor; the tools decide who may call which.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, like, lt, or } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { nextOccurrence } from '../../lib/recurrence.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { memberName } from '../families/queries.js'
import { type Member, members } from '../families/schema.js'
import { insertDerived } from '../schedules/derived.js'
import { schedules } from '../schedules/schema.js'
import { type Shift, type ShiftPunch, shiftPunches, shiftSkips, shifts } from './schema.js'
import { firstDate, movedRule, type Occurrence, shiftOccurrences, type Weekday, weeklyRule } from './time.js'

export interface NewShift {
  memberId: string
  /** The first (or only) date, local `YYYY-MM-DD`; a weekly shift starts on the first of its days from here. */
  date: string
  /** Local `HH:mm`. */
  start: string
  minutes: number
  /** Weekly on these days; absent for a one-off. */
  days?: Weekday[]
  /** 2: every other week (weekly shifts only). */
  every?: 1 | 2
  /** The last date a weekly shift starts on, local `YYYY-MM-DD`; absent: until stopped. */
  until?: string
  coverOf?: string
}

/** A shift is at most 24 hours: a longer one is almost certainly a typo ("8-5" read the wrong way). */
const MAX_MINUTES = 24 * 60

/** Adds a shift and its reminders: the evening before, an hour before, and the clock-in check. */
export async function createShift(tx: Tx, actor: ActorContext, now: Date, s: NewShift): Promise<Shift> {
  if (s.minutes <= 0 || s.minutes > MAX_MINUTES) {
    throw new DomainError('invalid_input', 'shift length', 'A shift must be between a minute and 24 hours long.')
  }
  const first = firstDate(s.date, s.days)
  if (!s.days?.length && (s.until || (s.every ?? 1) > 1)) {
    throw new DomainError(
      'invalid_input',
      'end date or every other week on a one-off',
      'That is a one-off shift: give its days to repeat it.',
    )
  }
  if (s.until && s.until < first) {
    throw new DomainError('invalid_input', 'shift ends before it starts', 'That end date is before the first shift.')
  }
  const worker = await activeMember(tx, actor, s.memberId)
  const rrule = weeklyRule(s.days, { every: s.every, until: s.until })
  const row: Shift = {
    id: newId('shf'),
    familyId: actor.familyId,
    memberId: worker.id,
    createdBy: actor.memberId,
    dtstart: `${first}T${s.start}`,
    minutes: s.minutes,
    rrule,
    timezone: actor.timezone,
    status: 'active',
    coverOf: s.coverOf ?? null,
    createdAt: now,
    updatedAt: now,
  }
  // "Mon–Fri 8–5 until today" at 6 pm: every day of it is over, and nobody should be told it was added.
  if (row.rrule && s.until && !nextShiftOccurrence(row, now)) {
    throw new DomainError('invalid_input', 'shift already over', 'Every day of that shift is already past.')
  }
  await tx.insert(shifts).values(row)
  await armShiftSchedules(tx, now, row)
  await audit(tx, actor, now, 'shift.create', row.id)
  return row
}

/** The wall-clock moves of each reminder from the shift's start. */
const STEPS = {
  eve: { dayDelta: -1, at: '19:00' },
  soon: { minutes: -60 },
  check: { minutes: 15 },
} as const

/**
 * One `shift` schedule per step, each the shift's own rule moved on the wall clock, starting at its
 * next occurrence (a reminder already past when the shift is added is not sent late).
 */
async function armShiftSchedules(tx: Tx, now: Date, s: Shift): Promise<void> {
  for (const step of ['eve', 'soon', 'check'] as const) {
    const moved = movedRule(s, STEPS[step])
    const at = nextOccurrence({ ...moved, timezone: s.timezone }, now)
    if (!at) continue
    await insertDerived(tx, now, {
      familyId: s.familyId,
      kind: 'shift',
      memberId: s.memberId,
      createdBy: s.createdBy,
      body: `shift ${step}`,
      timezone: s.timezone,
      dtstart: moved.dtstart,
      rrule: moved.rrule,
      dedupeKey: `shift:${s.id}:${step}`,
      detail: { shiftId: s.id, shiftStep: step },
      at,
    })
  }
}

/** Stops a shift (every future occurrence) and its reminders. */
export async function stopShift(tx: Tx, actor: ActorContext, now: Date, shiftId: string): Promise<void> {
  await tx
    .update(shifts)
    .set({ status: 'stopped', updatedAt: now })
    .where(and(eq(shifts.id, shiftId), eq(shifts.familyId, actor.familyId)))
  await tx
    .update(schedules)
    .set({ status: 'cancelled', nextRunAt: null, updatedAt: now })
    .where(like(schedules.dedupeKey, `shift:${shiftId}:%`))
  await audit(tx, actor, now, 'shift.stop', shiftId)
}

/** A member's (or the whole family's) active shifts. */
export async function activeShifts(tx: Tx, actor: ActorContext, memberId?: string): Promise<Shift[]> {
  return await tx
    .select()
    .from(shifts)
    .where(
      and(
        eq(shifts.familyId, actor.familyId),
        eq(shifts.status, 'active'),
        memberId ? eq(shifts.memberId, memberId) : undefined,
      ),
    )
    .orderBy(asc(shifts.createdAt), asc(shifts.id))
}

/**
 * A new shift's first occurrence still to come (or, when none is, the one under way), skips aside: what to
 * tell its nanny. Not limited to a week: a shift may start months out.
 */
export function nextShiftOccurrence(shift: Shift, now: Date): Occurrence | undefined {
  const from = new Date(now.getTime() - MAX_MINUTES * 60_000)
  const to = new Date(now.getTime() + 400 * 86_400_000)
  const upcoming = shiftOccurrences(shift, from, to, 20).filter((o) => o.end > now)
  // One not yet started first ("starting Fri 6 Mar" when added during Thursday's); else the one under way.
  return upcoming.find((o) => o.start >= now) ?? upcoming[0]
}

/** The last occurrence of a weekly shift that ends (its end date may fall on a week off), or undefined. */
export function lastShiftOccurrence(shift: Shift, now: Date): Occurrence | undefined {
  if (!shift.rrule?.includes('UNTIL=')) return undefined
  // Weekly for at most ~8 years is 3,000 occurrences; an end date past that is read as "no end" here.
  return shiftOccurrences(shift, now, new Date(now.getTime() + 3000 * 86_400_000), 3000).at(-1)
}

export interface PlannedShift extends Occurrence {
  shift: Shift
  worker: string
}

/** Occurrences of the family's shifts (or one member's) starting in [from, to], skipped days left out. */
export async function plannedShifts(
  tx: Tx,
  actor: ActorContext,
  window: { from: Date; to: Date },
  memberId?: string,
): Promise<PlannedShift[]> {
  const list = await activeShifts(tx, actor, memberId)
  if (!list.length) return []
  const skips = await tx
    .select()
    .from(shiftSkips)
    .where(
      inArray(
        shiftSkips.shiftId,
        list.map((s) => s.id),
      ),
    )
  const names = await memberNames(tx, actor.familyId)
  const skipped = new Set(skips.map((k) => `${k.shiftId}|${k.date}`))
  return list
    .flatMap((shift) =>
      shiftOccurrences(shift, window.from, window.to)
        .filter((o) => !skipped.has(`${shift.id}|${o.date}`))
        .map((o) => ({ ...o, shift, worker: names.get(shift.memberId) ?? 'someone' })),
    )
    .sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** The occurrence of a member's shifts on a local date, if any (the first one that day). */
export async function shiftOnDate(
  tx: Tx,
  actor: ActorContext,
  memberId: string,
  date: string,
): Promise<PlannedShift | undefined> {
  const day = DateTime.fromISO(date, { zone: actor.timezone })
  const found = await plannedShifts(tx, actor, { from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate() }, memberId)
  return found.find((p) => p.date === date)
}

/** Cancels one day of a member's shifts. */
export async function cancelShiftDay(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  memberId: string,
  date: string,
): Promise<PlannedShift> {
  const planned = await shiftOnDate(tx, actor, memberId, date)
  if (!planned) throw noShift((await memberName(tx, memberId)) ?? 'They', date, actor.timezone)
  await skip(tx, actor, now, planned.shift.id, date, 'cancelled')
  return planned
}

/**
 * A swap: `coverId` works `memberId`'s shift on `date` instead. The original day is skipped and a
 * one-off shift at the same times is added for the cover, with its own reminders and clock-in check.
 */
export async function coverShiftDay(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  m: { memberId: string; coverId: string; date: string },
): Promise<{ planned: PlannedShift; cover: Shift }> {
  if (m.memberId === m.coverId) throw new DomainError('invalid_input', 'self cover', 'That’s the same person.')
  const planned = await shiftOnDate(tx, actor, m.memberId, m.date)
  if (!planned) throw noShift((await memberName(tx, m.memberId)) ?? 'They', m.date, actor.timezone)
  await skip(tx, actor, now, planned.shift.id, m.date, 'covered')
  const cover = await createShift(tx, actor, now, {
    memberId: m.coverId,
    date: m.date,
    start: DateTime.fromJSDate(planned.start, { zone: actor.timezone }).toFormat('HH:mm'),
    minutes: planned.shift.minutes,
    coverOf: planned.shift.id,
  })
  return { planned, cover }
}

async function skip(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  shiftId: string,
  date: string,
  reason: 'cancelled' | 'covered',
): Promise<void> {
  await tx
    .insert(shiftSkips)
    .values({
      id: newId('skp'),
      familyId: actor.familyId,
      shiftId,
      date,
      reason,
      createdBy: actor.memberId,
      createdAt: now,
    })
    .onConflictDoNothing()
  await audit(tx, actor, now, `shift.${reason === 'cancelled' ? 'cancel_day' : 'cover_day'}`, shiftId)
}

/** Whether a day of a shift was cancelled or covered. */
export async function isSkipped(tx: Tx, shiftId: string, date: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: shiftSkips.id })
    .from(shiftSkips)
    .where(and(eq(shiftSkips.shiftId, shiftId), eq(shiftSkips.date, date)))
  return Boolean(row)
}

/**
 * A punch still open this long after clocking in is treated as forgotten, not as a 30-hour shift: the
 * longest shift (24 h) and two hours to spare.
 */
const OPEN_PUNCH_MS = MAX_MINUTES * 60_000 + 2 * 3_600_000
/** A clock-in this long before a shift's start (or any time during it) counts for that shift. */
export const EARLY_MS = 2 * 60 * 60 * 1000

export async function openPunch(tx: Tx, actor: ActorContext, now: Date): Promise<ShiftPunch | undefined> {
  const [row] = await tx
    .select()
    .from(shiftPunches)
    .where(
      and(
        eq(shiftPunches.memberId, actor.memberId),
        isNull(shiftPunches.outAt),
        gte(shiftPunches.inAt, new Date(now.getTime() - OPEN_PUNCH_MS)),
      ),
    )
    .orderBy(desc(shiftPunches.inAt))
    .limit(1)
  return row
}

/** The actor clocks in at `at`: matched to the shift due around then, if any. */
export async function clockIn(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  at: Date,
): Promise<{ punch: ShiftPunch; planned?: PlannedShift; previous?: ShiftPunch }> {
  const open = await openPunch(tx, actor, now)
  if (open) {
    throw new DomainError(
      'conflict',
      'already clocked in',
      `You’re already clocked in (since ${clock(open.inAt, actor)}).`,
    )
  }
  const around = await plannedShifts(
    tx,
    actor,
    { from: new Date(at.getTime() - 12 * 3_600_000), to: new Date(at.getTime() + EARLY_MS) },
    actor.memberId,
  )
  const planned = around.filter((p) => p.end > at).at(0)
  const [previous] = await tx
    .select()
    .from(shiftPunches)
    .where(and(eq(shiftPunches.memberId, actor.memberId), lt(shiftPunches.inAt, at)))
    .orderBy(desc(shiftPunches.inAt))
    .limit(1)
  const punch: ShiftPunch = {
    id: newId('pun'),
    familyId: actor.familyId,
    memberId: actor.memberId,
    shiftId: planned?.shift.id ?? null,
    inAt: at,
    outAt: null,
    note: null,
    createdAt: now,
    updatedAt: now,
  }
  await tx.insert(shiftPunches).values(punch)
  await audit(tx, actor, now, 'shift.clock_in', punch.id)
  return { punch, planned, previous }
}

/** The actor clocks out at `at`, with an optional handoff note (sealed). */
export async function clockOut(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  m: { at: Date; note?: string },
): Promise<ShiftPunch> {
  const open = await openPunch(tx, actor, now)
  if (!open) {
    throw new DomainError('conflict', 'not clocked in', 'You’re not clocked in. Text HERE when you start a shift.')
  }
  if (m.at <= open.inAt) {
    throw new DomainError(
      'invalid_input',
      'clock out before clock in',
      `You clocked in at ${clock(open.inAt, actor)}; the time to clock out must be after that.`,
    )
  }
  const note = m.note?.trim() || null
  await tx
    .update(shiftPunches)
    .set({ outAt: m.at, note: note ? tx.fields.seal(note) : null, updatedAt: now })
    .where(eq(shiftPunches.id, open.id))
  await audit(tx, actor, now, 'shift.clock_out', open.id)
  return { ...open, outAt: m.at, note, updatedAt: now }
}

/**
 * Whether a member is clocked in for an occurrence starting at `start`: a clock-in from 2 h before it
 * until `now`, or one still open (or ending after the start) from an earlier shift running into it.
 */
export async function clockedInFor(tx: Tx, memberId: string, start: Date, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: shiftPunches.id })
    .from(shiftPunches)
    .where(
      and(
        eq(shiftPunches.memberId, memberId),
        gte(shiftPunches.inAt, new Date(start.getTime() - OPEN_PUNCH_MS)),
        lt(shiftPunches.inAt, new Date(now.getTime() + 1)),
        or(
          gte(shiftPunches.inAt, new Date(start.getTime() - EARLY_MS)),
          isNull(shiftPunches.outAt),
          gt(shiftPunches.outAt, start),
        ),
      ),
    )
    .limit(1)
  return Boolean(row)
}

export interface WorkedTime {
  memberId: string
  name: string
  /** Minutes worked in the period (an open punch counts up to now). */
  minutes: number
  /** Of those, beyond 40 hours in the week. */
  overtimeMinutes: number
  punches: { inAt: Date; outAt: Date | null; minutes: number }[]
}

/**
 * Overtime: hours beyond 40 in a work week. FLSA §7(a)(1) (29 U.S.C. §207(a)(1)) covers live-out
 * domestic workers, nannies included, since 1974 (US DOL Fact Sheet #79, "Private Homes and Domestic
 * Service Employment Under the FLSA"); live-in workers are exempt from overtime, which the family knows
 * and we do not, so we show the hours apart and leave the pay to them.
 */
export const OVERTIME_AFTER_MINUTES = 40 * 60

/**
 * Time worked in [from, to) per member (everyone with punches, or one), with overtime past 40 h. A
 * punch across the week's edge counts in each week for the hours worked in it (FLSA counts hours in
 * the workweek they are worked); an open punch counts up to now.
 */
export async function workedTime(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  week: { from: Date; to: Date },
  memberId?: string,
): Promise<WorkedTime[]> {
  const rows = await tx
    .select()
    .from(shiftPunches)
    .where(
      and(
        eq(shiftPunches.familyId, actor.familyId),
        memberId ? eq(shiftPunches.memberId, memberId) : undefined,
        gte(shiftPunches.inAt, new Date(week.from.getTime() - OPEN_PUNCH_MS)),
        lt(shiftPunches.inAt, week.to),
      ),
    )
    .orderBy(asc(shiftPunches.inAt))
  const names = await memberNames(tx, actor.familyId)
  const by = new Map<string, WorkedTime>()
  for (const p of rows) {
    const end = p.outAt ?? (now.getTime() - p.inAt.getTime() < OPEN_PUNCH_MS ? now : p.inAt)
    const from = Math.max(p.inAt.getTime(), week.from.getTime())
    const to = Math.min(end.getTime(), week.to.getTime())
    if (to <= from) continue
    const minutes = Math.round((to - from) / 60_000)
    const w = by.get(p.memberId) ?? {
      memberId: p.memberId,
      name: names.get(p.memberId) ?? 'someone',
      minutes: 0,
      overtimeMinutes: 0,
      punches: [],
    }
    w.minutes += minutes
    w.punches.push({ inAt: p.inAt, outAt: p.outAt, minutes })
    by.set(p.memberId, w)
  }
  return [...by.values()].map((w) => ({ ...w, overtimeMinutes: Math.max(0, w.minutes - OVERTIME_AFTER_MINUTES) }))
}

async function activeMember(tx: Tx, actor: ActorContext, memberId: string): Promise<Member> {
  const [m] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.familyId, actor.familyId)))
  if (!m || m.status === 'removed' || m.status === 'declined') throw new DomainError('not_found', 'shift member')
  if (m.status !== 'active') {
    throw new DomainError(
      'conflict',
      'shift member not active',
      `${m.name} hasn’t joined yet: shifts start once they reply YES.`,
    )
  }
  return m
}

async function memberNames(tx: Tx, familyId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(eq(members.familyId, familyId))
  return new Map(rows.map((r) => [r.id, r.name]))
}

function noShift(name: string, date: string, zone: string): DomainError {
  const day = DateTime.fromISO(date, { zone }).toFormat('cccc d LLLL')
  return new DomainError('not_found', 'no shift that day', `${name} has no shift on ${day}.`)
}

const clock = (at: Date, actor: ActorContext) => DateTime.fromJSDate(at, { zone: actor.timezone }).toFormat('h:mm a')

async function audit(tx: Tx, actor: ActorContext, now: Date, action: string, id: string) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType: action.includes('clock') ? 'shift_punch' : 'shift',
    subjectId: id,
  })
}
