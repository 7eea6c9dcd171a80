/** Dates of cycle predictions as people read them: "12–15 March", "30 March – 2 April". */
import { DateTime } from 'luxon'
import type { DateRange } from './predict.js'

const d = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' })

/** "Thu 12 March". */
export const dayName = (iso: string) => d(iso).toFormat('ccc d LLLL')

/** "12–15 March", "30 March – 2 April", "30 December 2026 – 2 January 2027". */
export function spanName(fromIso: string, toIso: string): string {
  const from = d(fromIso)
  const to = d(toIso)
  if (fromIso === toIso) return to.toFormat('d LLLL')
  if (from.year !== to.year) return `${from.toFormat('d LLLL yyyy')} – ${to.toFormat('d LLLL yyyy')}`
  if (from.month !== to.month) return `${from.toFormat('d LLLL')} – ${to.toFormat('d LLLL')}`
  return `${from.toFormat('d')}–${to.toFormat('d LLLL')}`
}

export const rangeName = (r: DateRange) => spanName(r.from, r.to)
