import { describe, expect, it } from 'vitest'
import {
  cycleSeries,
  epochDay,
  type ForecastInputs,
  fitStep,
  forecast,
  onEpochDays,
} from '../../../src/domain/cycles/temperature.js'

/** (cycle day, °C) from day 1; null is a morning she did not take it. */
const series = (temps: (number | null)[]) => temps.flatMap((c, i) => (c === null ? [] : [{ day: i + 1, c }]))
const LOW = [36.4, 36.3, 36.35, 36.4, 36.3, 36.45, 36.35, 36.4, 36.3, 36.35, 36.4, 36.45, 36.3, 36.35]
const high = (n: number) => Array.from({ length: n }, (_, i) => [36.7, 36.65, 36.75][i % 3] as number)

/** A woman with a learned level and scatter, ovulating around day 15, luteal 13 ± 1.5. */
const inputs = (temps: (number | null)[], today = temps.length): ForecastInputs => ({
  series: series(temps),
  today,
  ovulation: { mean: 15, logSd: 0.15 },
  luteal: { mean: 13, sd: 1.5, min: 5, max: 19 },
  calendar: { day: 29, sd: 2 },
  low: 36.37,
  rise: 0.33,
  noise: 0.06,
})

describe('fitStep: where a completed cycle’s temperature rose', () => {
  it('finds the first high day, both levels and the rise', () => {
    const fit = fitStep(series([...LOW, ...high(12)]))
    expect(fit?.firstHighDay).toBe(15)
    expect(fit?.low).toBeCloseTo(36.364, 2)
    expect(fit?.rise).toBeCloseTo(0.336, 2)
  })

  it('finds no rise in a flat cycle, and needs three high readings', () => {
    expect(fitStep(series([...LOW, ...LOW]))).toBeUndefined()
    expect(fitStep(series([...LOW, 36.7, 36.7]))?.firstHighDay).not.toBe(15)
    expect(fitStep(series([36.4, 36.7]))).toBeUndefined()
  })
})

describe('forecast: the next start from this cycle’s temperatures', () => {
  it('with nothing learned yet this cycle it is her priors: ovulation about day 15 + 13 days', () => {
    const f = forecast(inputs([36.4, 36.35, 36.3]))
    expect(f.day).toBe(28)
    expect(f.expected.day).toBe(28)
    expect(f.fromDay).toBeLessThan(f.day)
    expect(f.toDay).toBeGreaterThan(f.day)
    expect(f.riseChance).toBeLessThan(0.01)
  })

  it('dates a clear rise and closes the range to her luteal phase', () => {
    const f = forecast(inputs([...LOW, ...high(4)]))
    expect(f.ovulationDay).toBe(14)
    expect(f.riseChance).toBeGreaterThan(0.99)
    expect(f.day).toBe(14 + 13)
    // ± her luteal SD 1.5 → about two days either side, not the cycle's spread.
    expect(f.toDay - f.fromDay).toBeLessThanOrEqual(4)
  })

  it('one feverish morning is not a rise, and a missed morning changes little', () => {
    const fever = [...LOW.slice(0, 12), 37.4, 36.35]
    const f = forecast(inputs(fever))
    expect(f.riseChance).toBeLessThan(0.05)
    const missed = forecast(inputs([...LOW.slice(0, 12), null, 36.35]))
    expect(Math.abs(missed.day - f.day)).toBeLessThanOrEqual(1)
  })

  it('knows the period has not come: by a late day with no rise the date is a luteal phase away', () => {
    const f = forecast(inputs([...LOW, ...LOW.slice(0, 10)]))
    // Some doubt remains that it rose on the last morning or two (a single reading says little).
    expect(f.riseChance).toBeLessThan(0.2)
    expect(f.day).toBeGreaterThanOrEqual(24 + 5)
    expect(f.fromDay).toBeGreaterThan(24)
  })

  it('a cycle with no rise at all keeps her calendar in view instead of running away', () => {
    // Flat through day 30 (her calendar: day 29 ± 2; ovulation expected about day 15 ± 2).
    const flat = [...LOW, ...LOW, 36.4, 36.35]
    const f = forecast(inputs(flat))
    expect(f.riseChance).toBeLessThan(0.1)
    // An ovulation on day 30 or later is very unlikely for her; a cycle without one ends near her calendar.
    expect(f.day).toBeGreaterThan(30)
    expect(f.day).toBeLessThanOrEqual(34)
  })

  it('once past the expected day, `expected` stays where it was and the forecast moves past today', () => {
    const temps = [...LOW, ...high(20)] // rise on day 15; 34 days in, no period
    const f = forecast(inputs(temps))
    expect(f.expected.day).toBe(27)
    expect(f.day).toBeGreaterThan(34)
  })

  it('readings before the cycle, or after its end, are not its readings', () => {
    const daily = onEpochDays([
      { date: '2026-02-27', c: 36.9 },
      { date: '2026-03-01', c: 36.4 },
      { date: '2026-03-03', c: 36.5 },
      { date: '2026-03-29', c: 36.6 },
    ])
    expect(cycleSeries(daily, '2026-03-01', '2026-03-29')).toEqual([
      { day: 1, c: 36.4 },
      { day: 3, c: 36.5 },
    ])
    expect(epochDay('2026-03-01') - epochDay('2026-02-27')).toBe(2)
  })

  it('when no ovulation day left is possible (the prior has underflowed), tomorrow — never NaN', () => {
    // predictCycle never asks this far out (cycle day ≤ 90); the forecast alone must still not break.
    const f = forecast({ ...inputs([36.4]), today: 200_000, ovulation: { mean: 3, logSd: 0.28 } })
    expect(f).toMatchObject({ day: 200_001, fromDay: 200_001, toDay: 200_001, riseChance: 0 })
    expect(Number.isFinite(f.expected.day)).toBe(true)
  })
})
