/**
 * The next period from her basal temperatures, every day of the cycle: a small Bayesian model, pure,
 * no database. The method and its measurement are in docs/decisions/0028-cycles.md (addendum "BBT
 * forecast"); bbt.ts keeps the three-over-six rule, which still decides when ovulation is called
 * *confirmed* (the fertile window "has passed"). This module only dates the next period.
 *
 * The cycle: ovulation on cycle day O (the start is day 1), the temperature up from day O + 1 (the rise
 * comes "just after ovulation", [WHO-FPH] in bbt.ts), the next period on day O + L, L her luteal phase.
 * - Prior on O: log-normal around her past ovulation days (dated from her past temperatures the same
 *   way), blended with her calendar (expected cycle length − the 12.4-day mean luteal phase, §6
 *   [BULL-2019]); log-SD 0.28 from [BULL-2019]'s follicular 95 % CI 10–30 days (ln(30/10) / 3.92) until
 *   three of hers are measured.
 * - Prior on L: her luteal phases, blended with 12.4 ± 2.55 days (predict.ts `expectedLuteal`).
 * - Readings: her level b before day O + 1 and b + Δ from it, with daily noise σ. Δ and σ are learned from
 *   her past cycles; until then Δ = 0.3 °C (the lower half of [WHO-FPH]'s "0.2° to 0.5° C": a smaller rise
 *   makes the model slower to believe in one) and σ = 0.15 °C (our assumption: a typical oral
 *   thermometer's morning-to-morning scatter; overstating it again only slows the model down). b is
 *   estimated from this cycle's readings, pulled toward her usual level. A reading more than 2.5 σ off
 *   the model weighs no more than 2.5 σ (a fever or a late night is one bad day, not a shift).
 * - Evidence: the period has not started by today, so the next start is after today.
 * The answer is the posterior median of O + L (the date that minimizes the expected error in days),
 * with the 1/6 and 5/6 quantiles as the "likely" range (two chances in three, as elsewhere).
 */
import type { BbtReading } from './bbt.js'

const DAY_MS = 86_400_000

export const FORECAST = {
  /** Assumed rise until hers is measured, °C: the lower half of [WHO-FPH]'s 0.2–0.5 °C. */
  riseC: 0.3,
  /** Assumed daily scatter until hers is measured, °C (our assumption, see above). */
  noiseC: 0.15,
  /** Log-SD of the ovulation day: [BULL-2019]'s follicular phase 95 % CI 10–30 d → ln(3) / 3.92. */
  follicularLogSd: Math.log(30 / 10) / (2 * 1.96),
  /**
   * Prior chance that this cycle shows no rise at all — anovulatory, or a rise her thermometer does not
   * show. Our assumption (the reference counts ovulatory cycles only). Such a cycle's period comes when
   * her calendar says; without this, a cycle with no rise would push the date later every morning.
   */
  noRiseShare: 0.05,
  /** Share of the population's spread mixed into a narrower prior on her ovulation day (our choice). */
  wideShare: 0.2,
  /** Residuals are capped at this many σ (robust to one odd morning). */
  clipSigma: 2.5,
  /** Her usual level counts as this many readings of the current cycle. */
  baselineWeight: 3,
  /**
   * A past cycle dates its ovulation only with ≥ 4 low and ≥ 3 high readings (three, as the
   * three-over-six rule asks, bbt.ts) and a rise of ≥ 0.1 °C between their means.
   */
  minLow: 4,
  minHigh: 3,
  minRiseC: 0.1,
  /** The longest cycle the model considers, days (PLAUSIBLE_DAYS.max in predict.ts). */
  maxCycle: 90,
} as const

/** One completed cycle's temperatures, fitted with a step: where it rose, the two levels, the scatter. */
export interface FittedCycle {
  /** Cycle day of the first high reading (ovulation is the day before). */
  firstHighDay: number
  low: number
  rise: number
  /** Sum of squared residuals and the number of readings (for her pooled scatter). */
  ss: number
  n: number
}

/** A reading on a day counted from 1970-01-01 (so cycles are cut by subtraction, not date parsing). */
export interface DayReading {
  epochDay: number
  c: number
}

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), without parsing a date string. */
export const epochDay = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS

/** `daily` (as dailyReadings in bbt.ts returns them: sorted, one a day) with epoch days. */
export const onEpochDays = (daily: readonly BbtReading[]): DayReading[] =>
  daily.map((r) => ({ epochDay: epochDay(r.date), c: r.c }))

/** Readings of one cycle as (cycle day, °C), day 1 = `start`, up to the day before `end` (ISO dates). */
export function cycleSeries(daily: readonly DayReading[], start: string, end?: string) {
  const first = epochDay(start)
  const stop = end ? epochDay(end) : Number.POSITIVE_INFINITY
  const out: { day: number; c: number }[] = []
  for (const r of daily) {
    if (r.epochDay < first) continue
    if (r.epochDay >= stop) break
    out.push({ day: r.epochDay - first + 1, c: r.c })
  }
  return out
}

/**
 * The best single step through a completed cycle's readings (least squares over every split with at
 * least `minLow` readings before and `minHigh` from it), or undefined when no split rises by `minRiseC`.
 */
export function fitStep(series: readonly { day: number; c: number }[]): FittedCycle | undefined {
  const n = series.length
  const F = FORECAST
  if (n < F.minLow + F.minHigh) return undefined
  const prefix = [0]
  const prefixSq = [0]
  for (const r of series) {
    prefix.push((prefix.at(-1) as number) + r.c)
    prefixSq.push((prefixSq.at(-1) as number) + r.c * r.c)
  }
  let best: FittedCycle | undefined
  for (let i = F.minLow; i <= n - F.minHigh; i++) {
    const lowSum = prefix[i] as number
    const highSum = (prefix[n] as number) - lowSum
    const low = lowSum / i
    const high = highSum / (n - i)
    const ss =
      (prefixSq[i] as number) - lowSum * low + ((prefixSq[n] as number) - (prefixSq[i] as number)) - highSum * high
    if (high - low < F.minRiseC) continue
    if (!best || ss < best.ss) best = { firstHighDay: (series[i] as { day: number }).day, low, rise: high - low, ss, n }
  }
  return best
}

/** What her past cycles say: ovulation days, luteal phases, her level, rise and scatter. */
export interface TemperatureHistory {
  ovulationDays: number[]
  lutealDays: number[]
  low?: number
  rise: number
  noise: number
}

/** Her past cycles fitted (`starts` sorted; `daily` as for cycleSeries); luteal phases outside min–max are left out. */
export function temperatureHistory(
  starts: readonly string[],
  daily: readonly DayReading[],
  luteal: { min: number; max: number },
): TemperatureHistory {
  const fits: { fit: FittedCycle; length: number }[] = []
  for (let i = 0; i + 1 < starts.length; i++) {
    const start = starts[i] as string
    const next = starts[i + 1] as string
    const fit = fitStep(cycleSeries(daily, start, next))
    if (!fit) continue
    const length = epochDay(next) - epochDay(start)
    const L = length + 1 - (fit.firstHighDay - 1)
    if (L >= luteal.min && L <= luteal.max) fits.push({ fit, length })
  }
  const F = FORECAST
  const recent = fits.slice(-3)
  const k = fits.length
  const ss = fits.reduce((a, f) => a + f.fit.ss, 0)
  const dof = fits.reduce((a, f) => a + f.fit.n - 2, 0)
  return {
    ovulationDays: fits.map((f) => f.fit.firstHighDay - 1),
    lutealDays: fits.map((f) => f.length + 1 - (f.fit.firstHighDay - 1)),
    ...(recent.length ? { low: recent.reduce((a, f) => a + f.fit.low, 0) / recent.length } : {}),
    // Her rise and scatter, each blended with the assumption weighed as one cycle (or ~20 readings).
    rise: (fits.reduce((a, f) => a + f.fit.rise, 0) + F.riseC) / (k + 1),
    noise: Math.sqrt((ss + 20 * F.noiseC ** 2) / (dof + 20)),
  }
}

/** A cycle day with the range it likely falls in (the 1/6 … 5/6 quantiles). */
export interface DayRange {
  day: number
  fromDay: number
  toDay: number
}

export interface Forecast extends DayRange {
  /**
   * The next start's cycle day as it looked before today's evidence that it has not come (no
   * conditioning on "after today"): when its best guess has passed, she is late.
   */
  expected: DayRange
  /** Readings this cycle, and the cycle day of the last one. */
  readings: number
  lastReadingDay: number
  /**
   * Chance the temperature has already risen this cycle (0–1), and the likeliest ovulation day then —
   * from her readings and the priors, not from "the period has not come by today".
   */
  riseChance: number
  ovulationDay?: number
}

export interface ForecastInputs {
  /** This cycle's readings (cycle day, °C), up to today. */
  series: readonly { day: number; c: number }[]
  /** Today's cycle day (the period has not started by today). */
  today: number
  /** Prior on the ovulation day: log-normal, mean (days) and log-SD. */
  ovulation: { mean: number; logSd: number }
  /** Prior on the luteal phase: normal, mean and SD (days), kept within min–max. */
  luteal: { mean: number; sd: number; min: number; max: number }
  /** Her calendar: the next start's cycle day (expected length + 1) and its SD — for a cycle with no rise. */
  calendar: { day: number; sd: number }
  low?: number
  rise: number
  noise: number
}

/** Log-likelihood of this cycle's readings if the first high reading is on `firstHigh` (Infinity: none yet). */
function logLikelihood(x: ForecastInputs, firstHigh: number): number {
  const F = FORECAST
  const w = x.low === undefined ? 0 : F.baselineWeight
  const cap = (F.clipSigma * x.noise) ** 2
  const level = (r: { day: number; c: number }) => (r.day >= firstHigh ? r.c - x.rise : r.c)
  // Her level this cycle: the mean, then the mean again without the readings far from it (one
  // feverish morning must not lift the level of all the others).
  let sum = w * (x.low ?? 0)
  for (const r of x.series) sum += level(r)
  const first = sum / (x.series.length + w)
  sum = w * (x.low ?? 0)
  let n = w
  for (const r of x.series) {
    if ((level(r) - first) ** 2 > cap) continue
    sum += level(r)
    n++
  }
  const b = n ? sum / n : first
  let ll = x.low === undefined ? 0 : -(w * (b - x.low) ** 2) / (2 * x.noise ** 2)
  for (const r of x.series) {
    const e = r.c - b - (r.day >= firstHigh ? x.rise : 0)
    ll -= Math.min(e * e, cap) / (2 * x.noise ** 2)
  }
  return ll
}

const normalPdf = (z: number) => Math.exp(-0.5 * z * z)

/** Log-normal density of ovulation on cycle day `o` (mean `mean` days), normalized. */
function logNormal(o: number, mean: number, logSd: number): number {
  const mu = Math.log(mean) - logSd ** 2 / 2
  return normalPdf((Math.log(o) - mu) / logSd) / (o * logSd)
}

/**
 * Prior weight of ovulation on cycle day `o`: her log-normal, with a share (FORECAST.wideShare) of the
 * population's wider one when hers is narrower — a robust prior, so a cycle unlike her past ones is
 * still believed when her temperatures say so.
 */
function ovulationPrior(x: ForecastInputs, o: number): number {
  const { mean, logSd } = x.ovulation
  const wide = FORECAST.follicularLogSd
  if (logSd >= wide) return logNormal(o, mean, logSd)
  return (1 - FORECAST.wideShare) * logNormal(o, mean, logSd) + FORECAST.wideShare * logNormal(o, mean, wide)
}

/**
 * Log-likelihood of her readings for each first-high day up to her last reading (`byDay`), and for
 * "not yet" (any later day), shifted so the best is 0.
 */
function likelihoods(x: ForecastInputs) {
  const lastReading = x.series.at(-1)?.day ?? 0
  const noneYet = logLikelihood(x, Number.POSITIVE_INFINITY)
  const byDay: number[] = []
  for (let h = 2; h <= lastReading; h++) byDay[h] = logLikelihood(x, h)
  const top = Math.max(noneYet, ...byDay.filter((v) => v !== undefined))
  return { lastReading, at: (h: number) => Math.exp((h <= lastReading ? (byDay[h] as number) : noneYet) - top) }
}

/** The posterior of the next start's cycle day given her readings and that it is after today. */
export function forecast(x: ForecastInputs): Forecast {
  const maxDay = Math.max(FORECAST.maxCycle, x.today + x.luteal.max + 1)
  const { lastReading, at } = likelihoods(x)
  const lutealWeights = normalized(x.luteal.min, x.luteal.max, (L) => normalPdf((L - x.luteal.mean) / x.luteal.sd))
  const next = new Float64Array(maxDay + x.luteal.max + 2)
  const unconditioned = new Float64Array(next.length)
  // A cycle with no rise: her readings stay at her level (the "not yet" likelihood), the period on her calendar.
  const noRise = FORECAST.noRiseShare * at(Number.POSITIVE_INFINITY)
  const calendar = normalized(1, next.length - 1, (d) => normalPdf((d - x.calendar.day) / x.calendar.sd))
  let total = 0
  let all = 0
  for (let d = 1; d < next.length; d++) {
    const p = noRise * (calendar[d] ?? 0)
    unconditioned[d] = (unconditioned[d] as number) + p
    all += p
    if (d <= x.today) continue
    next[d] = (next[d] as number) + p
    total += p
  }
  // Whether, and when, her temperature rose is read from her readings and the priors only — before
  // "the period has not come by today", which says more about the luteal phase than about the rise.
  let risen = 0
  let bestO = 0
  let bestOW = 0
  for (let o = 1; o <= maxDay; o++) {
    // Ovulation on day o: the first high reading on day o + 1.
    const w = (1 - FORECAST.noRiseShare) * ovulationPrior(x, o) * at(o + 1)
    all += w
    for (let L = x.luteal.min; L <= x.luteal.max; L++) {
      const p = w * (lutealWeights[L] as number)
      unconditioned[o + L] = (unconditioned[o + L] as number) + p
      if (o + L <= x.today) continue
      next[o + L] = (next[o + L] as number) + p
      total += p
    }
    if (o + 1 > lastReading) continue
    risen += w
    if (w > bestOW) [bestOW, bestO] = [w, o]
  }
  const expected = quantiles(unconditioned)
  const seen = { readings: x.series.length, lastReadingDay: lastReading, riseChance: all ? risen / all : 0 }
  const risenOn = bestO ? { ovulationDay: bestO } : {}
  if (total === 0) return { day: x.today + 1, fromDay: x.today + 1, toDay: x.today + 1, expected, ...seen, ...risenOn }
  return { ...quantiles(next), expected, ...seen, ...risenOn }
}

/** Weights f(k) for k = from…to, scaled to sum to 1 (indexed by k). */
function normalized(from: number, to: number, f: (k: number) => number): number[] {
  const out: number[] = []
  let sum = 0
  for (let k = from; k <= to; k++) {
    out[k] = f(k)
    sum += out[k] as number
  }
  for (let k = from; k <= to; k++) out[k] = sum ? (out[k] as number) / sum : 0
  return out
}

/** Median and the 1/6 … 5/6 range of a distribution over cycle days (weights, unnormalized). */
function quantiles(weights: Float64Array): DayRange {
  const total = weights.reduce((a, b) => a + b, 0)
  const at = (q: number) => {
    let acc = 0
    for (let d = 0; d < weights.length; d++) {
      acc += weights[d] as number
      if (acc >= q * total) return d
    }
    return weights.length - 1
  }
  return { day: at(0.5), fromDay: at(1 / 6), toDay: at(5 / 6) }
}
