import { describe, it } from 'vitest'
import type { ParseContext } from '../../../src/agent/parser/index.js'
import {
  type Case,
  chen,
  evans,
  expectCase,
  joe,
  leo,
  lopez,
  lopezAll,
  lopezKids,
  maya,
  olivia,
  park,
} from './families.js'

const bottle4oz = { method: 'bottle', amountMl: 118.3, original: { value: 4, unit: 'oz' }, unitSource: 'stated' }
const LA = '2026-01-16T00:10:00.000Z'
const NY = '2026-01-15T21:10:00.000Z'
const UK = '2026-01-15T16:10:00.000Z'
const lily = { dependentId: 'dep_lily' }
const wei = { dependentId: 'dep_wei' }
const metformin = { name: 'metformin', key: 'metformin' }

const twins: Case[] = [
  // "Bean" is both twins' nickname: the fast path asks which one.
  ['fed bean 4oz', { kind: 'log_feed', subject: { ambiguous: ['dep_ava', 'dep_mia'] }, at: NY, feed: bottle4oz }],
  // "been" is one edit from "Bean" but a word, not a typo.
  ['been fed 4oz', undefined],
  ['fed mimi 4oz', { kind: 'log_feed', subject: { dependentId: 'dep_mia' }, at: NY, feed: bottle4oz }],
  ['fed AVA 4oz', { kind: 'log_feed', subject: { dependentId: 'dep_ava' }, at: NY, feed: bottle4oz }],
  [
    'wet diaper',
    { kind: 'log_diaper', subject: { ambiguous: ['dep_ava', 'dep_mia'] }, at: NY, wet: true, dirty: false },
  ],
  ["Ava's asleep", { kind: 'log_sleep', subject: { dependentId: 'dep_ava' }, event: 'start', at: NY }],
  ["Mimi's awake", { kind: 'log_sleep', subject: { dependentId: 'dep_mia' }, event: 'end', at: NY }],
  ['fed ava and mia 4oz', undefined],
  ['ava pooped and mia peed', undefined],
]

const lopezSubjects: Case[] = [
  ['fed MAYA 4oz', { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
  ['fed maya lopez 4oz', { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
  ["Maya's bottle 4oz", { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
  ['fed the baby 4oz', { kind: 'log_feed', subject: lopezKids, at: LA, feed: bottle4oz }],
  ['my son had 4oz', { kind: 'log_feed', subject: lopezKids, at: LA, feed: bottle4oz }],
  ['fed him 4oz', { kind: 'log_feed', subject: lopezKids, at: LA, feed: bottle4oz }],
  ['I fed her 4oz', { kind: 'log_feed', subject: lopezKids, at: LA, feed: bottle4oz }],
  ['fed maya and leo 4oz', undefined],
  // Rosa is the nanny, not a dependent: giver or subject, the parser cannot tell.
  ['Rosa fed maya 4oz', undefined],
  ["rosa says maya's asleep", undefined],
  ['I had 4oz', undefined],
  ["I'm awake", undefined],
  // One typo from exactly one name of 4+ letters (a swap counts as one) still names them.
  ['mayaa had 4oz', { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
  ['Mya had 4oz', { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
  ['fed budyd 4oz', { kind: 'log_feed', subject: leo, at: LA, feed: bottle4oz }],
  ['grandpaa took his metformin', { kind: 'log_dose', subject: joe, at: LA, drug: metformin }],
  // Further off, a family word one edit from a name, or a typo of someone who is not cared for: the agent.
  ['Leah had 4oz', undefined],
  ['mama fed her 4oz', undefined],
  ['grandma gave her tylenol', undefined],
  ['Rossa fed maya 4oz', undefined],
  ['lep had 4oz', undefined],
  // Only where a name stands (first, after a care verb, possessive), and never a different first letter.
  ['she had 4oz mayaa', undefined],
  ['muddy diaper', undefined],
  ['buddyy pooped', { kind: 'log_diaper', subject: leo, at: LA, wet: false, dirty: true }],
  // A child described, not named, is one of the children.
  ['baby girl had 4oz', { kind: 'log_feed', subject: lopezKids, at: LA, feed: bottle4oz }],
  ['the little man is asleep', { kind: 'log_sleep', subject: lopezKids, event: 'start', at: LA }],
  ['both kids had 4oz', undefined],
  // "May I…" asks permission; it does not name May.
  ['may i give her tylenol?', { kind: 'can_dose', subject: lopezAll, drug: { name: 'tylenol', key: 'acetaminophen' } }],
  ['May had 4oz', { kind: 'log_feed', subject: maya, at: LA, feed: bottle4oz }],
]

/** Leo's nickname has a hyphen: it is typed with a space or run together too. */
const hyphenated: ParseContext = {
  ...lopez,
  dependents: lopez.dependents.map((d) => (d.id === 'dep_leo' ? { ...d, nicknames: ['Leo-bear'] } : d)),
}
const hyphenatedNames: Case[] = [
  ['leo-bear asleep', { kind: 'log_sleep', subject: leo, event: 'start', at: LA }],
  ['Leo bear asleep', { kind: 'log_sleep', subject: leo, event: 'start', at: LA }],
  ['leobear asleep', { kind: 'log_sleep', subject: leo, event: 'start', at: LA }],
  ['bear asleep', undefined],
]

const oneChildAndGrandma: Case[] = [
  // Grandma Wei is a member too, so "the child" can only be Lily for a feed, a nap or a diaper.
  ['wet diaper', { kind: 'log_diaper', subject: lily, at: LA, wet: true, dirty: false }],
  ['fed her 4oz', { kind: 'log_feed', subject: lily, at: LA, feed: bottle4oz }],
  ['Lily pooped', { kind: 'log_diaper', subject: lily, at: LA, wet: false, dirty: true }],
  ['grandma took her eliquis', { kind: 'log_dose', subject: wei, at: LA, drug: { name: 'eliquis', key: 'apixaban' } }],
  [
    "nai nai's temp 99.8",
    {
      kind: 'log_temperature',
      subject: wei,
      at: LA,
      temperature: { value: 99.8, unit: 'F', unitSource: 'inferred', celsius: 37.67 },
    },
  ],
  // Mei is a parent, not a dependent: a dose without a name could be Lily's or Grandma's.
  [
    'gave eliquis',
    {
      kind: 'log_dose',
      subject: { ambiguous: ['dep_lily', 'dep_wei'] },
      at: LA,
      drug: { name: 'eliquis', key: 'apixaban' },
    },
  ],
]

const oneChild: Case[] = [
  ['fed her 4oz', { kind: 'log_feed', subject: olivia, at: UK, feed: bottle4oz }],
  ['Fed Olivia Evans 4oz', { kind: 'log_feed', subject: olivia, at: UK, feed: bottle4oz }],
  ['4oz', { kind: 'log_feed', subject: olivia, at: UK, feed: bottle4oz }],
  ['Tom fed her 4oz', undefined],
]

describe('parseMessage: who a message is about', () => {
  it.each(twins)('reads "%s" for twins who share a nickname', (...row) => expectCase(park, row))
  it.each(lopezSubjects)('reads "%s" in a family with two children and grandpa', (...row) => expectCase(lopez, row))
  it.each(hyphenatedNames)('reads "%s" when a nickname has a hyphen', (...row) => expectCase(hyphenated, row))
  it.each(oneChildAndGrandma)('reads "%s" in a family with one child and grandma', (...row) => expectCase(chen, row))
  it.each(oneChild)('reads "%s" in a one-child family', (...row) => expectCase(evans, row))
})
