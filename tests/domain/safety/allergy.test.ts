import { describe, expect, it } from 'vitest'
import { allergyConflict } from '../../../src/domain/safety/allergy.js'
import { evaluateGate, type GateDependent, type GateInput } from '../../../src/domain/safety/index.js'
import { BASE, dose, grandpa, hoursAgo, sam } from './fixtures.js'

const allergic = (dep: GateDependent, ...substances: string[]): GateDependent => ({
  ...dep,
  allergies: substances.map((substance) => ({ substance })),
})

describe('allergyConflict', () => {
  const PAIN =
    'ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer'
  it.each([
    // The drug itself, by any of its names or spellings.
    ['ibuprofen', ['Motrin'], ''],
    ['Advil', ['ibuprofen'], ''],
    ['acetaminophen', ['tylenol'], ''],
    ['Amoxil', ['Amoxicillin'], ''],
    ['zyrtec', ['Cetirizine (hives)'], ''],
    ['motrin', ['Ibuprophen'], ''], // the dose guard's misspellings
    ['tylenol', ['acetominophen'], ''],
    ['motrin', ['ibuprofen/Motrin'], ''],
    ['cefdinir 300 mg', ['Cefdinir'], ''], // not in our brand table: the phrase itself
    // Groups the labels name.
    ['amoxicillin', ['penicillin'], 'amoxicillin is a penicillin'],
    ['amoxicilin', ['penicilin'], 'amoxicilin is a penicillin'],
    ['augmentin', ['Penicillins'], 'amoxicillin-clavulanate is a penicillin'],
    ['Amox-clav 400mg', ['penicillin-based antibiotics'], 'amox-clav is a penicillin'],
    ['Penicillin VK 250', ['penicillin'], 'penicillin vk is a penicillin'],
    ['ampicillin', ['amoxicillin'], 'ampicillin is a penicillin'],
    ['amoxicillin', ['co-amoxiclav'], 'amoxicillin is a penicillin'],
    ['augmentin', ['amox'], 'amoxicillin-clavulanate is a penicillin'],
    ['amoxicillin', ['β-lactams'], 'amoxicillin is a penicillin, a β-lactam'],
    ['cephalexin', ['penicillin'], 'people allergic to penicillin have reacted to cephalosporins like cephalexin'],
    ['cefdinir', ['amox'], 'people allergic to penicillin have reacted to cephalosporins like cefdinir'],
    ['Keflex', ['cephalosporins'], 'cephalexin is a cephalosporin'],
    ['ibuprofen', ['aspirin'], PAIN],
    ['ibuprofen', ['Tylenol'], PAIN],
    ['motrin', ['asprin'], PAIN],
    ['aspirin', ['NSAIDs'], 'aspirin is an NSAID'],
    ['aspirin', ['Advil'], 'aspirin is an NSAID'],
  ])('%s against an allergy to %j', (drug, substances, why) => {
    expect(
      allergyConflict(
        drug,
        substances.map((substance) => ({ substance })),
      )?.why,
    ).toBe(why)
  })

  it.each([
    ['acetaminophen', ['ibuprofen']], // acetaminophen's label names acetaminophen only
    ['acetaminophen', ['penicillin', 'peanuts']],
    ['amoxicillin', ['sulfa']],
    ['ibuprofen', ['peanuts', 'latex', 'eggs']],
    ['cetirizine', ['penicillin']],
    ['Vitamin D drops', ['vitamin E']], // an unknown word is not a drug
    ["Children's liquid", ['drops']],
    ['azithromycin', ['penicillin']], // a macrolide, not a β-lactam
  ])('%s is not ruled out by %j', (drug, substances) => {
    expect(
      allergyConflict(
        drug,
        substances.map((substance) => ({ substance })),
      ),
    ).toBeUndefined()
  })
})

describe('the dose guard reads allergies (DOSE-ALLERGY)', () => {
  const ask = (dep: GateDependent, text: string, extra: Partial<GateInput> = {}) =>
    evaluateGate({ ...BASE, dependents: [dep], text, ...extra })

  it('a question about a drug she is allergic to: do not give it, ask first, no "next dose"', () => {
    const out = ask(allergic(sam, 'ibuprofen'), 'can I give Sam motrin?')
    expect(out.tier).toBe('dose_blocked')
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toBe(
      "Sam has an allergy to ibuprofen on record. Don't give ibuprofen without a doctor's or pharmacist's OK.",
    )
    expect(out.nextDoseAllowedAt).toBeUndefined()
  })

  it('a dose already given: what to watch for, when to call 911, and the parents are alerted', () => {
    const withReaction: GateDependent = { ...sam, allergies: [{ substance: 'aspirin', reaction: 'wheezing' }] }
    const out = ask(withReaction, 'gave Sam 5 ml of motrin', {
      doseHistory: [dose(sam, 'ibuprofen', hoursAgo(1))],
    })
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toContain('Sam has an allergy to aspirin (wheezing) on record (ibuprofen’s label says')
    expect(out.reply).toContain(
      'Watch for hives, swelling of the lips, face or tongue, wheezing or trouble breathing: if you see any, call 911 now.',
    )
    expect(out.reply).not.toContain('next dose')
    expect(out.alertParents).toBe(true)
    expect(out.alert).toMatch(/^Sam: ibuprofen was given\. Sam has an allergy to aspirin/)
  })

  it('in the UK the number is 999', () => {
    const out = ask(allergic(sam, 'paracetamol'), 'gave Sam calpol', { locale: 'en-GB', timeZone: 'Europe/London' })
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toContain('call 999 now')
  })

  it('an adult’s aspirin is checked against their allergies; without one it is not a red flag', () => {
    expect(ask(allergic(grandpa, 'NSAIDs'), 'gave Grandpa his aspirin').ruleId).toBe('DOSE-ALLERGY')
    expect(ask(grandpa, 'gave Grandpa his aspirin').tier).not.toBe('dose_blocked')
  })

  it('an allergy and too many doses: the parents hear both, and Poison Control is named', () => {
    const history = [3, 9, 15, 21].map((h) => dose(sam, 'ibuprofen', hoursAgo(h)))
    const out = ask(allergic(sam, 'aspirin'), 'gave Sam 5 ml of motrin', { doseHistory: history })
    expect(out.ruleId).toBe('DOSE-ALLERGY')
    expect(out.reply).toContain('Otherwise call your doctor or pharmacist or Poison Control (1-800-222-1222).')
    expect(out.alert).toContain('Sam has an allergy to aspirin')
    expect(out.alert).toMatch(/24 hours|a day/)
  })

  it('"aspirin-free" is not aspirin', () => {
    expect(ask(allergic(grandpa, 'ibuprofen'), 'gave Grandpa aspirin-free Excedrin').tier).not.toBe('dose_blocked')
  })

  it('an allergy to something else changes nothing', () => {
    const out = ask(allergic(sam, 'peanuts', 'penicillin'), 'can I give Sam motrin?')
    expect(out.tier).toBe('dose_ok')
  })
})
