import type { GrowthPoint } from '../growth/service.js'
import type { GrowthSex, Indicator } from '../growth/who-lms.js'

/**
 * What a chart or a visit summary draws, read through the tools when it was asked for. Plain JSON
 * (dates as ISO strings), so it can be stored sealed in a `media` row and rendered later.
 */
export interface DailySeriesSnapshot {
  kind: 'sleep_chart' | 'feeds_chart'
  dependent: string
  /** One entry per local day, oldest first. */
  days: { date: string; value: number; extra?: number }[]
}

export interface GrowthChartSnapshot {
  kind: 'growth_chart'
  dependent: string
  indicator: Indicator
  sex?: GrowthSex
  points: { ageMonths: number; value: number; percentile?: number }[]
}

export interface VisitSummarySnapshot {
  kind: 'visit_summary'
  generatedOn: string
  timezone: string
  dependent: { name: string; birthDate?: string; ageWords?: string; sex?: string }
  allergies: { substance: string; reaction?: string; severity?: string }[]
  conditions: string[]
  medications: { name: string; dose?: string; schedule: string }[]
  /** The last seven local days, oldest first. */
  days: {
    date: string
    feeds: number
    bottleMl: number
    sleepMinutes: number
    wet: number
    dirty: number
    maxCelsius?: number
    doses: number
  }[]
  temperatures: { at: string; celsius: number; unit: 'C' | 'F'; site?: string }[]
  doses: { at: string; drug: string; amount?: string; flagged: boolean }[]
  growth: GrowthChartSnapshot
  latestGrowth: { indicator: Indicator; value: number; at: string; percentile?: number }[]
  immunizations: {
    given: { vaccine: string; givenOn: string }[]
    due: { name: string; dueOn: string; status: string }[]
  }
}

/** What a day of her cycle calendar shows (docs/decisions/0028): logged, or estimated. */
export const CYCLE_MARKS = ['period', 'predicted period', 'fertile window', 'ovulation (estimate)'] as const
export type CycleMark = (typeof CYCLE_MARKS)[number]

/** A member's own cycle calendar, three months around today: drawn for her only. */
export interface CycleCalendarSnapshot {
  kind: 'cycle_calendar'
  /** The file name's slug (renderSnapshot): never her name. */
  dependent: 'cycle'
  today: string
  /** `YYYY-MM`, oldest first. */
  months: string[]
  days: { date: string; mark: CycleMark }[]
}

export type Snapshot = DailySeriesSnapshot | GrowthChartSnapshot | VisitSummarySnapshot | CycleCalendarSnapshot

export function growthSnapshot(
  dependent: string,
  indicator: Indicator,
  sex: GrowthSex | undefined,
  points: GrowthPoint[],
): GrowthChartSnapshot {
  return {
    kind: 'growth_chart',
    dependent,
    indicator,
    sex,
    points: points
      .filter((p) => p.indicator === indicator && Number.isFinite(p.ageMonths))
      .map((p) => ({ ageMonths: p.ageMonths, value: p.value, percentile: p.percentile })),
  }
}
