import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { nextOccurrence, type Recurrence } from '../../lib/recurrence.js'
import type { ActorContext } from '../actor.js'
import { type Schedule, type ScheduleDetail, schedules } from '../schedules/schema.js'

/**
 * The member's digest as a `digest` schedule: daily at `at` (`HH:mm`) on the family's wall clock, so the
 * scheduler's RRULE machinery keeps it at that local time through DST (docs/decisions/0018).
 */
export async function startDigestSchedule(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  at: string,
  detail: ScheduleDetail | null = null,
): Promise<Schedule> {
  const today = DateTime.fromJSDate(now, { zone: actor.timezone }).toISODate()
  const recurrence: Recurrence = { dtstart: `${today}T${at}`, rrule: 'FREQ=DAILY', timezone: actor.timezone }
  const row: Schedule = {
    id: newId('sch'),
    familyId: actor.familyId,
    kind: 'digest',
    memberId: actor.memberId,
    createdBy: actor.memberId,
    body: 'digest',
    dtstart: recurrence.dtstart,
    rrule: recurrence.rrule ?? null,
    timezone: actor.timezone,
    nextRunAt: nextOccurrence(recurrence, now) ?? null,
    status: 'active',
    urgent: false,
    medicationId: null,
    dependentId: null,
    dedupeKey: null,
    detail,
    createdAt: now,
    updatedAt: now,
  }
  await tx.insert(schedules).values({ ...row, body: tx.fields.seal(row.body) })
  return row
}

export async function stopDigestSchedule(tx: Tx, now: Date, scheduleId: string): Promise<void> {
  await tx
    .update(schedules)
    .set({ status: 'cancelled', nextRunAt: null, updatedAt: now })
    .where(eq(schedules.id, scheduleId))
}
