/**
 * Refill reminders: one `refill` schedule per regimen (dedupe key `refill:<medication>`), re-armed to
 * "now" whenever the supply changes (a dose logged, a refill recorded). The scheduler then compares the
 * days of supply with REFILL_REMINDER_DAYS: crossing to or under it sends one reminder and remembers it
 * on the row; going back over it (a refill) clears that, so the next crossing reminds again.
 */
import { eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { dependents } from '../dependents/schema.js'
import { medications } from '../medications/schema.js'
import { daysOfSupply } from '../medications/supply.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { doseRecipients, insertDerived, localMinute, parentsOf, toMembers } from './derived.js'
import type { KindHook } from './kinds.js'
import { schedules } from './schema.js'

type Medication = typeof medications.$inferSelect

export const DEFAULT_REFILL_DAYS = 7

/** The supply of a regimen changed: check it at the next tick. Regimens without a count or a rate have nothing to check. */
export async function armRefillCheck(
  tx: Tx,
  now: Date,
  med: Medication,
  by: { memberId: string; timezone: string },
): Promise<void> {
  if (daysOfSupply(med) === undefined) return
  const dedupeKey = `refill:${med.id}`
  const [existing] = await tx.select({ id: schedules.id }).from(schedules).where(eq(schedules.dedupeKey, dedupeKey))
  if (existing) {
    await tx
      .update(schedules)
      .set({ status: 'active', nextRunAt: now, dtstart: localMinute(now, by.timezone), updatedAt: now })
      .where(eq(schedules.id, existing.id))
    return
  }
  const [first] = await doseRecipients(tx, med)
  await insertDerived(tx, now, {
    familyId: med.familyId,
    kind: 'refill',
    memberId: first ?? by.memberId,
    createdBy: by.memberId,
    body: 'refill check',
    timezone: by.timezone,
    medicationId: med.id,
    dependentId: med.dependentId,
    dedupeKey,
    detail: { reminded: false },
    at: now,
  })
}

export const refillHook: KindHook = {
  ignoresGrace: true,
  quietWhenMissed: true,
  async send(tx, _now, firings, opts) {
    const threshold = opts.refillDays ?? DEFAULT_REFILL_DAYS
    const ids = firings.map((f) => f.schedule.medicationId).filter((x): x is string => Boolean(x))
    const meds = ids.length ? await tx.select().from(medications).where(inArray(medications.id, ids)) : []
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const med = meds.find((m) => m.id === f.schedule.medicationId && !m.deletedAt)
      const days = med && daysOfSupply(med)
      if (!med || days === undefined || !f.send) continue
      const low = days <= threshold
      if (low === Boolean(f.schedule.detail?.reminded)) continue // reminded for this crossing, or not low
      await tx
        .update(schedules)
        .set({ detail: { ...f.schedule.detail, reminded: low } })
        .where(eq(schedules.id, f.schedule.id))
      if (!low) continue
      const at = f.send.at.getTime()
      const recipients = [...(await doseRecipients(tx, med)), ...(await parentsOf(tx, med.familyId)).map((p) => p.id)]
      const [dep] = await tx.select().from(dependents).where(eq(dependents.id, med.dependentId))
      out.push(
        ...(await toMembers(tx, recipients, {
          familyId: med.familyId,
          kind: 'refill_reminder',
          key: (memberId) => `refill:${med.id}:${at}:${memberId}`,
          body: (memberId) => refillText(med, days, dep?.memberId === memberId ? 'your' : `${dep?.name ?? 'the'}'s`),
        })),
      )
    }
    return out
  },
}

function refillText(med: Medication, days: number, whose: string): string {
  const left = days === 1 ? 'about 1 day' : `about ${days} days`
  const refills =
    med.refillsLeft == null
      ? ''
      : med.refillsLeft > 0
        ? ` ${med.refillsLeft} refill${med.refillsLeft === 1 ? '' : 's'} left on the prescription.`
        : ' No refills left: ask the prescriber for a new prescription.'
  return `💊 Refill soon: ${whose} ${med.name}${med.strength ? ` ${med.strength}` : ''} has ${left} left.${refills}`
}
