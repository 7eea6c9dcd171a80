/**
 * Her cycle calendar as a picture (issue #8, "the cycle calendar (to her only)"): the last, this and next
 * month, with her logged periods, the predicted next one, the fertile window and the ovulation estimate.
 * Only ever her own: a member she shares with reads her predictions in words, not this picture, whose
 * URL could be forwarded (docs/decisions/0028).
 */
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { createMedia } from '../media/service.js'
import type { CycleCalendarSnapshot, CycleMark } from '../reports/snapshot.js'
import { addDays, daysBetween } from './predict.js'
import { cycleHistory } from './service.js'

/** A period logged without an end is drawn this long (her typical one is not tracked yet). */
const OPEN_PERIOD_DAYS = 5

export async function cycleCalendar(tx: Tx, actor: ActorContext, now: Date): Promise<CycleCalendarSnapshot> {
  const today = DateTime.fromJSDate(now, { zone: actor.timezone })
  const months = [-1, 0, 1].map((m) => today.plus({ months: m }).toFormat('yyyy-MM'))
  const first = `${months[0]}-01`
  const last = today.plus({ months: 1 }).endOf('month').toISODate() ?? ''
  const { periods, prediction } = await cycleHistory(tx, actor, now, { limit: 12, days: 0 })
  const marks = new Map<string, CycleMark>()
  const paint = (from: string, to: string, mark: CycleMark) => {
    for (let d = from; d <= to && d <= last; d = addDays(d, 1)) if (d >= first) marks.set(d, mark)
  }
  if (prediction) {
    paint(prediction.fertile.from, prediction.fertile.to, 'fertile window')
    marks.set(prediction.ovulation.date, 'ovulation (estimate)')
    paint(prediction.nextStart.date, addDays(prediction.nextStart.date, OPEN_PERIOD_DAYS - 1), 'predicted period')
  }
  const todayIso = today.toISODate() ?? ''
  for (const p of periods) {
    const end = p.end ?? addDays(p.start, Math.min(OPEN_PERIOD_DAYS, daysBetween(p.start, todayIso) + 1) - 1)
    paint(p.start, end, 'period')
  }
  return {
    kind: 'cycle_calendar',
    dependent: 'cycle',
    today: todayIso,
    months,
    days: [...marks].map(([date, mark]) => ({ date, mark })).sort((a, b) => (a.date < b.date ? -1 : 1)),
  }
}

/** Draws hers and keeps it for the signed URL; returns the media id. */
export async function cycleCalendarMedia(tx: Tx, actor: ActorContext, now: Date): Promise<string> {
  const snapshot = await cycleCalendar(tx, actor, now)
  return await createMedia(tx, actor, now, { kind: 'cycle_calendar', snapshot })
}
