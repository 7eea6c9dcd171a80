import type { MedicationSchedule, medications } from './schema.js'

type Medication = typeof medications.$inferSelect

/** Doses a day on the schedule; undefined when only as needed. */
export function dosesPerDay(schedule: MedicationSchedule): number | undefined {
  if (schedule.kind === 'times') return schedule.times.length
  if (schedule.kind === 'interval' && !schedule.asNeeded) return 24 / schedule.hours
  return undefined
}

/** Whole days the supply on hand lasts at the scheduled rate. */
export function daysOfSupply(m: Pick<Medication, 'schedule' | 'quantityOnHand' | 'doseAmount'>): number | undefined {
  const perDay = dosesPerDay(m.schedule)
  if (!perDay || m.quantityOnHand == null) return undefined
  return Math.floor(m.quantityOnHand / ((m.doseAmount ?? 1) * perDay))
}
