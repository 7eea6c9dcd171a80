/**
 * Cycle tracking: periods, the days she logs (flow, symptoms, basal temperature, notes), predictions,
 * sharing. Every function decides whose record it touches through access.ts; nothing here takes a
 * member id from its input. No audit rows: the family audit log is visible in the family export, and
 * even "she logged a period on the 3rd" is hers (docs/decisions/0028-cycles.md).
 */
import { and, asc, desc, eq, gte } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { localDate } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { DomainError } from '../errors.js'
import { findMemberByName } from '../families/queries.js'
import { members } from '../families/schema.js'
import { type CycleOwner, readableOwner, writableOwner } from './access.js'
import { addDays, type CyclePrediction, daysBetween } from './predict.js'
import { predictionOf } from './record.js'
import { armCycleReminder } from './reminders.js'
import { type CycleDay, type CyclePeriod, cycleDays, cyclePeriods, cycleShares, type Flow } from './schema.js'

/** A start within this many days of a logged one corrects it instead of adding a cycle (a cycle is ≥ 15 days). */
export const SAME_PERIOD_DAYS = 10
/** A period longer than this is not a period end but a mistake (FIGO duration ≤ 8 days, §6 [FIGO-MSD]; margin). */
export const MAX_PERIOD_DAYS = 15

const today = (actor: ActorContext, now: Date) => localDate(now, actor.timezone)

function notFuture(actor: ActorContext, now: Date, date: string) {
  if (daysBetween(today(actor, now), date) > 0) {
    throw new DomainError('invalid_input', 'cycles: future date', 'That date is in the future.')
  }
}

async function periodsOf(tx: Tx, memberId: string): Promise<CyclePeriod[]> {
  return await tx
    .select()
    .from(cyclePeriods)
    .where(eq(cyclePeriods.memberId, memberId))
    .orderBy(asc(cyclePeriods.startDate))
}

/**
 * Her period started on `date` (default today). A start within SAME_PERIOD_DAYS of one already logged
 * moves that one ("it actually started yesterday"). Re-arms her reminder from the new prediction.
 */
export async function logPeriodStart(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { date?: string },
): Promise<{ period: CyclePeriod; corrected: boolean; prediction?: CyclePrediction }> {
  const me = await writableOwner(tx, actor)
  const date = input.date ?? today(actor, now)
  notFuture(actor, now, date)
  const periods = await periodsOf(tx, me.memberId)
  // The same start again changes nothing; otherwise the nearest start within SAME_PERIOD_DAYS moves.
  const same = periods.find((p) => p.startDate === date)
  const near =
    same ??
    periods
      .filter((p) => Math.abs(daysBetween(p.startDate, date)) < SAME_PERIOD_DAYS)
      .sort((a, b) => Math.abs(daysBetween(a.startDate, date)) - Math.abs(daysBetween(b.startDate, date)))[0]
  let period: CyclePeriod
  if (near) {
    period = { ...near, startDate: date, updatedAt: now }
    if (near.endDate && near.endDate < date) period.endDate = null
    await tx
      .update(cyclePeriods)
      .set({ startDate: date, endDate: period.endDate, updatedAt: now })
      .where(eq(cyclePeriods.id, near.id))
  } else {
    period = {
      id: newId('cyp'),
      familyId: actor.familyId,
      memberId: me.memberId,
      startDate: date,
      endDate: null,
      createdAt: now,
      updatedAt: now,
    }
    await tx.insert(cyclePeriods).values(period)
  }
  const prediction = await predictionFor(tx, actor, now, me)
  await armCycleReminder(tx, actor, now, prediction)
  return { period, corrected: Boolean(near && near.startDate !== date), prediction }
}

/** Her current (latest) period ended on `date` (default today). */
export async function logPeriodEnd(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { date?: string },
): Promise<{ period: CyclePeriod; days: number }> {
  const me = await writableOwner(tx, actor)
  const date = input.date ?? today(actor, now)
  notFuture(actor, now, date)
  const [latest] = await tx
    .select()
    .from(cyclePeriods)
    .where(eq(cyclePeriods.memberId, me.memberId))
    .orderBy(desc(cyclePeriods.startDate))
    .limit(1)
  const days = latest ? daysBetween(latest.startDate, date) + 1 : 0
  if (!latest || days < 1 || days > MAX_PERIOD_DAYS) {
    throw new DomainError(
      'not_found',
      'cycles: no period to end',
      'I don’t have a period start in the last two weeks. Say “period started 3 days ago” first.',
    )
  }
  await tx.update(cyclePeriods).set({ endDate: date, updatedAt: now }).where(eq(cyclePeriods.id, latest.id))
  return { period: { ...latest, endDate: date, updatedAt: now }, days }
}

export interface DayEntry {
  date?: string
  flow?: Flow
  symptoms?: string[]
  bbtC?: number
  /** The temperature was disturbed (ill, alcohol, a bad night, taken late): kept, left out of predictions. */
  bbtDisturbed?: boolean
  note?: string
}

/**
 * Flow, symptoms, basal temperature or a note for a day (default today). Symptoms and note are sealed.
 * A temperature re-arms her reminder (it may have confirmed her shift).
 */
export async function logCycleDay(tx: Tx, actor: ActorContext, now: Date, input: DayEntry): Promise<CycleDay> {
  const me = await writableOwner(tx, actor)
  const date = input.date ?? today(actor, now)
  notFuture(actor, now, date)
  const symptoms = input.symptoms?.length ? JSON.stringify([...new Set(input.symptoms)]) : null
  const row: CycleDay = {
    id: newId('cyd'),
    familyId: actor.familyId,
    memberId: me.memberId,
    date,
    flow: input.flow ?? null,
    symptoms,
    bbtC: input.bbtC ?? null,
    bbtDisturbed: input.bbtC !== undefined && input.bbtDisturbed === true,
    note: input.note?.trim() || null,
    createdAt: now,
  }
  await tx.insert(cycleDays).values({ ...row, symptoms: tx.fields.seal(symptoms), note: tx.fields.seal(row.note) })
  // A temperature can confirm her shift and move the prediction: the reminder follows it.
  if (row.bbtC !== null) await armCycleReminder(tx, actor, now, await predictionFor(tx, actor, now, me))
  return row
}

async function predictionFor(tx: Tx, actor: ActorContext, now: Date, owner: CycleOwner) {
  return await predictionOf(tx, owner.memberId, today(actor, now))
}

/** Her (or a member's who shares with the actor) predictions as of today. */
export async function cyclePrediction(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { whose?: string },
): Promise<{ owner: CycleOwner; prediction?: CyclePrediction }> {
  const owner = await readableOwner(tx, actor, input.whose)
  return { owner, prediction: await predictionFor(tx, actor, now, owner) }
}

export interface HistoryPeriod {
  start: string
  end: string | null
  /** Days to the next logged start (the cycle's length); null for the current cycle. */
  cycleDays: number | null
}

export interface HistoryDay {
  date: string
  flow: Flow | null
  symptoms: string[]
  bbtC: number | null
  /** She marked the temperature disturbed: shown, left out of the predictions. */
  bbtDisturbed: boolean
  note: string | null
}

/** Her last `limit` periods (newest first) and the days logged in the last `days` days, with the prediction. */
export async function cycleHistory(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { whose?: string; limit?: number; days?: number },
): Promise<{ owner: CycleOwner; periods: HistoryPeriod[]; days: HistoryDay[]; prediction?: CyclePrediction }> {
  const owner = await readableOwner(tx, actor, input.whose)
  const periods = await periodsOf(tx, owner.memberId)
  const since = addDays(today(actor, now), -(input.days ?? 45))
  const dayRows = await tx
    .select()
    .from(cycleDays)
    .where(and(eq(cycleDays.memberId, owner.memberId), gte(cycleDays.date, since)))
    .orderBy(desc(cycleDays.date), desc(cycleDays.createdAt))
  const list = periods.map((p, i) => {
    const next = periods[i + 1]
    return { start: p.startDate, end: p.endDate, cycleDays: next ? daysBetween(p.startDate, next.startDate) : null }
  })
  return {
    owner,
    periods: list.reverse().slice(0, input.limit ?? 12),
    days: dayRows.map((d) => ({
      date: d.date,
      flow: d.flow,
      symptoms: JSON.parse(tx.fields.open(d.symptoms) ?? '[]') as string[],
      bbtC: d.bbtC,
      bbtDisturbed: d.bbtDisturbed,
      note: tx.fields.open(d.note),
    })),
    prediction: await predictionFor(tx, actor, now, owner),
  }
}

/** Lets `member` (a name) read her cycles. Idempotent. */
export async function shareCycle(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { member: string },
): Promise<{ with: string; already: boolean }> {
  const me = await writableOwner(tx, actor)
  const viewer = await findMemberByName(tx, actor, input.member)
  if (viewer.id === me.memberId) {
    throw new DomainError('invalid_input', 'cycles: share with self', 'You can always see your own cycle.')
  }
  const inserted = await tx
    .insert(cycleShares)
    .values({
      id: newId('cys'),
      familyId: actor.familyId,
      ownerMemberId: me.memberId,
      viewerMemberId: viewer.id,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: cycleShares.id })
  return { with: viewer.name, already: inserted.length === 0 }
}

/** Stops sharing with `member`. Idempotent. */
export async function unshareCycle(
  tx: Tx,
  actor: ActorContext,
  input: { member: string },
): Promise<{ with: string; was: boolean }> {
  const me = await writableOwner(tx, actor)
  const viewer = await findMemberByName(tx, actor, input.member)
  const removed = await tx
    .delete(cycleShares)
    .where(and(eq(cycleShares.ownerMemberId, me.memberId), eq(cycleShares.viewerMemberId, viewer.id)))
    .returning({ id: cycleShares.id })
  return { with: viewer.name, was: removed.length > 0 }
}

/** Whom she shares with (names). */
export async function cycleSharesOf(tx: Tx, actor: ActorContext): Promise<string[]> {
  const me = await writableOwner(tx, actor)
  const rows = await tx
    .select({ name: members.name })
    .from(cycleShares)
    .innerJoin(members, eq(members.id, cycleShares.viewerMemberId))
    .where(eq(cycleShares.ownerMemberId, me.memberId))
    .orderBy(asc(members.name))
  return rows.map((r) => r.name)
}
