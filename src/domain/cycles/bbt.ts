/**
 * Ovulation confirmed from basal body temperature (BBT): pure functions over her logged readings (°C,
 * ISO dates), no database. The method is in docs/decisions/0028-cycles.md (addendum "BBT").
 *
 * After ovulation progesterone raises the waking temperature by about 0.2–0.5 °C, and it stays up until
 * the next period ([WHO-FPH]: World Health Organization / Johns Hopkins CCP, "Family Planning: A Global
 * Handbook for Providers", chapter "Fertility Awareness Methods", Basal Body Temperature (BBT) Method —
 * fphandbook.org: "She watches for her temperature to rise slightly — 0.2° to 0.5° C … just after
 * ovulation"; the fertile time has passed once it "has risen above her regular temperature and stayed
 * higher for 3 full days").
 *
 * The rule used is the "three over six" rule taught in natural family planning: three consecutive
 * readings above the highest of the six readings before them ([MARQUETTE-NFP]: Marquette University
 * Institute for Natural Family Planning, "Monitoring basal body temperature",
 * nfp.marquette.edu/monitor_bbt.php, "Rule of 3 over 6": the rise is judged against "the previous 6
 * days", and the fertile phase ends after the third consecutive reading above them). Marquette's page
 * words the thresholds differently from ours: a first rise of at least 0.2° over the six, then readings
 * above a cover line 0.1° over their highest. We use the Sensiplan (German NFP Arbeitsgruppe) wording —
 * every high above the highest of the six, the third at least 0.2 °C above it, and, if the third falls
 * short of 0.2 °C, a fourth above the six instead — which we found only in SECONDARY sources
 * (unanswered.io, "What is the 3 over 6 rule for ovulation", citing Sensiplan teaching; an Italian NFP
 * forum, forum.temperaturabasale.it, gives the same thresholds). The Sensiplan manual was not read.
 *
 * Ovulation is dated to the day before the first high reading: the rise comes "just after ovulation"
 * [WHO-FPH], usually one to two days after it (a secondary glossary, encyclo.co.uk "thermal shift").
 * That date is an estimate with about a day's error either way; the luteal length measured from it in
 * her past cycles carries the same bias, so her own luteal mean corrects for it.
 */
const DAY_MS = 86_400_000
/** Whole days from `a` to `b` (ISO dates); predict.ts has the same, not imported to keep the two modules acyclic. */
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)

/** One logged basal temperature, °C. */
export interface BbtReading {
  date: string
  c: number
}

export interface ThermalShift {
  /** Estimated ovulation day: the day before the first high reading. */
  ovulation: string
  /** The first reading above the six before it. */
  firstHigh: string
  /** The reading that completed the rule: from this day on the shift is known. */
  confirmed: string
  /** Highest of the six low readings (°C): the high readings are above it. */
  coverline: number
}

export const THREE_OVER_SIX = {
  /** Low readings compared against [MARQUETTE-NFP]. */
  lows: 6,
  /** Consecutive high readings [MARQUETTE-NFP]. */
  highs: 3,
  /** The third high reading at least this much above the highest low (°C) — Sensiplan, secondary. */
  thirdRiseC: 0.2,
  /**
   * Missed days: the six lows may be spread over at most 10 days (four unlogged), and the last low and
   * the highs at most 2 days apart from one another (one unlogged day between them). Our choice, not the sources': the rule
   * assumes daily readings, and a longer gap would let noise days far apart pass for a sustained rise.
   */
  maxLowSpanDays: 10,
  maxHighGapDays: 2,
} as const

/** Her readings sorted by date, one per day (the last logged for a day wins), plausible only (34–43 °C). */
export function dailyReadings(readings: readonly BbtReading[]): BbtReading[] {
  // Already one a day in order (as the database returns them, mostly): nothing to sort.
  if (readings.every((r, i) => r.c >= 34 && r.c <= 43 && (i === 0 || (readings[i - 1] as BbtReading).date < r.date))) {
    return [...readings]
  }
  const byDate = new Map<string, number>()
  for (const r of readings) if (r.c >= 34 && r.c <= 43) byDate.set(r.date, r.c)
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, c]) => ({ date, c }))
}

/**
 * Index of the reading that confirms a shift whose first high is at `i`, or -1. `r` is one cycle's
 * daily readings (sorted); `cover` the highest of the six before `i`.
 */
function confirmsAt(r: readonly BbtReading[], i: number, cover: number): number {
  const R = THREE_OVER_SIX
  const eps = 1e-9
  let prev = r[i - 1] as BbtReading
  for (let k = 0; k < R.highs + 1; k++) {
    const cur = r[i + k]
    if (!cur || daysBetween(prev.date, cur.date) > R.maxHighGapDays) return -1
    if (cur.c <= cover + eps) return -1
    // The third high must clear the cover by 0.2 °C; if it does not, a fourth high above it suffices.
    if (k === R.highs - 1 && cur.c >= cover + R.thirdRiseC - eps) return i + k
    if (k === R.highs) return i + k
    prev = cur
  }
  return -1
}

/**
 * The first thermal shift in one cycle's readings by the three-over-six rule, or undefined. Pass only
 * the readings of the cycle (from its first day up to today, or to the day before the next start).
 * Causal: a shift confirmed with readings up to day d is found the same way on any later day.
 */
export function detectThermalShift(readings: readonly BbtReading[]): ThermalShift | undefined {
  const r = dailyReadings(readings)
  const R = THREE_OVER_SIX
  for (let i = R.lows; i < r.length; i++) {
    const lows = r.slice(i - R.lows, i)
    if (daysBetween((lows[0] as BbtReading).date, (r[i] as BbtReading).date) > R.maxLowSpanDays) continue
    const cover = Math.max(...lows.map((l) => l.c))
    const at = confirmsAt(r, i, cover)
    if (at < 0) continue
    const firstHigh = (r[i] as BbtReading).date
    return {
      ovulation: shift(firstHigh, -1),
      firstHigh,
      confirmed: (r[at] as BbtReading).date,
      coverline: cover,
    }
  }
  return undefined
}

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
