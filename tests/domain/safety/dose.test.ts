import { describe, expect, it } from 'vitest'
import { nextAllowed } from '../../../src/domain/safety/dose.js'
import { drugOfWord, findDoses } from '../../../src/domain/safety/dose-parse.js'
import { evaluateGate, type GateInput } from '../../../src/domain/safety/index.js'
import { normalise } from '../../../src/domain/safety/text.js'
import { BASE, dose, hoursAgo, minutesAgo, NOW, sam } from './fixtures.js'

const HOUR = 3_600_000
const samAsks = (text: string, extra: Partial<GateInput> = {}) =>
  evaluateGate({ ...BASE, dependents: [sam], text, ...extra })

describe('dose interval arithmetic', () => {
  it.each([
    ['acetaminophen', 'can he have more tylenol?', 239, 'dose_blocked'],
    ['acetaminophen', 'can he have more tylenol?', 240, 'dose_ok'],
    ['ibuprofen', 'can he have more motrin?', 359, 'dose_blocked'],
    ['ibuprofen', 'can he have more motrin?', 360, 'dose_ok'],
  ] as const)('%s %s %d min after the last dose: %s', (drug, text, minutes, tier) => {
    expect(samAsks(text, { doseHistory: [dose(sam, drug, minutesAgo(minutes))] }).tier).toBe(tier)
  })

  it('says when the next dose is allowed, as a wait and as an instant', () => {
    const out = samAsks('can he have more tylenol?', {
      doseHistory: [dose(sam, 'acetaminophen', minutesAgo(110), 'Maria')],
    })
    expect(out.nextDoseAllowedAt).toEqual(minutesAgo(110 - 240))
    expect(out.reply).toContain('the last dose was 1 h 50 min ago (given by Maria)')
    expect(out.reply).toContain('The next dose is allowed in 2 h 10 min.')
    expect(out.alertParents).toBe(true)
  })

  it('counts a dose logged by another caregiver on another channel', () => {
    const history = [dose(sam, 'acetaminophen', hoursAgo(1), 'Dad (Slack)')]
    const out = samAsks('just gave Sam 5ml tylenol', { doseHistory: history })
    expect(out.ruleId).toBe('DOSE-APAP-INTERVAL')
    // The dose in this message was given now, so the next one waits 4 h from now.
    expect(out.nextDoseAllowedAt).toEqual(new Date(NOW.getTime() + 4 * HOUR))
  })

  it('uses the time the caller parsed for the reported dose', () => {
    const history = [dose(sam, 'acetaminophen', hoursAgo(6))]
    expect(samAsks('gave tylenol at 12', { doseHistory: history }).ruleId).toBe('DOSE-OK')
    const out = samAsks('gave tylenol at 12', { doseHistory: history, doseAt: hoursAgo(3) })
    expect(out.ruleId).toBe('DOSE-APAP-INTERVAL')
    expect(out.nextDoseAllowedAt).toEqual(hoursAgo(-1))
  })

  it('checks a dose reported in the past against a dose given after it', () => {
    const out = samAsks('gave tylenol an hour ago', { doseHistory: [dose(sam, 'acetaminophen', minutesAgo(30))] })
    expect(out.ruleId).toBe('DOSE-APAP-INTERVAL')
  })

  it('does not count a dose given exactly 24 h before, and counts one given 23 h 59 min before', () => {
    const four = (oldest: Date) =>
      [oldest, hoursAgo(18), hoursAgo(12), hoursAgo(6)].map((at) => dose(sam, 'ibuprofen', at))
    expect(samAsks('gave motrin', { doseHistory: four(hoursAgo(24)) }).tier).toBe('dose_ok')
    expect(samAsks('gave motrin', { doseHistory: four(minutesAgo(24 * 60 - 1)) }).ruleId).toBe('DOSE-IBU-MAX24')
  })

  it('ignores other dependents, the other drug and doses in the future', () => {
    const history = [
      { ...dose(sam, 'acetaminophen', hoursAgo(1)), dependentId: 'dep_other' },
      dose(sam, 'ibuprofen', hoursAgo(1)),
      dose(sam, 'acetaminophen', hoursAgo(-1)),
    ]
    expect(samAsks('gave tylenol', { doseHistory: history }).tier).toBe('dose_ok')
  })

  it('finds the next allowed time from both the interval and the 24-hour count', () => {
    const t = (h: number) => NOW.getTime() - h * HOUR
    expect(nextAllowed([t(1)], 4 * HOUR, 5)).toBe(t(-3))
    // Five doses 4 h apart: the sixth must wait until the oldest of them is 24 h old.
    expect(nextAllowed([t(18), t(14), t(10), t(6), t(2)], 4 * HOUR, 5)).toBe(t(-6))
  })
})

describe('dose amounts and products', () => {
  it('reads ml, tsp and mg, and a strength written on the label', () => {
    const [m] = findDoses(normalise('gave 1 1/2 tsp of tylenol'))
    expect(m?.ml).toBe(7.5)
    expect(findDoses(normalise('half a tsp tylenol'))[0]?.ml).toBe(2.5)
    expect(findDoses(normalise('gave 160mg tylenol'))[0]?.mg).toBe(160)
    const labelled = findDoses(normalise('gave 5ml of tylenol 160mg/5ml'))[0]
    expect([labelled?.ml, labelled?.mg, labelled?.mgPerMl]).toEqual([5, undefined, 32])
  })

  it('blocks more than 15 mg/kg of acetaminophen and says the most allowed', () => {
    const out = samAsks('gave 7.5 ml tylenol')
    expect(out.ruleId).toBe('DOSE-APAP-MGKG')
    expect(out.details?.mgPerKg).toBe(17.1)
    expect(out.reply).toContain('at most 210 mg')
  })

  it('asks which ibuprofen when infant drops would be an overdose', () => {
    const out = samAsks('gave motrin 5ml')
    expect(out.reply).toContain('Which one was it?')
    expect(samAsks('gave motrin 5ml', { dependents: [{ ...sam, mgPerMl: { ibuprofen: 20 } }] }).tier).toBe('dose_ok')
  })

  it('warns and asks for the weight when it is unknown, and does not confirm the amount', () => {
    const out = samAsks('gave tylenol 5ml', { dependents: [{ ...sam, weightKg: undefined }] })
    expect(out.tier).toBe('dose_ok')
    expect(out.reply).toContain("I don't have Sam's weight")
  })

  it.each([
    ['tylenal', 'acetaminophen'],
    ['tylonol', 'acetaminophen'],
    ['acetominophen', 'acetaminophen'],
    ['paracetemol', 'acetaminophen'],
    ['calpol', 'acetaminophen'],
    ['panadol', 'acetaminophen'],
    ['ibuprofin', 'ibuprofen'],
    ['ibuprophen', 'ibuprofen'],
    ['motrim', 'ibuprofen'],
    ['nurofen', 'ibuprofen'],
    ['advil', 'ibuprofen'],
    ['aspirin', 'aspirin'],
  ])('reads %s as %s', (word, drug) => {
    expect(drugOfWord(word)).toBe(drug)
  })

  it.each(['anvil', 'temper', 'motion', 'capital', 'panel', 'tile'])('does not read %s as a drug', (word) => {
    expect(drugOfWord(word)).toBeUndefined()
  })
})
