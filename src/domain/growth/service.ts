import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { growth } from '../care-log/schema.js'
import { ageInDays } from '../dependents/age.js'
import type { Dependent } from '../dependents/service.js'
import { type GrowthPercentile, growthPercentile, MAX_MONTHS } from './percentile.js'
import type { GrowthSex, Indicator } from './who-lms.js'

/** Why a measurement has no percentile: what the family can fix, or that WHO's tables stop at 2 years. */
export type NoStanding = 'no_birth_date' | 'no_sex' | 'sex_other' | 'too_old' | 'before_birth'

export interface Measurements {
  weightKg?: number | null
  lengthCm?: number | null
  headCm?: number | null
}

export interface Standing {
  percentiles: GrowthPercentile[]
  /** Set when none could be computed. */
  missing?: NoStanding
}

/** The WHO table a dependent's sex selects; 'other' and unknown select none (the caller asks or says so). */
export function growthSex(sex: Dependent['sex']): GrowthSex | undefined {
  return sex === 'male' || sex === 'female' ? sex : undefined
}

/** Where measurements taken at `at` stand on the WHO growth standard, for this dependent. */
export function growthStanding(
  dependent: Pick<Dependent, 'birthDate' | 'sex'>,
  at: Date,
  timezone: string,
  m: Measurements,
): Standing {
  if (!dependent.birthDate) return { percentiles: [], missing: 'no_birth_date' }
  const sex = growthSex(dependent.sex)
  if (!sex) return { percentiles: [], missing: dependent.sex === 'other' ? 'sex_other' : 'no_sex' }
  const days = ageInDays(dependent.birthDate, at, timezone)
  if (days < 0) return { percentiles: [], missing: 'before_birth' }
  const pairs: [Indicator, number | null | undefined][] = [
    ['weight', m.weightKg],
    ['length', m.lengthCm],
    ['head', m.headCm],
  ]
  const percentiles = pairs.flatMap(([indicator, value]) => {
    const p = value == null ? undefined : growthPercentile(indicator, sex, days, value)
    return p ? [p] : []
  })
  if (!percentiles.length && days / 30.4375 > MAX_MONTHS) return { percentiles, missing: 'too_old' }
  return { percentiles }
}

export interface GrowthPoint {
  at: Date
  ageMonths: number
  indicator: Indicator
  value: number
  percentile?: number
}

/** Every growth measurement of a dependent, oldest first, with its age and (0–24 months) its percentile. */
export async function growthHistory(
  tx: Tx,
  actor: ActorContext,
  dependent: Dependent,
): Promise<{ sex?: GrowthSex; points: GrowthPoint[] }> {
  const rows = await tx
    .select()
    .from(growth)
    .where(and(eq(growth.familyId, actor.familyId), eq(growth.dependentId, dependent.id), isNull(growth.deletedAt)))
    .orderBy(asc(growth.at))
  const sex = growthSex(dependent.sex)
  const points: GrowthPoint[] = []
  for (const row of rows) {
    const standing = growthStanding(dependent, row.at, actor.timezone, row)
    const ageMonths = dependent.birthDate
      ? ageInDays(dependent.birthDate, row.at, actor.timezone) / 30.4375
      : Number.NaN
    const values: [Indicator, number | null][] = [
      ['weight', row.weightKg],
      ['length', row.lengthCm],
      ['head', row.headCm],
    ]
    for (const [indicator, value] of values) {
      if (value == null) continue
      const p = standing.percentiles.find((x) => x.indicator === indicator)
      points.push({ at: row.at, ageMonths, indicator, value, percentile: p?.percentile })
    }
  }
  return { sex, points }
}
