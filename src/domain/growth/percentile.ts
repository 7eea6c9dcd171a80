import { type GrowthSex, type Indicator, type LmsRow, WHO_LMS } from './who-lms.js'

/**
 * WHO growth-standard z-scores and percentiles by the LMS method.
 *
 * The method (WHO Multicentre Growth Reference Study Group, "WHO Child Growth Standards: Methods and
 * development", 2006, chapter 7 "Computation of centiles and z-scores"; https://www.who.int/publications/i/item/924154693X):
 *   z = ((X/M)^L − 1) / (L·S)        (L ≠ 0;  z = ln(X/M)/S when L = 0)
 *   the centile at z:  M·(1 + L·S·z)^(1/L)
 * For weight (L ≠ 1) WHO restricts the LMS curve beyond ±3 SD: past SD3 a z-score grows by the distance
 * between SD2 and SD3 (same chapter), so extreme values do not run away. Length and head circumference
 * have L = 1 (normal), where that rule changes nothing.
 * The percentile is Φ(z), the standard normal distribution function.
 */

/** WHO's month: 30.4375 days (365.25 / 12), the unit its monthly tables are indexed by. */
export const DAYS_PER_MONTH = 30.4375
/** The tables here run from birth to 24 months (the 0–2 years tables). */
export const MAX_MONTHS = 24

export interface Lms {
  l: number
  m: number
  s: number
}

/** L, M and S at an age in months (0–24), interpolated linearly between the tabulated months. */
export function lmsAt(indicator: Indicator, sex: GrowthSex, months: number): Lms | undefined {
  if (!(months >= 0 && months <= MAX_MONTHS)) return undefined
  const table = WHO_LMS[indicator][sex]
  const lo = Math.floor(months)
  const a = table[lo] as LmsRow
  const b = (table[Math.min(lo + 1, MAX_MONTHS)] ?? a) as LmsRow
  const f = months - lo
  return { l: a[1] + (b[1] - a[1]) * f, m: a[2] + (b[2] - a[2]) * f, s: a[3] + (b[3] - a[3]) * f }
}

/** The measurement at a z-score on the LMS curve (no restriction: used for |z| ≤ 3). */
export function valueAtZ({ l, m, s }: Lms, z: number): number {
  return l === 0 ? m * Math.exp(s * z) : m * (1 + l * s * z) ** (1 / l)
}

/** The WHO z-score of a measurement, with WHO's restriction beyond ±3 SD. */
export function zScore(lms: Lms, x: number): number {
  const { l, m, s } = lms
  const z = l === 0 ? Math.log(x / m) / s : ((x / m) ** l - 1) / (l * s)
  if (l === 1 || Math.abs(z) <= 3) return z
  if (z > 3) {
    const sd3 = valueAtZ(lms, 3)
    return 3 + (x - sd3) / (sd3 - valueAtZ(lms, 2))
  }
  const sd3neg = valueAtZ(lms, -3)
  return -3 + (x - sd3neg) / (valueAtZ(lms, -2) - sd3neg)
}

/**
 * Φ(z), the standard normal distribution function, from erf by Abramowitz & Stegun 7.1.26 (absolute
 * error < 1.5e-7): far finer than the whole percentiles we state.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** z for a percentile (0–100), by bisection on Φ: only used for drawing the 3rd…97th curves. */
export function zForPercentile(p: number): number {
  let lo = -8
  let hi = 8
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (normalCdf(mid) * 100 < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface GrowthPercentile {
  indicator: Indicator
  value: number
  ageMonths: number
  z: number
  /** 0–100, unrounded. */
  percentile: number
}

/** Where one measurement stands on the WHO standard, or undefined outside 0–24 months. */
export function growthPercentile(
  indicator: Indicator,
  sex: GrowthSex,
  ageDays: number,
  value: number,
): GrowthPercentile | undefined {
  const ageMonths = ageDays / DAYS_PER_MONTH
  const lms = lmsAt(indicator, sex, ageMonths)
  if (!lms || !(value > 0)) return undefined
  const z = zScore(lms, value)
  return { indicator, value, ageMonths, z, percentile: normalCdf(z) * 100 }
}

/** "about the 40th percentile"; below 1 and above 99 are said as such, not rounded to 0 or 100. */
export function percentileWords(p: number): string {
  if (p < 1) return 'below the 1st percentile'
  if (p > 99) return 'above the 99th percentile'
  return `about the ${ordinal(Math.round(p))} percentile`
}

function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`
}
