/**
 * Cycle predictions from a woman's own logged period starts: pure functions over ISO dates (her local
 * calendar), no database. Every population figure cites ../shared/reference/health-facts.md §6 and its
 * source tag; the method is in docs/decisions/0028-cycles.md.
 */

import { type BbtReading, dailyReadings, detectThermalShift } from './bbt.js'
import {
  cycleSeries,
  type DayRange,
  FORECAST,
  type Forecast,
  forecast,
  onEpochDays,
  temperatureHistory,
} from './temperature.js'

/** Population figures, used until she has MIN_OWN_CYCLES cycles of her own. */
export const POPULATION = {
  /** Mean cycle length, 29.3 days — §6 [BULL-2019] (Natural Cycles, 612,613 ovulatory cycles). */
  meanLength: 29.3,
  /** SD of one cycle's length across women, 3.4 days — §6 [FEHRING-2006] (mean 28.9 d, SD 3.4, 1,060 cycles). */
  sdLength: 3.4,
  /** Mean luteal phase, 12.4 days (95 % CI 7–17) — §6 [BULL-2019]; ovulation = next start − luteal phase. */
  lutealMean: 12.4,
  /** SD of the luteal phase, derived from its 95 % CI 7–17 [BULL-2019]: (17 − 7) / (2 × 1.96) ≈ 2.55 days. */
  lutealSd: 2.55,
  /**
   * Within-woman SD of cycle length, derived: [BULL-2019] reports within-woman variation 0.4 d (14 %)
   * higher at BMI > 35, so the reference variation is 0.4 / 0.14 ≈ 2.86 days.
   */
  withinSd: 2.86,
} as const

/** Her own figures take over at 3 completed cycles (fewer gives no usable spread); below it they are blended in. */
export const MIN_OWN_CYCLES = 3
/** Only her recent cycles count: cycles drift with age (−0.18 d per year, §6 [BULL-2019]). */
export const MAX_CYCLES_USED = 12
/**
 * A gap between two logged starts outside 15–90 days is not read as a cycle (a period not logged, or
 * logged twice). FIGO's normal frequency is 24–38 days (§6 [FIGO-MSD]); the wider bounds keep real but
 * unusual cycles and drop only logging errors.
 */
export const PLAUSIBLE_DAYS = { min: 15, max: 90 } as const
/**
 * Robustness: a cycle further than max(7 days, 3 robust SDs) from the median of her recent cycles is left
 * out of the mean (one missed log doubles a cycle). 7 days is FIGO's regularity limit (§6 [FIGO-MSD]:
 * shortest-to-longest variation ≤ 7–9 days), so ordinary irregularity is never dropped.
 */
export const OUTLIER_MIN_DAYS = 7
/** Fertile window, ovulation day −5 … +1 (see FERTILE below). */
export const FERTILE = {
  /** Wilcox 1995 (§6 [WILCOX-1995]): conception only from intercourse in the six days ending on ovulation day. */
  before: 5,
  /**
   * One day after: not in [WILCOX-1995] (its window ends on ovulation day; [DUNSON-1999] puts the chance
   * after it near zero). Added as a margin because the ovulation day itself is only estimated.
   */
  after: 1,
} as const

/**
 * Temperature-based prediction (docs/decisions/0028-cycles.md, addenda "BBT" and "BBT forecast"): the
 * next start is her ovulation + her luteal phase, each from her temperatures (temperature.ts).
 */
export const LUTEAL = {
  /**
   * A luteal phase measured in a past cycle (next start − the ovulation dated from her temperatures) counts when it is
   * 5–19 days: [BULL-2019]'s 95 % CI 7–17 widened by 2 days each side for the ovulation-dating error.
   * Outside it the detection is more likely wrong (a fever read as a shift) than the cycle unusual.
   */
  min: 5,
  max: 19,
  /**
   * Her mean luteal phase is blended with the population's 12.4 d weighed as this many of her cycles.
   * Our choice (the reference gives no within/between split for the luteal phase): one cycle of prior
   * keeps a single odd measurement from taking over, and fades by her third.
   */
  priorCycles: 1,
} as const

const DAY_MS = 86_400_000

/** A date with the range it likely falls in (about two chances in three: ± one predictive SD). */
export interface DateRange {
  date: string
  from: string
  to: string
}

export interface CyclePrediction {
  /** own: ≥ MIN_OWN_CYCLES cycles of hers; blended: 1–2 (her cycles weighed with the population mean); population: none. */
  basis: 'own' | 'blended' | 'population'
  /** Cycles that went into the mean, and cycles left out (implausible gaps, outliers). */
  cyclesUsed: number
  cyclesIgnored: number
  /** Predicted cycle length and the SD of the prediction, days (one decimal). */
  lengthDays: number
  sdDays: number
  lastStart: string
  /** Day of the current cycle today (the start day is day 1). */
  cycleDay: number
  nextStart: DateRange
  ovulation: DateRange
  /** Ovulation estimate −5 … +1. */
  fertile: { from: string; to: string }
  /** Days past the predicted start with no new period logged (0 when not late). */
  lateDays: number
  /**
   * With temperatures, when she is late and a new date is offered: the start as it was expected (her
   * calendar's when her temperature has not risen, else the one expected from the rise), while
   * `nextStart` is the new date, after today.
   */
  expectedStart?: DateRange
  /**
   * What this cycle's temperatures showed, when she logged any (the dates above are then the
   * temperature forecast's): readings, the chance the temperature has risen, and the ovulation day the
   * model dates the rise to once that chance is at least even.
   */
  temperatures?: { readings: number; riseChance: number; ovulation?: string }
  /**
   * calendar: next start = last start + her expected cycle length; temperature: her temperature shift is
   * confirmed this cycle, so next start = ovulation + her luteal phase (and `shift` says from what).
   */
  method: 'calendar' | 'temperature'
  shift?: {
    /** The first high reading (the shift), ovulation (the day before) and the day the rule confirmed it. */
    firstHigh: string
    ovulation: string
    confirmed: string
    /** Luteal phase used (days, one decimal), and how many of her past cycles with a detected shift went in. */
    lutealDays: number
    lutealCycles: number
  }
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/** The ISO date `days` after `date` (fractional days round to the nearest day). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + Math.round(days) * DAY_MS).toISOString().slice(0, 10)
}

/** Lengths of the cycles between consecutive starts (sorted, duplicates dropped). */
export function cycleLengths(starts: readonly string[]): number[] {
  const sorted = [...new Set(starts)].sort()
  return sorted.slice(1).map((s, i) => daysBetween(sorted[i] as string, s))
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Her recent cycles that count: plausible, and not outliers against the median of the rest. */
export function usableCycles(lengths: readonly number[]): { used: number[]; ignored: number } {
  const window = lengths.slice(-MAX_CYCLES_USED)
  const recent = window.filter((l) => l >= PLAUSIBLE_DAYS.min && l <= PLAUSIBLE_DAYS.max)
  if (recent.length < 3) return { used: recent, ignored: window.length - recent.length }
  const m = median(recent)
  // 1.4826 × MAD estimates the SD of normal data, and one wild value barely moves it.
  const robustSd = 1.4826 * median(recent.map((l) => Math.abs(l - m)))
  const limit = Math.max(OUTLIER_MIN_DAYS, 3 * robustSd)
  const used = recent.filter((l) => Math.abs(l - m) <= limit)
  return { used, ignored: window.length - used.length }
}

/**
 * The next cycle's expected length and the SD of that guess, from her cycle lengths.
 * - none: the population mean and the SD of a cycle across women;
 * - 1–2: her mean blended with the population's, her cycles weighing as much as K = withinSd² / betweenSd²
 *   population cycles (the empirical-Bayes weight; betweenSd² = sdLength² − withinSd²), population SD;
 * - ≥ MIN_OWN_CYCLES: her own mean; her SD pooled with 2 cycles' worth of the population within-woman SD
 *   (a 3-cycle SD alone is too noisy), widened for the uncertainty of the mean (× √(1 + 1/n)).
 */
export function expectedLength(lengths: readonly number[]): {
  lengthDays: number
  sdDays: number
  basis: CyclePrediction['basis']
  used: number
  ignored: number
} {
  const { used, ignored } = usableCycles(lengths)
  const n = used.length
  const P = POPULATION
  if (n === 0) return { lengthDays: P.meanLength, sdDays: P.sdLength, basis: 'population', used: 0, ignored }
  if (n < MIN_OWN_CYCLES) {
    const k = P.withinSd ** 2 / (P.sdLength ** 2 - P.withinSd ** 2)
    const lengthDays = (n * mean(used) + k * P.meanLength) / (n + k)
    return { lengthDays, sdDays: P.sdLength, basis: 'blended', used: n, ignored }
  }
  const m = mean(used)
  const ss = used.reduce((a, l) => a + (l - m) ** 2, 0)
  const pooledVar = (ss + 2 * P.withinSd ** 2) / (n - 1 + 2)
  return { lengthDays: m, sdDays: Math.sqrt(pooledVar * (1 + 1 / n)), basis: 'own', used: n, ignored }
}

/** ± one SD around `center` days after `from`, at least ± 1 day. */
function range(from: string, center: number, sd: number): DateRange {
  const half = Math.max(1, Math.round(sd))
  const day = Math.round(center)
  return { date: addDays(from, day), from: addDays(from, day - half), to: addDays(from, day + half) }
}

/**
 * Her expected luteal phase and the SD of that guess: her mean blended with the population's 12.4 d
 * (LUTEAL.priorCycles); the SD is the population's 2.55 d until she has MIN_OWN_CYCLES measured, then
 * hers pooled with 2 cycles' worth of 2.55 d and widened × √(1 + 1/n), as for cycle lengths.
 */
export function expectedLuteal(lengths: readonly number[]): { days: number; sdDays: number; n: number } {
  const P = POPULATION
  const n = lengths.length
  const days = (lengths.reduce((a, b) => a + b, 0) + LUTEAL.priorCycles * P.lutealMean) / (n + LUTEAL.priorCycles)
  if (n < MIN_OWN_CYCLES) return { days, sdDays: P.lutealSd, n }
  const m = mean(lengths)
  const ss = lengths.reduce((a, l) => a + (l - m) ** 2, 0)
  return { days, sdDays: Math.sqrt(((ss + 2 * P.lutealSd ** 2) / (n - 1 + 2)) * (1 + 1 / n)), n }
}

/**
 * The temperature forecast for the current cycle (temperature.ts), with the luteal phase it assumed, or
 * undefined when she has logged no temperature this cycle (or it is past cycle day 90). Priors: her
 * past ovulation days (blended with her calendar's: expected length + 1 − her luteal phase) and her
 * luteal phases (expectedLuteal), both dated from her past cycles' temperatures.
 */
export function temperatureForecast(
  sorted: readonly string[],
  today: string,
  bbt: readonly BbtReading[],
): { forecast: Forecast; luteal: ReturnType<typeof expectedLuteal> } | undefined {
  const lastStart = sorted.at(-1) as string
  const cycleDay = daysBetween(lastStart, today) + 1
  // Past the longest plausible cycle there is nothing left for temperatures to date (a period not logged).
  if (cycleDay > PLAUSIBLE_DAYS.max) return undefined
  const daily = onEpochDays(dailyReadings(bbt.filter((r) => r.date <= today)))
  const series = cycleSeries(daily, lastStart)
  if (!series.length) return undefined
  const history = temperatureHistory(sorted.slice(-(MAX_CYCLES_USED + 1)), daily, LUTEAL)
  const luteal = expectedLuteal(history.lutealDays)
  const cal = expectedLength(cycleLengths(sorted))
  const own = history.ovulationDays
  const n = own.length
  // Her own ovulation days, with her calendar weighed as one of them: the cycle day that puts the next
  // start (day length + 1) one luteal phase after ovulation.
  const fromCalendar = cal.lengthDays + 1 - luteal.days
  const ovulationMean = Math.max(3, (own.reduce((a, b) => a + b, 0) + fromCalendar) / (n + 1))
  const S = FORECAST.follicularLogSd
  let logSd: number
  if (n >= MIN_OWN_CYCLES) {
    const logs = own.map(Math.log)
    const m = mean(logs)
    logSd = Math.sqrt((logs.reduce((a, l) => a + (l - m) ** 2, 0) + 2 * S ** 2) / (n - 1 + 2))
  } else {
    // Until three are measured: her calendar's spread, put on the ovulation day (most of a cycle's
    // variation is in the follicular phase), at most the population's — so a regular woman's range stays
    // close to her calendar's instead of the population's.
    logSd = Math.min(S, cal.sdDays / ovulationMean)
  }
  const forecastOf = forecast({
    series,
    today: cycleDay,
    ovulation: { mean: ovulationMean, logSd },
    luteal: { mean: luteal.days, sd: luteal.sdDays, min: LUTEAL.min, max: LUTEAL.max },
    calendar: { day: cal.lengthDays + 1, sd: cal.sdDays },
    ...(history.low === undefined ? {} : { low: history.low }),
    rise: history.rise,
    noise: history.noise,
  })
  return { forecast: forecastOf, luteal }
}

/** Below this chance the model says "no rise yet"; from it, it names the likely ovulation day. */
const RISE_LIKELY = 0.5

/**
 * Predictions from her logged period starts (ISO dates, any order) as of `today` (ISO date, her zone),
 * and her basal temperatures if she logs them. With temperatures logged this cycle the next start is the
 * temperature forecast (temperature.ts) — it moves later each day her temperature stays low, and closes
 * in once it rises; method 'temperature' once the three-over-six rule confirms the shift (bbt.ts),
 * otherwise 'calendar' with `temperatures` saying what they showed. Undefined when no period is logged.
 */
export function predictCycle(
  starts: readonly string[],
  today: string,
  bbt: readonly BbtReading[] = [],
): CyclePrediction | undefined {
  const sorted = [...new Set(starts)].sort()
  if (!sorted.length) return undefined
  const calendar = calendarPrediction(sorted, today)
  const temp = bbt.length ? temperatureForecast(sorted, today, bbt) : undefined
  return temp ? withTemperatures(calendar, today, bbt, temp) : calendar
}

/** Readings older than this many days say nothing about today: without a rise, the calendar answers. */
const STALE_DAYS = 3

/**
 * The calendar prediction redone from this cycle's temperatures (see predictCycle):
 * - a rise (confirmed by three over six, or dated by the model): the next start from the forecast,
 *   ovulation and the fertile window from the rise (the confirmed shift when there is one), late against
 *   the date expected from it; once her temperature has stayed up longer than any luteal phase
 *   (LUTEAL.max), no new date — the date that was expected, and how late she is;
 * - no rise: the forecast's next start, ovulation still ahead (never before her last reading), late
 *   against the calendar's date (no rise is why the forecast moved, not a new expectation);
 * - no rise and no reading for STALE_DAYS: the calendar, unchanged.
 */
function withTemperatures(
  calendar: CyclePrediction,
  today: string,
  bbt: readonly BbtReading[],
  { forecast: f, luteal }: NonNullable<ReturnType<typeof temperatureForecast>>,
): CyclePrediction {
  const start = calendar.lastStart
  const onDay = (day: number) => addDays(start, day - 1)
  const dated = (r: DayRange): DateRange => ({ date: onDay(r.day), from: onDay(r.fromDay), to: onDay(r.toDay) })
  const confirmed = detectThermalShift(bbt.filter((r) => r.date >= start && r.date <= today))
  const modelled = f.riseChance >= RISE_LIKELY && f.ovulationDay ? onDay(f.ovulationDay) : undefined
  const riseChance = Math.round(f.riseChance * 100) / 100
  const temperatures = { readings: f.readings, riseChance, ...(modelled ? { ovulation: modelled } : {}) }
  const ovulated = confirmed?.ovulation ?? modelled
  if (!ovulated) {
    if (calendar.cycleDay - f.lastReadingDay > STALE_DAYS) return calendar
    const center = Math.max(f.day - luteal.days, f.lastReadingDay)
    const sd = Math.sqrt(((f.toDay - f.fromDay) / 2) ** 2 + luteal.sdDays ** 2)
    const ahead = range(start, center - 1, sd)
    const lastReading = onDay(f.lastReadingDay)
    return {
      ...withOvulation(calendar, { ...ahead, from: ahead.from < lastReading ? lastReading : ahead.from }),
      nextStart: dated(f),
      ...(calendar.lateDays > 0 ? { expectedStart: calendar.nextStart } : {}),
      temperatures,
    }
  }
  const expected = dated(f.expected)
  const lateDays = Math.max(0, daysBetween(expected.date, today))
  const stayedUp = daysBetween(ovulated, today) >= LUTEAL.max
  const common: CyclePrediction = {
    ...withOvulation(calendar, range(ovulated, 0, 1)),
    nextStart: stayedUp ? expected : dated(f),
    lateDays,
    ...(lateDays > 0 && !stayedUp ? { expectedStart: expected } : {}),
    temperatures,
  }
  if (!confirmed) return common
  return {
    ...common,
    method: 'temperature',
    shift: {
      firstHigh: confirmed.firstHigh,
      ovulation: confirmed.ovulation,
      confirmed: confirmed.confirmed,
      lutealDays: round1(luteal.days),
      lutealCycles: luteal.n,
    },
  }
}

/** `p` with this ovulation estimate and the fertile window around it. */
function withOvulation(p: CyclePrediction, ovulation: DateRange): CyclePrediction {
  const fertile = { from: addDays(ovulation.date, -FERTILE.before), to: addDays(ovulation.date, FERTILE.after) }
  return { ...p, ovulation, fertile }
}

/** The calendar method: last start + her expected cycle length. `sorted`: her starts, sorted, deduplicated. */
function calendarPrediction(sorted: readonly string[], today: string): CyclePrediction {
  const lastStart = sorted.at(-1) as string
  const est = expectedLength(cycleLengths(sorted))
  const P = POPULATION
  const ovulationCenter = est.lengthDays - P.lutealMean
  const ovulationSd = Math.sqrt(est.sdDays ** 2 + P.lutealSd ** 2)
  const ovulation = range(lastStart, ovulationCenter, ovulationSd)
  const nextStart = range(lastStart, est.lengthDays, est.sdDays)
  return {
    basis: est.basis,
    cyclesUsed: est.used,
    cyclesIgnored: est.ignored,
    lengthDays: round1(est.lengthDays),
    sdDays: round1(est.sdDays),
    lastStart,
    cycleDay: daysBetween(lastStart, today) + 1,
    nextStart,
    ovulation,
    fertile: { from: addDays(ovulation.date, -FERTILE.before), to: addDays(ovulation.date, FERTILE.after) },
    lateDays: Math.max(0, daysBetween(nextStart.date, today)),
    method: 'calendar',
  }
}

/** The naive calendar rule the bench compares against: the next period 28 days after the last. */
export const naiveNextStart = (lastStart: string) => addDays(lastStart, 28)

const round1 = (x: number) => Math.round(x * 10) / 10
