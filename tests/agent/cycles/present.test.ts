import { describe, expect, it } from 'vitest'
import { presentFertile, presentNext } from '../../../src/agent/cycles/present.js'
import { addDays, predictCycle } from '../../../src/domain/cycles/predict.js'

const history = ['2026-01-01', '2026-01-31', '2026-03-02', '2026-04-01', '2026-05-01'] // 30-day cycles
/** Cycle days 1…days from 1 May, low, then 0.3 °C higher from the day after `ovulationDay`. */
const temps = (ovulationDay: number, days: number) =>
  Array.from({ length: days }, (_, i) => ({
    date: addDays('2026-05-01', i),
    c: Math.round(([36.35, 36.3, 36.4, 36.45][i % 4] as number) * 100 + (i + 1 > ovulationDay ? 30 : 0)) / 100,
  }))
const her = { self: true, name: 'Jane', memberId: 'm-jane' }
const on = (day: number, ovulationDay: number) => {
  const today = addDays('2026-05-01', day - 1)
  return { today, p: predictCycle(history, today, temps(ovulationDay, day)) }
}

describe('cycle replies with temperatures', () => {
  it('late with no rise: late against her calendar, and why the new date is later', () => {
    const { today, p } = on(33, 99)
    const text = presentNext(her, p, today)
    expect(text).toMatch(
      /^Your period was expected around Sun 31 May \(likely 29 May – 2 June\), 2 days ago\. Your temperature hasn’t risen yet this cycle, so ovulation looks late: from your temperatures it now looks likely \d+–\d+ June\. You’re on day 33 of your cycle\./,
    )
  })

  it('late after a confirmed rise: when it was expected, and the date the temperatures now give', () => {
    const { today, p } = on(28, 12)
    expect(presentNext(her, p, today)).toMatch(
      /^Your period was expected around [A-Z][a-z]{2} 2[4-6] May \(likely .+\), [2-4] days ago\. From your temperatures it now looks likely .+\. You’re on day 28 of your cycle\./,
    )
  })

  it('temperature up longer than any luteal phase: no new date, since when it has stayed up', () => {
    const { today, p } = on(34, 12)
    const text = presentNext(her, p, today)
    expect(text).toContain('Your temperature has stayed up since Wed 13 May.')
    expect(text).not.toContain('now looks likely')
    // The fertile answer does not offer a "next period" date that has passed.
    expect(presentFertile(her, p)).toMatch(
      /fertile window \(7–13 May\) has most likely passed\. The period was expected around [A-Z][a-z]{2} 2[4-6] May\. An estimate/,
    )
  })

  it('an unconfirmed rise is an estimate, not a calendar one, and says it is not confirmed', () => {
    // Days 15–16 high (a rise from day 15): two highs, three over six not complete.
    const { p } = on(16, 14)
    expect(p?.method).toBe('calendar')
    expect(p?.temperatures?.ovulation).toBe('2026-05-14')
    const text = presentFertile(her, p)
    expect(text).toContain('An estimate, not reliable as contraception.')
    expect(text).not.toContain('A calendar estimate')
    expect(text).toContain(
      'Adjusted for your temperatures: they look to have risen, ovulation about Thu 14 May (not yet confirmed).',
    )
  })
})
