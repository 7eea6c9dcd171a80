import { describe, expect, it } from 'vitest'
import { type BbtReading, dailyReadings } from '../../../src/domain/cycles/bbt.js'
import {
  addDays,
  cycleLengths,
  daysBetween,
  expectedLength,
  expectedLuteal,
  LUTEAL,
  MIN_OWN_CYCLES,
  POPULATION,
  predictCycle,
  usableCycles,
} from '../../../src/domain/cycles/predict.js'
import { onEpochDays, temperatureHistory } from '../../../src/domain/cycles/temperature.js'

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

/**
 * A cycle's temperatures from its first day: low (36.3–36.45) up to `ovulationDay`, high (+0.3 °C) from
 * the day after, up to `days` days.
 */
function cycleTemps(start: string, ovulationDay: number, days: number): BbtReading[] {
  const low = [36.35, 36.3, 36.4, 36.45, 36.35, 36.3, 36.4]
  return Array.from({ length: days }, (_, i) => ({
    date: addDays(start, i),
    c: Math.round(((low[i % low.length] as number) + (i + 1 > ovulationDay ? 0.3 : 0)) * 100) / 100,
  }))
}

describe('predictCycle with basal temperatures', () => {
  const history = starts('2026-01-01', [30, 30, 30, 30]) // last start 2026-05-01; calendar: 31 May

  it('with no temperature logged this cycle it is the calendar method, unchanged', () => {
    // Readings of April only: this cycle (from 1 May) has none.
    const p = predictCycle(history, '2026-05-20', cycleTemps('2026-04-01', 14, 30))
    expect(p).toEqual(predictCycle(history, '2026-05-20'))
    expect(p?.temperatures).toBeUndefined()
  })

  it('while her temperature stays low the date moves later each day, and the reply can say why', () => {
    const calendar = predictCycle(history, '2026-05-14')?.nextStart.date
    expect(calendar).toBe('2026-05-31')
    const on = (day: number) => predictCycle(history, addDays('2026-05-01', day - 1), cycleTemps('2026-05-01', 99, day))
    // One reading on day 1, and still on day 14 (ovulation expected on day 31 − 12.4 ≈ 18.6): the
    // calendar's date, with the calendar's ovulation.
    for (const day of [1, 14])
      expect(on(day)).toMatchObject({ nextStart: { date: calendar }, ovulation: { date: '2026-05-19' } })
    const dates = [14, 18, 22, 25].map((d) => on(d)?.nextStart.date as string)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(4)
    // Day 22 with no rise: ovulation is still ahead, so the period is at least a luteal phase away.
    const p = on(22)
    expect(p).toMatchObject({ method: 'calendar', temperatures: { readings: 22 }, lateDays: 0 })
    expect(p?.shift).toBeUndefined()
    expect(p?.temperatures?.riseChance).toBeLessThan(0.2)
    expect(p?.temperatures?.ovulation).toBeUndefined()
    expect(daysBetween('2026-05-22', p?.nextStart.date as string)).toBeGreaterThanOrEqual(12)
    expect((p?.ovulation.date as string) >= '2026-05-21').toBe(true)
  })

  it('past the calendar date with no rise she is late against the calendar, and the new date is ahead', () => {
    const p = predictCycle(history, '2026-06-02', cycleTemps('2026-05-01', 99, 33))
    expect(p?.lateDays).toBe(2)
    expect(p?.expectedStart?.date).toBe('2026-05-31')
    expect(daysBetween('2026-06-02', p?.nextStart.date as string)).toBeGreaterThanOrEqual(LUTEAL.min)
  })

  it('two high readings move the date earlier; the third over six confirms the shift', () => {
    // Ovulation on cycle day 14 (14 May): highs from 15 May, confirmed by three over six on 17 May.
    const bbt = cycleTemps('2026-05-01', 14, 17)
    const early = predictCycle(history, '2026-05-16', bbt.slice(0, 16))
    expect(early?.method).toBe('calendar')
    expect((early?.nextStart.date as string) < '2026-05-31').toBe(true)
    const p = predictCycle(history, '2026-05-17', bbt)
    expect(p).toMatchObject({
      method: 'temperature',
      // Ovulation is the day before the first high reading: both from the confirmed shift.
      shift: { firstHigh: '2026-05-15', ovulation: '2026-05-14', confirmed: '2026-05-17', lutealCycles: 0 },
      cycleDay: 17,
    })
    // 14 May + the 12.4-day luteal phase (± 2.55) → 26–27 May. The median is a day or two later: with no
    // past cycle to learn her scatter from, three readings leave some doubt (a rise a day later, or no
    // rise at all and her calendar's 31 May).
    expect(p?.nextStart).toEqual({ date: '2026-05-28', from: '2026-05-25', to: '2026-05-31' })
    expect(p?.ovulation).toEqual({ date: '2026-05-14', from: '2026-05-13', to: '2026-05-15' })
    expect(p?.fertile).toEqual({ from: '2026-05-09', to: '2026-05-15' })
  })

  it('uses her own luteal phase and ovulation days from past cycles, and a tighter range', () => {
    // Irregular cycles (26, 34, 28, 32; last start 1 May, calendar 31 May ± 4) but a steady luteal phase:
    // the rise on cycle day length − 12, so ovulation on day length − 13 and 14 days to the next start.
    const lengths = [26, 34, 28, 32]
    const irregular = starts('2026-01-01', lengths)
    const past = lengths.flatMap((l, i) => cycleTemps(irregular[i] as string, l - 13, l))
    // This cycle she ovulates early (day 12): the calendar still says 31 May; her temperatures earlier.
    const now = cycleTemps('2026-05-01', 12, 16)
    const p = predictCycle(irregular, '2026-05-16', [...past, ...now])
    expect(p?.method).toBe('temperature')
    expect(p?.shift).toMatchObject({ ovulation: '2026-05-12', lutealCycles: 4 })
    // Luteal (4 × 14 + 1 × 12.4) / 5 = 13.68 d, SD √(2 × 2.55² / 5 × 1.25) = 1.80 d: the median of the
    // whole-day luteal phase is 14 (P(L ≤ 13) = 0.46), its 1/6 and 5/6 quantiles 12 and 15.
    expect(p?.shift?.lutealDays).toBe(13.7)
    expect(p?.nextStart).toEqual({ date: '2026-05-26', from: '2026-05-24', to: '2026-05-27' })
    const calendar = predictCycle(irregular, '2026-05-16')
    expect(calendar?.nextStart).toEqual({ date: '2026-05-31', from: '2026-05-27', to: '2026-06-04' })
    const width = (r: { from: string; to: string }) => Date.parse(r.to) - Date.parse(r.from)
    expect(width(p?.nextStart ?? { from: '', to: '' })).toBeLessThan(width(calendar?.nextStart ?? { from: '', to: '' }))
    // Ovulation is the dated day ± 1, the fertile window around it.
    expect(p?.ovulation).toEqual({ date: '2026-05-12', from: '2026-05-11', to: '2026-05-13' })
    expect(p?.fertile).toEqual({ from: '2026-05-07', to: '2026-05-13' })
  })

  it('is late from the date it expected, and then looks past today for the new one', () => {
    // Rise from 13 May (ovulation 12 May), still high on 28 May: expected 12 May + 12.4 ≈ 24–25 May.
    const p = predictCycle(history, '2026-05-28', cycleTemps('2026-05-01', 12, 28))
    expect(p?.expectedStart?.date).toBe('2026-05-25')
    expect(p?.lateDays).toBe(3)
    expect(p?.shift?.ovulation).toBe('2026-05-12')
    // The period has not come by today, so the best guess now is after it.
    expect((p?.nextStart.date as string) > '2026-05-28').toBe(true)
    // Not late: no expectedStart.
    expect(predictCycle(history, '2026-05-20', cycleTemps('2026-05-01', 12, 20))?.expectedStart).toBeUndefined()
  })

  it('once her temperature has stayed up longer than any luteal phase, no new date: how late, and since when', () => {
    const p = predictCycle(history, '2026-06-03', cycleTemps('2026-05-01', 12, 34))
    expect(p).toMatchObject({ method: 'temperature', lateDays: 9, nextStart: { date: '2026-05-25' } })
    expect(p?.expectedStart).toBeUndefined()
    // Ovulation and the fertile window stay with the confirmed shift, not a date the model invents.
    expect(p?.ovulation.date).toBe('2026-05-12')
    expect(p?.fertile).toEqual({ from: '2026-05-07', to: '2026-05-13' })
  })

  it('a rise the rule never confirms is still a rise: dated, and no new date once it has stayed up', () => {
    // +0.35 °C from day 13, but every third high morning back at 36.45: three over six never completes.
    const lows = [36.35, 36.3, 36.4, 36.45, 36.35, 36.3, 36.4]
    const bbt = Array.from({ length: 35 }, (_, i) => ({
      date: addDays('2026-05-01', i),
      c:
        i + 1 < 13
          ? (lows[i % 7] as number)
          : (i - 12) % 3 === 2
            ? 36.45
            : Math.round(((lows[i % 7] as number) + 0.35) * 100) / 100,
    }))
    const p = predictCycle(history, '2026-06-04', bbt)
    expect(p).toMatchObject({ method: 'calendar', temperatures: { ovulation: '2026-05-12' }, lateDays: 10 })
    expect(p?.shift).toBeUndefined()
    expect(p?.expectedStart).toBeUndefined()
    expect(p?.nextStart.date).toBe('2026-05-25')
    expect(p?.fertile).toEqual({ from: '2026-05-07', to: '2026-05-13' })
  })

  it('with no rise, ovulation is never dated before her last reading', () => {
    const p = predictCycle(history, '2026-05-30', cycleTemps('2026-05-01', 99, 30))
    expect(p?.temperatures?.ovulation).toBeUndefined()
    expect((p?.ovulation.from as string) >= '2026-05-30').toBe(true)
    expect((p?.ovulation.date as string) >= '2026-05-30').toBe(true)
  })

  it('readings that stopped days ago, with no rise in them, leave the calendar answer unchanged', () => {
    expect(predictCycle(history, '2026-06-29', cycleTemps('2026-05-01', 99, 1))).toEqual(
      predictCycle(history, '2026-06-29'),
    )
    expect(predictCycle(history, '2026-05-30', cycleTemps('2026-05-01', 99, 10))).toEqual(
      predictCycle(history, '2026-05-30'),
    )
    // Up to 3 days without a reading still counts (mornings get missed).
    expect(predictCycle(history, '2026-05-30', cycleTemps('2026-05-01', 99, 27))?.temperatures).toBeDefined()
  })

  it('no temperature forecast past the longest plausible cycle (a period not logged)', () => {
    const p = predictCycle(history, '2027-05-01', cycleTemps('2026-05-01', 99, 1))
    expect(p).toEqual(predictCycle(history, '2027-05-01'))
  })

  it('leaves implausible luteal phases out of her history and blends hers with 12.4 days', () => {
    // A rise 3 days before the next start (a fever read as a shift) is no luteal phase (4 days < 5).
    const s = starts('2026-01-01', [30])
    const daily = onEpochDays(dailyReadings(cycleTemps('2026-01-01', 27, 30)))
    expect(temperatureHistory(s, daily, LUTEAL).lutealDays).toEqual([])
    const good = onEpochDays(dailyReadings(cycleTemps('2026-01-01', 16, 30)))
    expect(temperatureHistory(s, good, LUTEAL)).toMatchObject({ ovulationDays: [16], lutealDays: [15] })
    expect(expectedLuteal([])).toMatchObject({ days: 12.4, sdDays: POPULATION.lutealSd, n: 0 })
    expect(expectedLuteal([14]).days).toBeCloseTo(13.2)
    const own = expectedLuteal([13, 13, 14, 13, 13, 12])
    expect(own.sdDays).toBeLessThan(POPULATION.lutealSd)
  })
})
