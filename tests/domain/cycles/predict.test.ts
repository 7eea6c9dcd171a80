import { describe, expect, it } from 'vitest'
import {
  addDays,
  cycleLengths,
  expectedLength,
  MIN_OWN_CYCLES,
  POPULATION,
  predictCycle,
  usableCycles,
} from '../../../src/domain/cycles/predict.js'

/** Period starts from a first date and the cycle lengths after it. */
function starts(first: string, lengths: number[]): string[] {
  const out = [first]
  for (const l of lengths) out.push(addDays(out.at(-1) as string, l))
  return out
}

describe('predictCycle on fixed histories', () => {
  it('a regular 28-day history predicts 28 days on, with a narrow range', () => {
    const history = starts('2026-01-01', [28, 28, 28, 28, 28, 28])
    const p = predictCycle(history, '2026-06-20')
    expect(history.at(-1)).toBe('2026-06-18')
    expect(p).toMatchObject({ basis: 'own', cyclesUsed: 6, cyclesIgnored: 0, lengthDays: 28, cycleDay: 3 })
    expect(p?.nextStart.date).toBe('2026-07-16')
    // Her SD is 0, pooled with 2 cycles' worth of the population's 2.86 days: ±1 day, never a false ±0.
    expect(p?.sdDays).toBe(1.7)
    expect(p?.nextStart).toEqual({ date: '2026-07-16', from: '2026-07-14', to: '2026-07-18' })
  })

  it('ovulation is the predicted start minus the 12.4-day luteal phase; the fertile window is −5 … +1', () => {
    const p = predictCycle(starts('2026-01-01', [30, 30, 30, 30]), '2026-05-01')
    // last start 2026-05-01, length 30 → next 2026-05-31; ovulation 30 − 12.4 = 17.6 → day 18 → 2026-05-19.
    expect(p?.nextStart.date).toBe('2026-05-31')
    expect(p?.ovulation.date).toBe('2026-05-19')
    expect(p?.fertile).toEqual({ from: '2026-05-14', to: '2026-05-20' })
    // The ovulation range adds the luteal phase's own spread (SD 2.55 d) to the start's.
    const half = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 / 2
    expect(half(p?.ovulation ?? { from: '', to: '' })).toBeGreaterThan(half(p?.nextStart ?? { from: '', to: '' }))
  })

  it('one missed log (a 58-day gap) is left out, not averaged in', () => {
    const p = predictCycle(starts('2026-01-01', [29, 30, 58, 29, 28, 30]), '2026-08-01')
    expect(p).toMatchObject({ basis: 'own', cyclesUsed: 5, cyclesIgnored: 1, lengthDays: 29.2 })
  })

  it('an irregular history keeps its irregular cycles and says so in a wider range', () => {
    const regular = predictCycle(starts('2026-01-01', [29, 29, 29, 29, 29, 29]), '2026-08-01')
    const irregular = predictCycle(starts('2026-01-01', [24, 35, 26, 33, 25, 31]), '2026-08-01')
    expect(irregular?.cyclesUsed).toBe(6)
    expect(irregular?.sdDays).toBeGreaterThan((regular?.sdDays ?? 0) + 1.5)
  })

  it('uses only her last 12 cycles', () => {
    const p = predictCycle(starts('2024-01-01', [...Array(10).fill(35), ...Array(12).fill(27)]), '2026-01-01')
    expect(p).toMatchObject({ cyclesUsed: 12, lengthDays: 27 })
  })

  it(`falls back to the population (29.3 days, SD 3.4) with no full cycle, and blends below ${MIN_OWN_CYCLES}`, () => {
    const none = predictCycle(['2026-03-01'], '2026-03-05')
    expect(none).toMatchObject({ basis: 'population', cyclesUsed: 0, lengthDays: 29.3, sdDays: 3.4, cycleDay: 5 })
    expect(none?.nextStart).toEqual({ date: '2026-03-30', from: '2026-03-27', to: '2026-04-02' })
    const one = expectedLength([35])
    expect(one.basis).toBe('blended')
    // Her one cycle weighs as much as withinSd² / (sdLength² − withinSd²) ≈ 2.4 population cycles.
    expect(one.lengthDays).toBeGreaterThan(POPULATION.meanLength)
    expect(one.lengthDays).toBeLessThan(35)
    expect(expectedLength([35, 35, 35])).toMatchObject({ basis: 'own', lengthDays: 35 })
  })

  it('says how late a period is once the predicted start has passed', () => {
    const p = predictCycle(starts('2026-01-01', [28, 28, 28]), '2026-04-30')
    expect(p?.nextStart.date).toBe('2026-04-23')
    expect(p?.lateDays).toBe(7)
  })

  it('has nothing to predict without a period', () => {
    expect(predictCycle([], '2026-03-01')).toBeUndefined()
  })

  it('ignores duplicate starts and impossible gaps', () => {
    expect(cycleLengths(['2026-02-01', '2026-01-01', '2026-01-01'])).toEqual([31])
    expect(usableCycles([3, 29, 120, 30])).toEqual({ used: [29, 30], ignored: 2 })
  })
})
