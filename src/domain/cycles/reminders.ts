/**
 * The opt-in reminder before her predicted period: one `cycle` schedule per member (dedupe key
 * `cycle:<member>`), a one-off at 9:00 local `remindDaysBefore` days before the predicted start. It is
 * re-armed whenever she logs a period start or a basal temperature or changes the setting, so it always follows the latest
 * prediction; it goes to her alone. The schedule's body says nothing about her ("cycle reminder"), and
 * `cycle` schedules are left out of the family export (docs/decisions/0028-cycles.md).
 */
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { localDate } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { insertDerived, localMinute, toMembers } from '../schedules/derived.js'
import type { KindHook } from '../schedules/kinds.js'
import { schedules } from '../schedules/schema.js'
import { type CyclePrediction, daysBetween } from './predict.js'
import { predictionOf } from './record.js'
import { cycleSettings } from './schema.js'
import { rangeName } from './words.js'

export const DEFAULT_REMIND_DAYS_BEFORE = 2
const REMIND_HOUR = 9

const dedupeKey = (memberId: string) => `cycle:${memberId}`

async function settingsOf(tx: Tx, memberId: string) {
  const [row] = await tx.select().from(cycleSettings).where(eq(cycleSettings.memberId, memberId))
  return row
}

/** When the reminder for this prediction is due (9:00 local), or undefined when that is already past. */
export function reminderAt(prediction: CyclePrediction, daysBefore: number, timezone: string, now: Date) {
  const day = DateTime.fromISO(prediction.nextStart.date, { zone: timezone }).minus({ days: daysBefore })
  const at = day.set({ hour: REMIND_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate()
  return at > now ? at : undefined
}

/**
 * Points her `cycle` schedule at the reminder for `prediction` (or stops it when she has not opted in,
 * or it is already past). Returns when it will come.
 */
export async function armCycleReminder(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  prediction: CyclePrediction | undefined,
): Promise<Date | undefined> {
  const settings = await settingsOf(tx, actor.memberId)
  const daysBefore = settings?.remindDaysBefore ?? null
  const at = daysBefore !== null && prediction ? reminderAt(prediction, daysBefore, actor.timezone, now) : undefined
  const key = dedupeKey(actor.memberId)
  const [existing] = await tx.select({ id: schedules.id }).from(schedules).where(eq(schedules.dedupeKey, key))
  if (existing) {
    await tx
      .update(schedules)
      .set({
        status: at ? 'active' : 'cancelled',
        nextRunAt: at ?? null,
        dtstart: at ? localMinute(at, actor.timezone) : localMinute(now, actor.timezone),
        timezone: actor.timezone,
        updatedAt: now,
      })
      .where(eq(schedules.id, existing.id))
    return at
  }
  if (!at) return undefined
  await insertDerived(tx, now, {
    familyId: actor.familyId,
    kind: 'cycle',
    memberId: actor.memberId,
    createdBy: actor.memberId,
    body: 'cycle reminder',
    timezone: actor.timezone,
    dedupeKey: key,
    at,
  })
  return at
}

/** Turns her reminder on (`daysBefore` days ahead) or off, and arms it from her current prediction. */
export async function setCycleReminder(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { on: boolean; daysBefore?: number },
): Promise<{ on: boolean; daysBefore: number | null; next?: Date; prediction?: CyclePrediction }> {
  const daysBefore = input.on ? (input.daysBefore ?? DEFAULT_REMIND_DAYS_BEFORE) : null
  await tx
    .insert(cycleSettings)
    .values({ memberId: actor.memberId, familyId: actor.familyId, remindDaysBefore: daysBefore, updatedAt: now })
    .onConflictDoUpdate({ target: cycleSettings.memberId, set: { remindDaysBefore: daysBefore, updatedAt: now } })
  const prediction = await currentPrediction(tx, actor.memberId, actor.timezone, now)
  const next = await armCycleReminder(tx, actor, now, prediction)
  return { on: input.on, daysBefore, next, prediction }
}

async function currentPrediction(tx: Tx, memberId: string, timezone: string, now: Date) {
  return await predictionOf(tx, memberId, localDate(now, timezone))
}

/** The reminder itself: worded from the prediction as it stands when it fires, to her only. */
export const cycleHook: KindHook = {
  ignoresGrace: true,
  quietWhenMissed: true,
  async send(tx, now, firings) {
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const s = f.schedule
      const settings = await settingsOf(tx, s.memberId)
      if (!f.send || settings?.remindDaysBefore == null) continue
      const p = await currentPrediction(tx, s.memberId, s.timezone, now)
      if (!p || p.lateDays > 0) continue
      const inDays = daysBetween(localDate(now, s.timezone), p.nextStart.date)
      const when = inDays <= 0 ? 'any day now' : inDays === 1 ? 'in about a day' : `in about ${inDays} days`
      const body =
        `🗓️ Heads-up: your period is likely to start ${when} (likely ${rangeName(p.nextStart)}). ` +
        'An estimate from your cycles. Reply “period started” when it does, or PERIOD REMINDERS OFF to stop these.'
      out.push(
        ...(await toMembers(tx, [s.memberId], {
          familyId: s.familyId,
          kind: 'cycle_reminder',
          key: (memberId) => `sch:${s.id}:${f.send?.at.getTime()}:${memberId}`,
          body: () => body,
        })),
      )
    }
    return out
  },
}

/** Her reminder setting: days before, or null when off. */
export async function cycleReminderSetting(tx: Tx, memberId: string): Promise<number | null> {
  return (await settingsOf(tx, memberId))?.remindDaysBefore ?? null
}
