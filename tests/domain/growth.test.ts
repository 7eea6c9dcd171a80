import { describe, expect, it } from 'vitest'
import { logGrowthTool } from '../../src/domain/care-log/tools.js'
import { addDependentTool } from '../../src/domain/dependents/tools.js'
import {
  DAYS_PER_MONTH,
  growthPercentile,
  lmsAt,
  normalCdf,
  percentileWords,
  valueAtZ,
  zForPercentile,
} from '../../src/domain/growth/percentile.js'
import { growthStanding } from '../../src/domain/growth/service.js'
import { growthPercentilesTool } from '../../src/domain/growth/tools.js'
import { runTool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { ownerOfNewFamily } from '../support/family.js'
import { tempDb } from '../support/harness.js'

/**
 * Published reference points of the WHO Child Growth Standards (WHO z-score tables, 0–2 years, and the
 * expanded daily tables): the median and ±2 SD at a given age must come out at the 50th, 2.3rd and
 * 97.7th percentiles. The SD values below are WHO's own (rounded as published), not computed here.
 */
const REFERENCE: {
  what: string
  indicator: 'weight' | 'length' | 'head'
  sex: 'male' | 'female'
  month: number
  sd2neg: number
  median: number
  sd2: number
}[] = [
  // Weight-for-age boys, birth: −2 SD 2.459, median 3.3464, +2 SD 4.419 kg (expanded table, day 0).
  { what: 'weight boys 0 mo', indicator: 'weight', sex: 'male', month: 0, sd2neg: 2.459, median: 3.3464, sd2: 4.419 },
  // Weight-for-age girls, 12 months: −2 SD 7.0, median 8.9, +2 SD 11.5 kg (z-score table, 0–2 years).
  { what: 'weight girls 12 mo', indicator: 'weight', sex: 'female', month: 12, sd2neg: 7.0, median: 8.9481, sd2: 11.5 },
  // Length-for-age boys, 6 months: −2 SD 63.3, median 67.6, +2 SD 71.9 cm.
  { what: 'length boys 6 mo', indicator: 'length', sex: 'male', month: 6, sd2neg: 63.3, median: 67.6236, sd2: 71.9 },
  // Head circumference-for-age boys, birth: −2 SD 31.921, median 34.462, +2 SD 37.002 cm (expanded table, day 0).
  { what: 'head boys 0 mo', indicator: 'head', sex: 'male', month: 0, sd2neg: 31.921, median: 34.4618, sd2: 37.002 },
  // Head circumference-for-age girls, 24 months: −2 SD 44.3, median 47.2, +2 SD 50.1 cm.
  { what: 'head girls 24 mo', indicator: 'head', sex: 'female', month: 24, sd2neg: 44.3, median: 47.1822, sd2: 50.1 },
]

describe('WHO growth percentiles (LMS)', () => {
  for (const r of REFERENCE) {
    it(`${r.what}: median ≈ 50th, −2 SD ≈ 2.3rd, +2 SD ≈ 97.7th`, () => {
      const days = r.month * DAYS_PER_MONTH
      const at = (v: number) => growthPercentile(r.indicator, r.sex, days, v)?.percentile ?? Number.NaN
      expect(at(r.median)).toBeCloseTo(50, 1)
      // Published SDs are rounded (to 0.1 or 0.001): allow the percentile that rounding moves.
      expect(Math.abs(at(r.sd2neg) - 2.275)).toBeLessThan(0.5)
      expect(Math.abs(at(r.sd2) - 97.725)).toBeLessThan(0.5)
    })
  }

  it('the issue’s example, 6.2 kg for a girl at 4 months, is about the 39th percentile', () => {
    // By hand from WHO's row (L −0.005, M 6.4237, S 0.12402): z = ((6.2/6.4237)^−0.005 − 1)/(−0.005·0.12402)
    // = −0.2858, Φ(−0.2858) = 0.3875. The "about the 40th" was an illustration; this is the figure.
    const p = growthPercentile('weight', 'female', 4 * DAYS_PER_MONTH, 6.2)
    expect(p?.z).toBeCloseTo(-0.286, 3)
    expect(p && percentileWords(p.percentile)).toBe('about the 39th percentile')
  })

  it('interpolates between tabulated months', () => {
    const a = lmsAt('weight', 'male', 3)
    const b = lmsAt('weight', 'male', 4)
    const mid = lmsAt('weight', 'male', 3.5)
    expect(mid?.m).toBeCloseTo(((a?.m ?? 0) + (b?.m ?? 0)) / 2, 6)
    expect(lmsAt('weight', 'male', 24.01)).toBeUndefined()
    expect(lmsAt('weight', 'male', -1)).toBeUndefined()
  })

  it('applies WHO’s restriction beyond ±3 SD for weight', () => {
    const lms = lmsAt('weight', 'male', 0)
    if (!lms) throw new Error('no LMS')
    const sd3 = valueAtZ(lms, 3)
    const sd2 = valueAtZ(lms, 2)
    // One SD2–SD3 distance past SD3 is z = 4, by definition of the restricted score.
    const p = growthPercentile('weight', 'male', 0, sd3 + (sd3 - sd2))
    expect(p?.z).toBeCloseTo(4, 6)
  })

  it('Φ and its inverse agree with the normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4)
    expect(normalCdf(-2)).toBeCloseTo(0.02275, 4)
    expect(zForPercentile(97)).toBeCloseTo(1.881, 3)
    expect(zForPercentile(15)).toBeCloseTo(-1.036, 3)
  })

  it('words: ordinals, and the extremes are not rounded away', () => {
    expect(percentileWords(0.4)).toBe('below the 1st percentile')
    expect(percentileWords(99.6)).toBe('above the 99th percentile')
    expect(percentileWords(2.3)).toBe('about the 2nd percentile')
    expect(percentileWords(12.6)).toBe('about the 13th percentile')
    expect(percentileWords(11.2)).toBe('about the 11th percentile')
  })

  it('says what is missing instead of guessing: birth date, sex, age past 24 months', () => {
    const at = new Date('2026-03-10T15:00:00Z')
    const m = { weightKg: 6.2 }
    expect(growthStanding({ birthDate: null, sex: 'female' }, at, 'UTC', m).missing).toBe('no_birth_date')
    expect(growthStanding({ birthDate: '2025-11-10', sex: null }, at, 'UTC', m).missing).toBe('no_sex')
    expect(growthStanding({ birthDate: '2025-11-10', sex: 'other' }, at, 'UTC', m).missing).toBe('sex_other')
    expect(growthStanding({ birthDate: '2022-01-10', sex: 'female' }, at, 'UTC', { weightKg: 14 }).missing).toBe(
      'too_old',
    )
    const ok = growthStanding({ birthDate: '2025-11-10', sex: 'female' }, at, 'UTC', m)
    expect(ok.percentiles).toHaveLength(1)
    expect(ok.percentiles[0]?.ageMonths).toBeCloseTo(120 / DAYS_PER_MONTH, 6)
  })
})

describe('growth_percentiles tool', () => {
  it('reads the latest measurements with their WHO percentile, scoped to the family', async () => {
    const { db, cleanup } = tempDb()
    try {
      const clock = new ManualClock('2026-03-10T15:00:00Z')
      const owner = await ownerOfNewFamily(db, clock.now())
      const other = await ownerOfNewFamily(db, clock.now(), { name: 'Others', phone: '+15551239999' })
      const out = await db.transaction(async (tx) => {
        const ctx = { tx, actor: owner, clock }
        await runTool(addDependentTool, ctx, { name: 'Maya', birthDate: '2025-11-10', sex: 'female' })
        await runTool(logGrowthTool, ctx, { dependent: 'Maya', weightKg: 6.2, lengthCm: 61 })
        return runTool(growthPercentilesTool, ctx, { dependent: 'Maya' })
      })
      expect(out.latest.map((l) => [l.measure, l.percentile])).toEqual([
        ['weight', 40.4],
        ['length', expect.any(Number)],
      ])
      expect(out.missing).toBeUndefined()
      await expect(
        db.transaction((tx) => runTool(growthPercentilesTool, { tx, actor: other, clock }, { dependent: 'Maya' })),
      ).rejects.toMatchObject({ code: 'not_found' })
    } finally {
      cleanup()
    }
  })
})
