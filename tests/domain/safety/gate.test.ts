import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateGate, TIERS } from '../../../src/domain/safety/index.js'
import { CORPUS, input } from './corpus.js'
import { BASE, maya, postpartum, sam } from './fixtures.js'
import { scoreCorpus } from './metrics.js'

describe('the red-flag gate on its labelled corpus', () => {
  it('has at least 150 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150)
  })

  it.each(CORPUS.map((c) => [c.text, c] as const))('%s', (_, c) => {
    const out = evaluateGate(input(c))
    const want = c.knownGap ? { tier: c.knownGap.tier, ruleId: c.knownGap.ruleId } : c.expect
    expect(out.tier).toBe(want.tier)
    if (want.ruleId) expect(out.ruleId).toBe(want.ruleId)
    if (!c.knownGap && c.expect.dependentId) expect(out.dependentId).toBe(c.expect.dependentId)
  })

  it('misses no emergency and no urgent fever (recall 100%)', () => {
    const scores = scoreCorpus(CORPUS)
    for (const tier of ['emergency', 'urgent_fever'] as const) {
      expect(scores.find((s) => s.tier === tier)?.recall, tier).toBe(1)
    }
  })
})

describe('a basal temperature with a reason', () => {
  const gate = (text: string) => evaluateGate({ ...BASE, text })
  it('"BBT 37.4, fever" is her own cycle log, not an infant fever', () => {
    expect(gate('bbt 37.4, fever').tier).not.toBe('urgent_fever')
    expect(gate('BBT 37.2 feverish').tier).not.toBe('urgent_fever')
  })
  it.each([
    'bbt 36.5. Maya has a fever',
    'bbt 36.5, baby has a fever',
    'she has a fever',
    // A reviewer's list: anything beyond "BBT <n>, fever" keeps every fever rule.
    'bbt 36.5 and my boy has a fever',
    'bbt 36.5, my girl has a fever',
    'BBT 36.5, my 6 week old has a fever',
    'bbt 36.5, the baby’s fever',
    'bbt 36.5, fever since last night. the baby is fussy',
    'bbt 36.5, fever 38.9',
    'bbt 36.5, fever 102F',
    'bbt 36.4 and the little guy is burning up',
    'bbt 36.5, baby 38.5',
    'bbt thermometer: 7 week old has a fever',
    'maya: bbt 38.4',
    'took maya’s temp with my bbt: 38.6',
    'bbt 36.5, her temp 38.5',
    // A fifth review's probes: a child before the BBT, the BBT thermometer as a device, child words,
    // ages, misspelt names.
    'Maya feels hot. bbt thermometer says 38.4',
    'Maya is so fussy. Checked with my bbt thermometer: 38.3',
    'Maya feels warm. bbt 38.4',
    'maya. bbt 38.4',
    'bbt 36.4 and shes 38.6',
    'bbt 36.4, my 3yo is 40.3',
    'bbt 36.4 and my 7-week-old is 38.3',
    'bbt 36.4, the lil one is 38.4',
    'bbt 36.4, Mayaa is 38.4',
    'bbt 36.5, maya has a fever',
    'checked my son with the bbt 40.5',
  ])('"%s" is still a child’s fever', (text) => {
    expect(gate(text).tier).toBe('urgent_fever')
  })

  // Maya is 7 weeks old: a child's 35.8 would be FEVER-U3M-LOW. Her own BBT, however written, is not.
  it.each([
    'BBT 35.8',
    'bbt today 35.8',
    'BBT this morning: 35.85',
    'bbt at 35.9',
    'bbt ~35.8',
    'bbt - 35.8',
    'BBT (oral) 35.8',
    'bbt reading 35.8',
    'bbt 6am 35.8',
    '35.8 bbt',
    'temp 35.8 (bbt)',
    'bbt 35.8 / 35.9 retake',
    'bbt: 36.2 yesterday, 35.9 today',
    'bbt of about 35.8',
    'bbt 96.4F',
    'my bbt is 35.7',
    'bbt 36.9 (fever)',
    'bbt 37.1, fever last night',
    'bbt 36.8, slight fever',
    'bbt 36.5; fever',
    'bbt 35.8, up with maya all night',
    '35.8 bbt, up with maya all night',
    'bbt was low today 35.8 - up with Maya all night',
    'BBT 37.2, fever?',
    'bbt 36.9, feeling feverish',
    'bbt35.8',
    'bbts: 35.8, 35.9',
  ])('"%s" is her own cycle log, not an alarm about Maya', (text) => {
    expect(['urgent_fever', 'emergency']).not.toContain(gate(text).tier)
  })

  it.each(['BBT 38.4', 'bbt 38.3, maya kept me up', '38.3 bbt, up with maya all night'])(
    'a postpartum mother’s own fever in a BBT ("%s") is her emergency, not lost',
    (text) => {
      const out = evaluateGate({ ...BASE, ...postpartum, text })
      expect(out.ruleId).toBe('EMERG-MATERNAL-FEVER')
    },
  )

  it.each(['my 7 week old is 38.3', 'bbt 36.4 and my eldest is 40.2'])(
    'a postpartum mother’s "my <child>" reading ("%s") is the child’s, not hers',
    (text) => {
      expect(evaluateGate({ ...BASE, ...postpartum, text }).ruleId).not.toBe('EMERG-MATERNAL-FEVER')
    },
  )
})

describe('what the gate answers', () => {
  it('alerts the parents for every tier from dose_blocked up, and for none below', () => {
    const alerted = (text: string) => evaluateGate({ ...BASE, text })
    expect(alerted('Sam is choking').alertParents).toBe(true)
    expect(alerted('Maya temp 38.4').alertParents).toBe(true)
    expect(alerted('can Maya have tylenol?').alertParents).toBe(true)
    expect(alerted('fed 120ml at 3').alertParents).toBe(false)
    expect(alerted('thanks!').alertParents).toBe(false)
  })

  it('tells an en-US family to call 911 and an en-GB family to call 999', () => {
    expect(evaluateGate({ ...BASE, text: 'Sam is choking' }).reply).toMatch(/^Call 911 now\./)
    expect(evaluateGate({ ...BASE, locale: 'en-GB', text: 'Sam is choking' }).reply).toMatch(/^Call 999 now\./)
    expect(evaluateGate({ ...BASE, locale: 'fr-FR', text: 'Sam is choking' }).reply).toMatch(
      /^Call your local emergency number now\./,
    )
  })

  it('sends a UK baby under 3 months with a fever to A&E or 999, and includes the provider number on file', () => {
    const out = evaluateGate({
      ...BASE,
      locale: 'en-GB',
      dependents: [{ ...maya, providerPhone: '+44 20 7946 0000' }],
      text: 'temp 38.2',
    })
    expect(out.reply).toContain('A&E or call 999')
    expect(out.reply).toContain('+44 20 7946 0000')
  })

  it('keeps a blocked dose in the findings when an urgent fever outranks it, and says both', () => {
    const out = evaluateGate({ ...BASE, text: 'Maya is 38.3, can I give her tylenol?' })
    expect(out.findings.map((f) => f.ruleId)).toEqual(['FEVER-U3M', 'DOSE-APAP-AGE'])
    expect(out.reply).toContain('12 weeks')
  })

  it('treats a postpartum sender’s own temperature as a maternal warning sign', () => {
    const out = evaluateGate({ ...BASE, ...postpartum, dependents: [sam], text: 'my temp is 100.6' })
    expect(out.tier).toBe('emergency')
    expect(out.ruleId).toBe('EMERG-MATERNAL-FEVER')
  })

  it('stops counting the postpartum year on the first anniversary of the birth', () => {
    const text = 'I have a severe headache'
    const at = (since: string) => evaluateGate({ ...BASE, senderMaternal: { postpartumSince: since }, text }).tier
    expect(at('2025-03-11')).toBe('emergency')
    expect(at('2025-03-10')).toBe('not_a_red_flag')
  })

  it('never throws and always answers a known tier, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const out = evaluateGate({ ...BASE, text })
        expect(TIERS).toContain(out.tier)
        expect(out.findings[0]?.ruleId).toBe(out.ruleId)
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws on text made of the words it looks for', () => {
    const words = [
      'temp',
      '38.4',
      'tylenol',
      '5ml',
      'not',
      'seizure',
      'lol',
      'sos',
      'Maya',
      '?',
      ',',
      'no',
      'last year',
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (parts) => {
        const out = evaluateGate({ ...BASE, text: parts.join(' ') })
        expect(TIERS).toContain(out.tier)
      }),
      { numRuns: 1000 },
    )
  })
})
