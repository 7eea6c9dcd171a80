/**
 * Reminders a week before each vaccine visit of a child: one-off `immunization` schedules written when
 * the child is added with a birth date (dedupe key `imm:<dependent>:<months>`), at 9:00 local seven days
 * before the date the visit's dose window opens (immunization-schedule.ts). When one fires it names the
 * doses of that visit the record does not hold yet, to every parent; when all are recorded it stays quiet.
 */
import { and, eq, isNull } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { dependents } from '../dependents/schema.js'
import type { Dependent } from '../dependents/service.js'
import { immunizationDueList, shotName, VISIT_MONTHS } from '../medical/immunization-schedule.js'
import { immunizations } from '../medical/schema.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { insertDerived, parentsOf, toMembers } from './derived.js'
import type { KindHook } from './kinds.js'

/** How long before the visit the parents hear of it. */
export const IMMUNIZATION_NOTICE_DAYS = 7
const NOTICE_HOUR = 9
/** Children only: the schedule ends with the 16-year booster. */
const LAST_VISIT_MONTHS = Math.max(...VISIT_MONTHS)

/** Writes the child's future visit reminders (idempotent). Returns how many are scheduled. */
export async function scheduleImmunizationReminders(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dep: Pick<Dependent, 'id' | 'familyId' | 'name' | 'birthDate'>,
): Promise<number> {
  if (!dep.birthDate) return 0
  const born = DateTime.fromISO(dep.birthDate, { zone: actor.timezone })
  let made = 0
  for (const months of VISIT_MONTHS) {
    if (months > LAST_VISIT_MONTHS) break
    const notice = born.plus({ months, days: -IMMUNIZATION_NOTICE_DAYS }).set({ hour: NOTICE_HOUR })
    const at = notice.toJSDate()
    if (at <= now) continue
    await insertDerived(tx, now, {
      familyId: dep.familyId,
      kind: 'immunization',
      memberId: actor.memberId,
      createdBy: actor.memberId,
      body: `${dep.name}'s ${visitName(months)} shots`,
      timezone: actor.timezone,
      dependentId: dep.id,
      dedupeKey: `imm:${dep.id}:${months}`,
      detail: { visitMonths: months },
      at,
    })
    made++
  }
  return made
}

/** "2-month", "15-month", "4-year", "11-year". */
export const visitName = (months: number) => (months < 24 ? `${months}-month` : `${Math.floor(months / 12)}-year`)

export const immunizationHook: KindHook = {
  ignoresGrace: true,
  quietWhenMissed: true,
  async send(tx, _now, firings) {
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const months = f.schedule.detail?.visitMonths
      const [dep] = f.schedule.dependentId
        ? await tx
            .select()
            .from(dependents)
            .where(and(eq(dependents.id, f.schedule.dependentId), isNull(dependents.deletedAt)))
        : []
      if (months === undefined || !dep?.birthDate || !f.send) continue
      const visit = DateTime.fromISO(dep.birthDate, { zone: f.schedule.timezone }).plus({ months })
      const recorded = await tx
        .select({ vaccine: immunizations.vaccine })
        .from(immunizations)
        .where(and(eq(immunizations.dependentId, dep.id), isNull(immunizations.deletedAt)))
      const open = immunizationDueList(dep.birthDate, visit.toISODate() ?? '', recorded).filter(
        (x) => x.fromMonths === months && x.status !== 'done' && x.status !== 'closed',
      )
      if (!open.length) continue // everything of this visit is already in the record
      const parents = (await parentsOf(tx, f.schedule.familyId)).map((p) => p.id)
      const body =
        `💉 ${dep.name}'s ${visitName(months)} shots are due around ${visit.toFormat('ccc LLL d')} (CDC schedule): ` +
        `${open.map(shotName).join(', ')}. Book the visit if it isn’t booked yet; your pediatrician decides the final plan.`
      out.push(
        ...(await toMembers(tx, parents, {
          familyId: f.schedule.familyId,
          kind: 'immunization_reminder',
          key: (memberId) => `sch:${f.schedule.id}:${f.send?.at.getTime()}:${memberId}`,
          body: () => body,
        })),
      )
    }
    return out
  },
}
