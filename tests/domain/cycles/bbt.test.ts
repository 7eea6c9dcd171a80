import { describe, expect, it } from 'vitest'
import { type BbtReading, detectThermalShift, THREE_OVER_SIX } from '../../../src/domain/cycles/bbt.js'
import { addDays } from '../../../src/domain/cycles/predict.js'

/** Daily readings from `first`; null is a day she did not take her temperature. */
function series(first: string, temps: (number | null)[]): BbtReading[] {
  return temps.flatMap((c, i) => (c === null ? [] : [{ date: addDays(first, i), c }]))
}

// Cycle days 1–14 low (highest 36.45), a rise from day 15.
const LOW = [36.4, 36.3, 36.35, 36.4, 36.3, 36.45, 36.35, 36.4, 36.3, 36.35, 36.4, 36.45, 36.3, 36.35]

describe('detectThermalShift: three over six', () => {
  it('three readings above the highest of the six before, the third ≥ 0.2 °C above it: confirmed on the third', () => {
    // The six before day 15 (days 9–14): highest 36.45. Days 15–17: 36.55, 36.6, 36.7 (≥ 36.65).
    const r = series('2026-03-01', [...LOW, 36.55, 36.6, 36.7, 36.75])
    expect(detectThermalShift(r)).toEqual({
      ovulation: '2026-03-14',
      firstHigh: '2026-03-15',
      confirmed: '2026-03-17',
      coverline: 36.45,
    })
  })

  it('is not confirmed before the third high reading (it is causal: the same answer on later days)', () => {
    const temps = [...LOW, 36.55, 36.6, 36.7, 36.75, 36.7]
    expect(detectThermalShift(series('2026-03-01', temps.slice(0, 16)))).toBeUndefined()
    for (const n of [17, 18, 19]) {
      expect(detectThermalShift(series('2026-03-01', temps.slice(0, n)))?.confirmed).toBe('2026-03-17')
    }
  })

  it('a third high less than 0.2 °C above waits for a fourth above the six', () => {
    // 36.55, 36.6, 36.6 (only +0.15), then 36.5 (> 36.45): confirmed on the fourth.
    const r = series('2026-03-01', [...LOW, 36.55, 36.6, 36.6, 36.5])
    expect(detectThermalShift(r)).toMatchObject({ firstHigh: '2026-03-15', confirmed: '2026-03-18' })
    // …and a fourth at or below the highest low is no shift there.
    expect(detectThermalShift(series('2026-03-01', [...LOW, 36.55, 36.6, 36.6, 36.45]))).toBeUndefined()
  })

  it('one reading back at the low level breaks the run; a later run counts against its own six', () => {
    const r = series('2026-03-01', [...LOW, 36.6, 36.4, 36.65, 36.7, 36.75])
    // Day 15 high, day 16 low again → no shift from day 15. From day 17: six before are days 11–16
    // (36.4, 36.45, 36.3, 36.35, 36.6, 36.4 → highest 36.6); 36.65, 36.7 above, 36.75 < 36.8 → a fourth needed.
    expect(detectThermalShift(r)).toBeUndefined()
    const more = series('2026-03-01', [...LOW, 36.6, 36.4, 36.65, 36.7, 36.75, 36.7])
    expect(detectThermalShift(more)).toMatchObject({
      firstHigh: '2026-03-17',
      confirmed: '2026-03-20',
      coverline: 36.6,
    })
  })

  it('needs six readings before the rise', () => {
    expect(detectThermalShift(series('2026-03-01', [36.3, 36.35, 36.4, 36.3, 36.35, 36.7, 36.8, 36.9]))).toBeUndefined()
    expect(detectThermalShift([])).toBeUndefined()
  })

  it('handles missed days: the six lows are the six last logged, one missed day between highs is allowed', () => {
    // Days 8, 10 and 12 not logged: the six lows are days 6, 7, 9, 11, 13, 14 (highest 36.45).
    // Day 16 not logged between the first and second highs.
    const temps: (number | null)[] = [...LOW, 36.55, null, 36.6, 36.7]
    for (const d of [7, 9, 11]) temps[d] = null
    expect(detectThermalShift(series('2026-03-01', temps))).toMatchObject({
      firstHigh: '2026-03-15',
      confirmed: '2026-03-18',
      coverline: 36.45,
    })
  })

  it('does not join readings across a gap longer than the rule allows', () => {
    // Two missed days between highs: not a run.
    expect(detectThermalShift(series('2026-03-01', [...LOW, 36.55, null, null, 36.6, 36.7]))).toBeUndefined()
    // Six lows spread over more than 10 days are not "the previous six".
    const sparse: (number | null)[] = [36.3, null, null, 36.35, null, null, 36.4, null, null, 36.3, null, 36.35, 36.3]
    expect(THREE_OVER_SIX.maxLowSpanDays).toBe(10)
    expect(detectThermalShift(series('2026-03-01', [...sparse, 36.6, 36.65, 36.7]))).toBeUndefined()
  })

  it('takes the last reading logged for a day and ignores implausible ones', () => {
    const r = series('2026-03-01', [...LOW, 36.55, 36.6, 36.7])
    const withFix = [...r, { date: '2026-03-16', c: 36.4 }] // she corrected day 16 to a low reading
    expect(detectThermalShift(withFix)).toBeUndefined()
    expect(detectThermalShift([...r, { date: '2026-03-02', c: 97.9 }])).toMatchObject({ confirmed: '2026-03-17' })
  })
})
