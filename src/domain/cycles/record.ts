/**
 * What a prediction is computed from, read from the database: her logged period starts and basal
 * temperatures. One place, so the replies, the history and the reminder all predict the same way.
 */
import { and, asc, eq, gte, isNotNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { BbtReading } from './bbt.js'
import { type CyclePrediction, MAX_CYCLES_USED, predictCycle } from './predict.js'
import { cycleDays, cyclePeriods } from './schema.js'

/** Her period starts (sorted) and her BBT readings since the start of the oldest cycle predictions use. */
export async function predictionInputs(tx: Tx, memberId: string): Promise<{ starts: string[]; bbt: BbtReading[] }> {
  const rows = await tx
    .select({ start: cyclePeriods.startDate })
    .from(cyclePeriods)
    .where(eq(cyclePeriods.memberId, memberId))
    .orderBy(asc(cyclePeriods.startDate))
  const starts = rows.map((r) => r.start)
  const first = starts[Math.max(0, starts.length - (MAX_CYCLES_USED + 1))]
  if (!first) return { starts, bbt: [] }
  const days = await tx
    .select({ date: cycleDays.date, c: cycleDays.bbtC, disturbed: cycleDays.bbtDisturbed })
    .from(cycleDays)
    .where(and(eq(cycleDays.memberId, memberId), isNotNull(cycleDays.bbtC), gte(cycleDays.date, first)))
    // Ids grow with time (lib/ids.ts): they order two entries of the same millisecond.
    .orderBy(asc(cycleDays.date), asc(cycleDays.createdAt), asc(cycleDays.id))
  // The last reading logged for a day is that day's (a correction wins, bbt.ts); when she marked it
  // disturbed the day has no reading, as charting methods discount it (0028, "Disturbed readings") —
  // an earlier reading of the same day does not come back.
  const lastOfDay = new Map<string, (typeof days)[number]>()
  for (const d of days) lastOfDay.set(d.date, d)
  const kept = [...lastOfDay.values()].filter((d) => !d.disturbed)
  return { starts, bbt: kept.map((d) => ({ date: d.date, c: d.c as number })) }
}

/** Her prediction as of `today` (her local date), from her starts and temperatures. */
export async function predictionOf(tx: Tx, memberId: string, today: string): Promise<CyclePrediction | undefined> {
  const { starts, bbt } = await predictionInputs(tx, memberId)
  return predictCycle(starts, today, bbt)
}
