import { describe, expect, it } from 'vitest'
import {
  editDistance,
  isFigurative,
  isHistorical,
  isNegated,
  normalise,
  sentences,
  subjectBefore,
  windowBefore,
} from '../../../src/domain/safety/text.js'

/** The qualifier applied at the first occurrence of `word` in the normalised sentence. */
const at = (sentence: string, word: string) => {
  const s = normalise(sentence)
  return { s, i: s.indexOf(word) }
}

describe('normalise', () => {
  it('folds case, apostrophes, decimal commas and spaces', () => {
    expect(normalise('  She’s  at 38,4 °C — can’t  WAKE her ')).toBe('shes at 38.4 °c — cant wake her')
  })

  it('splits sentences but not decimals', () => {
    expect(sentences('temp 38.4. she is fussy! ok').map((s) => s.text.trim())).toEqual([
      'temp 38.4',
      'she is fussy',
      'ok',
    ])
  })
})

describe('the qualifiers that keep a sign from firing', () => {
  it.each([
    ['no seizure', 'seizure', true],
    ["she isn't choking", 'choking', true],
    ['no fever or seizures', 'seizures', true],
    ['not sure if it is a seizure', 'seizure', false],
    ['no, she is seizing', 'seizing', false],
    ['she is not eating and having trouble breathing', 'trouble', false],
  ])('%j negated at %j: %s', (sentence, word, negated) => {
    const { s, i } = at(sentence, word)
    expect(isNegated(windowBefore(s, i))).toBe(negated)
  })

  it.each([
    ['had a seizure last year', true],
    ['history of febrile seizures', true],
    ['had a seizure 3 weeks ago', true],
    ['had a seizure last year and is having one again right now', false],
    ['had a seizure last night', false],
    ['had a seizure yesterday', false],
  ])('%j historical: %s', (sentence, historical) => {
    expect(isHistorical(normalise(sentence))).toBe(historical)
  })

  it.each([
    ["I'm about to have a seizure lol", 'seizure', true],
    ['what should I do if she has a seizure', 'seizure', true],
    ['the dog is choking', 'choking', true],
    ['on TV a kid was choking', 'choking', true],
    ['she had a seizure while watching tv', 'seizure', false],
    ['the dog bit her and she is bleeding everywhere', 'bleeding', false],
  ])('%j figurative at %j: %s', (sentence, word, figurative) => {
    const { s, i } = at(sentence, word)
    expect(isFigurative(s, i)).toBe(figurative)
  })

  it.each([
    ["I'm very sleepy", 'very', 'self'],
    ['I think she has a stiff neck', 'stiff', 'other'],
    ['Maya has a stiff neck', 'stiff', 'other'],
    ['stiff neck', 'stiff', 'none'],
  ])('%j: the subject before %j is %s', (sentence, word, subject) => {
    const { s, i } = at(sentence, word)
    expect(subjectBefore(s, i, ['maya'])).toBe(subject)
  })
})

describe('editDistance', () => {
  it('counts a transposition as one edit and stops past the cap', () => {
    expect(editDistance('tylenol', 'tyelnol', 1)).toBe(1)
    expect(editDistance('ibuprophen', 'ibuprofen', 2)).toBe(2)
    expect(editDistance('motrin', 'martin', 1)).toBe(2)
  })
})
