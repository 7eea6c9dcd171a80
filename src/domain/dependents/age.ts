import { localDate } from '../../lib/timezone.js'

/** Age in whole days on the family's calendar: what every age rule (fever, dosing) is written in. */
export function ageInDays(birthDate: string, now: Date, timezone: string): number {
  const [y, m, d] = localDate(now, timezone).split('-').map(Number)
  const [by, bm, bd] = birthDate.split('-').map(Number)
  return Math.round((Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - Date.UTC(by ?? 0, (bm ?? 1) - 1, bd ?? 1)) / 86_400_000)
}
