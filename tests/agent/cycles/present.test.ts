import { describe, expect, it } from 'vitest'
import { presentFertile, presentNext } from '../../../src/agent/cycles/present.js'
import { addDays, predictCycle } from '../../../src/domain/cycles/predict.js'

const history = ['2026-01-01', '2026-01-31', '2026-03-02', '2026-04-01', '2026-05-01']
/** Cycle days 1…days from `start`, low, then 0.3 °C higher from the day after `ovulationDay`. */
const temps = (start: string, ovulationDay: number, days: number) =>
  Array.from({ length: days }, (_, i) => ({
    date: addDays(start, i),
    c: Math.round(([36.35, 36.3, 36.4, 36.45][i % 4] as number) * 100 + (i + 1 > ovulationDay ? 30 : 0)) / 100,
  }))
const her = { self: true, name: 'Jane', memberId: 'm-jane' }

describe('cycle replies with temperatures', () => {
  it('a late period names the date that was expected, and where the temperatures now put it', () => {
    const p = predictCycle(history, '2026-05-30', temps('2026-05-01', 12, 30))
    const text = presentNext(her, p, '2026-05-30')
    expect(text).toMatch(/^Your period was expected around [A-Z][a-z]{2} 2[4-6] May \(likely .+\), [3-6] days ago\. /)
    expect(text).toContain('From your temperatures it now looks likely')
    expect(text).toContain('You’re on day 30 of your cycle.')
  })

  it('an unconfirmed rise is an estimate, not a calendar one, and says it is not confirmed', () => {
    const p = predictCycle(history, '2026-05-16', temps('2026-05-01', 14, 16))
    expect(p?.method).toBe('calendar')
    const text = presentFertile(her, p)
    expect(text).toContain('An estimate, not reliable as contraception.')
    expect(text).not.toContain('A calendar estimate')
    expect(text).toMatch(
      /Adjusted for your temperatures: (no rise yet|they look to have risen, .+ \(not yet confirmed\))/,
    )
  })
})
