import { DateTime } from 'luxon'
import { placeLocal } from '../../lib/recurrence.js'

/** Local wall-clock quiet hours, `HH:mm` each: `22:00`–`07:00` crosses midnight, `13:00`–`15:00` does not. */
export interface QuietHours {
  start: string
  end: string
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * When quiet hours that contain `now` end, in `zone`; undefined when `now` is outside them. The start is
 * inclusive and the end exclusive. The end is placed on the wall clock (luxon via `placeLocal`), so
 * "until 7:00" means 7:00 local on both DST change days; an end inside a spring-forward gap moves past it.
 */
export function quietUntil(now: Date, q: QuietHours, zone: string): Date | undefined {
  const local = DateTime.fromJSDate(now, { zone })
  const m = local.hour * 60 + local.minute
  const start = minutes(q.start)
  const end = minutes(q.end)
  if (start === end) return undefined
  const crossesMidnight = start > end
  const inside = crossesMidnight ? m >= start || m < end : m >= start && m < end
  if (!inside) return undefined
  const day = crossesMidnight && m >= start ? local.plus({ days: 1 }) : local
  return placeLocal(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(end / 60), minute: end % 60 },
    zone,
  )
}
