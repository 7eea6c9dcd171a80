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
    .select({ date: cycleDays.date, c: cycleDays.bbtC })
    .from(cycleDays)
    .where(
      and(
        eq(cycleDays.memberId, memberId),
        isNotNull(cycleDays.bbtC),
        // A reading she marked disturbed is discounted, as charting methods do (0028, "Disturbed readings").
        eq(cycleDays.bbtDisturbed, false),
        gte(cycleDays.date, first),
      ),
    )
    .orderBy(asc(cycleDays.date), asc(cycleDays.createdAt))
  return { starts, bbt: days.map((d) => ({ date: d.date, c: d.c as number })) }
}

/** Her prediction as of `today` (her local date), from her starts and temperatures. */
export async function predictionOf(tx: Tx, memberId: string, today: string): Promise<CyclePrediction | undefined> {
  const { starts, bbt } = await predictionInputs(tx, memberId)
  return predictCycle(starts, today, bbt)
}
