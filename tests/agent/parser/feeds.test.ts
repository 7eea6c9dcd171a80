import { describe, it } from 'vitest'
import { type Case, evans, expectCase, leo, lopez, lopezKids, maya, olivia } from './families.js'

// Lopez: now is 4:10 pm PST on 15 Jan (00:10Z on the 16th); "at 3" is 23:00Z. Evans: 4:10 pm GMT.
const bottle = (ml: number, value: number, unit: 'ml' | 'oz', unitSource = 'stated', milk?: string) => ({
  method: 'bottle',
  amountMl: ml,
  original: { value, unit },
  unitSource,
  ...(milk ? { milk } : {}),
})

const lopezBottles: Case[] = [
  [
    'fed 120ml at 3',
    { kind: 'log_feed', subject: lopezKids, at: '2026-01-15T23:00:00.000Z', feed: bottle(120, 120, 'ml') },
  ],
  [
    'Fed Maya 120ml at 3',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T23:00:00.000Z', feed: bottle(120, 120, 'ml') },
  ],
  [
    'fed maya 4oz at 3pm',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T23:00:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    '4oz formula 20 min ago',
    {
      kind: 'log_feed',
      subject: lopezKids,
      at: '2026-01-15T23:50:00.000Z',
      feed: bottle(118.3, 4, 'oz', 'stated', 'formula'),
    },
  ],
  [
    'Leo had 6 oz of formula at 2:30',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-15T22:30:00.000Z',
      feed: bottle(177.4, 6, 'oz', 'stated', 'formula'),
    },
  ],
  [
    'bottle 4 at 3',
    { kind: 'log_feed', subject: lopezKids, at: '2026-01-15T23:00:00.000Z', feed: bottle(118.3, 4, 'oz', 'inferred') },
  ],
  [
    'fed leo 5 at 2',
    { kind: 'log_feed', subject: leo, at: '2026-01-15T22:00:00.000Z', feed: bottle(147.9, 5, 'oz', 'inferred') },
  ],
  [
    'maya drank 90 ml breast milk',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-16T00:10:00.000Z',
      feed: bottle(90, 90, 'ml', 'stated', 'breastmilk'),
    },
  ],
  [
    'May took 5 oz EBM at 11:45',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-15T19:45:00.000Z',
      feed: bottle(147.9, 5, 'oz', 'stated', 'breastmilk'),
    },
  ],
  // A unit run into the number ("120mls") is the same unit.
  [
    'fed maya 120mls',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(120, 120, 'ml') },
  ],
  // Where bottles are in oz, a bare 20 or more is ml: no bottle holds 20 oz.
  [
    'bottle 120',
    { kind: 'log_feed', subject: lopezKids, at: '2026-01-16T00:10:00.000Z', feed: bottle(120, 120, 'ml', 'inferred') },
  ],
  [
    'leo had 150 at 1',
    { kind: 'log_feed', subject: leo, at: '2026-01-15T21:00:00.000Z', feed: bottle(150, 150, 'ml', 'inferred') },
  ],
  // Cow's or whole milk is a bottle with no milk type the log knows.
  [
    'leo drank 6 oz whole milk',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: bottle(177.4, 6, 'oz') },
  ],
  // Chatter around the fact adds nothing to log and does not stop it.
  [
    'maya took 4oz lol she was starving',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    'leo drank 6oz new record',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: bottle(177.4, 6, 'oz') },
  ],
  ['maya took 4oz lol she threw up after', undefined],
  [
    'fed maya 4oz and she burped',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    'maya drank the whole 4oz',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  ['maya 4oz ✅', { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  [
    'maya drank three and a half ounces',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(103.5, 3.5, 'oz') },
  ],
  ['she drank the whole bottle', undefined],
  // "4oz down" is a bottle finished, not a nap; a formula brand is formula.
  ['maya 4oz down', { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  [
    'leo downed 6oz similac',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: bottle(177.4, 6, 'oz', 'stated', 'formula'),
    },
  ],
  ['maya down after 4oz', undefined],
  ['burped', undefined],
  ['lol', undefined],
  [
    'last nite at 11 fed maya 4oz',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T07:00:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  ['fead leo 3 oz', { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: bottle(88.7, 3, 'oz') }],
  [
    'bug had 2.5oz. at 1',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T21:00:00.000Z', feed: bottle(73.9, 2.5, 'oz') },
  ],
  [
    'fed buddy 150 mls formula',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: bottle(150, 150, 'ml', 'stated', 'formula'),
    },
  ],
  [
    'Maya bottle 5 oz pumped milk 1 hour ago',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-15T23:10:00.000Z',
      feed: bottle(147.9, 5, 'oz', 'stated', 'breastmilk'),
    },
  ],
  [
    'fed leo 4 ounces at 3:15pm',
    { kind: 'log_feed', subject: leo, at: '2026-01-15T23:15:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    'maya finished a 4oz bottle',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    'fed maya two ounces at 2',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T22:00:00.000Z', feed: bottle(59.1, 2, 'oz') },
  ],
  ['leo 120ml at 3', { kind: 'log_feed', subject: leo, at: '2026-01-15T23:00:00.000Z', feed: bottle(120, 120, 'ml') }],
  ['4 oz', { kind: 'log_feed', subject: lopezKids, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  ['fed 4 oz to leo', { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  ['Maya took 4oz', { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  [
    'fed maya 60ml @ 2:45',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T22:45:00.000Z', feed: bottle(60, 60, 'ml') },
  ],
  [
    'fed maya 3 oz around 3ish',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T23:00:00.000Z', feed: bottle(88.7, 3, 'oz') },
  ],
  [
    'gave leo a 4oz bottle of formula at 1:30pm',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-15T21:30:00.000Z',
      feed: bottle(118.3, 4, 'oz', 'stated', 'formula'),
    },
  ],
  [
    'Maya fed 100 ml 👍',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: bottle(100, 100, 'ml') },
  ],
]

const breast = (...parts: object[]) => ({ method: 'breast', parts })

const lopezBreast: Case[] = [
  [
    'nursed L 15 R 10',
    {
      kind: 'log_feed',
      subject: lopezKids,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 15 }, { side: 'R', minutes: 10 }),
    },
  ],
  [
    'nursed maya left 15 right 10 at 2',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-15T22:00:00.000Z',
      feed: breast({ side: 'L', minutes: 15 }, { side: 'R', minutes: 10 }),
    },
  ],
  [
    'nursed leo 15L 10R',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 15 }, { side: 'R', minutes: 10 }),
    },
  ],
  [
    'nursed maya both sides 10 min each',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 10 }, { side: 'R', minutes: 10 }),
    },
  ],
  [
    'nursed maya 20 min',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 20 }) },
  ],
  [
    'nursed maya left side',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'L' }) },
  ],
  [
    'bf maya L10 R12 20 min ago',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-15T23:50:00.000Z',
      feed: breast({ side: 'L', minutes: 10 }, { side: 'R', minutes: 12 }),
    },
  ],
  [
    'Maya L 15 R 10',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 15 }, { side: 'R', minutes: 10 }),
    },
  ],
  [
    'breastfed leo for 25 minutes at 9',
    { kind: 'log_feed', subject: leo, at: '2026-01-15T17:00:00.000Z', feed: breast({ minutes: 25 }) },
  ],
  [
    'nursd maya r 12',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'R', minutes: 12 }) },
  ],
  [
    'I nursed maya L 20',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'L', minutes: 20 }) },
  ],
  [
    'nursed maya L 10 R 10 L 5',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 10 }, { side: 'R', minutes: 10 }, { side: 'L', minutes: 5 }),
    },
  ],
  ['nursed leo at 3', { kind: 'log_feed', subject: leo, at: '2026-01-15T23:00:00.000Z', feed: breast() }],
  [
    'nursed maya 15 min on the left',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'L', minutes: 15 }) },
  ],
  // "each side" is both sides, that long each; "fed" with a side is nursing.
  [
    'nursed maya 12 min each side',
    {
      kind: 'log_feed',
      subject: maya,
      at: '2026-01-16T00:10:00.000Z',
      feed: breast({ side: 'L', minutes: 12 }, { side: 'R', minutes: 12 }),
    },
  ],
  [
    'fed leo on the right side 10 min',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'R', minutes: 10 }) },
  ],
  ['nursed 10 min each side and 5 min each side', undefined],
  // A unitless number after nursing is minutes only when it cannot be a clock hour.
  [
    'nursed maya for 20',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 20 }) },
  ],
  ['nursed leo 25', { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 25 }) }],
  ['nursed leo 25 min ago', { kind: 'log_feed', subject: leo, at: '2026-01-15T23:45:00.000Z', feed: breast() }],
  ['nursed leo 10', undefined],
  // "L then R", "right/left": both sides in the order typed, no minutes.
  [
    'nursed maya L then R',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'L' }, { side: 'R' }) },
  ],
  [
    'nursed maya right/left',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'R' }, { side: 'L' }) },
  ],
  ['nursed L then R then L', undefined],
  ['nursed leo 95', undefined],
  // "from the left breast", "nursing session", "like 15 min": the same nursing in more words.
  [
    'maya fed from the left breast 10 min',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ side: 'L', minutes: 10 }) },
  ],
  [
    'nursing session 20 min for maya',
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 20 }) },
  ],
  [
    'nursed leo for like 15 min',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 15 }) },
  ],
  [
    'nursed leo 15mins',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 15 }) },
  ],
  ['fed maya at 3', undefined],
  // "bf'd" and "bfed" are short for breastfed.
  [
    "bf'd maya 20 min",
    { kind: 'log_feed', subject: maya, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 20 }) },
  ],
  [
    'bfed leo 15 min',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: breast({ minutes: 15 }) },
  ],
]

const lopezSolids: Case[] = [
  [
    'Maya ate banana at 12',
    { kind: 'log_feed', subject: maya, at: '2026-01-15T20:00:00.000Z', feed: { method: 'solids', food: 'banana' } },
  ],
  [
    'leo ate some avocado',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: { method: 'solids', food: 'avocado' } },
  ],
  [
    'solids: rice cereal',
    {
      kind: 'log_feed',
      subject: lopezKids,
      at: '2026-01-16T00:10:00.000Z',
      feed: { method: 'solids', food: 'rice cereal' },
    },
  ],
  [
    'leo ate sweet potato and peas',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: { method: 'solids', food: 'sweet potato and peas' },
    },
  ],
  // "for lunch" says which meal, not when: logged now. "had" is not read as eating ("had a bath").
  [
    'leo ate mac n cheese and green beans for lunch',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: { method: 'solids', food: 'mac n cheese and green beans' },
    },
  ],
  [
    'leo ate scrambled eggs for breakfast',
    {
      kind: 'log_feed',
      subject: leo,
      at: '2026-01-16T00:10:00.000Z',
      feed: { method: 'solids', food: 'scrambled eggs' },
    },
  ],
  ['leo had scrambled eggs for breakfast', undefined],
  ['leo had a bath', undefined],
  // A meal named with a colon or dash labels the food.
  [
    'lunch: pasta and peas',
    {
      kind: 'log_feed',
      subject: lopezKids,
      at: '2026-01-16T00:10:00.000Z',
      feed: { method: 'solids', food: 'pasta and peas' },
    },
  ],
  [
    'leo ate lunch – pasta',
    { kind: 'log_feed', subject: leo, at: '2026-01-16T00:10:00.000Z', feed: { method: 'solids', food: 'pasta' } },
  ],
  ['lunch: nothing', undefined],
  ['dinner - skipped', undefined],
  ['leo had a meltdown for dinner', undefined],
  ['leo ate after lunch', undefined],
  ['leo had pasta with lunch', undefined],
  [
    'Buddy ate half a pear 30 min ago',
    { kind: 'log_feed', subject: leo, at: '2026-01-15T23:40:00.000Z', feed: { method: 'solids', food: 'pear' } },
  ],
]

const evansFeeds: Case[] = [
  [
    'fed 120 at 3',
    { kind: 'log_feed', subject: olivia, at: '2026-01-15T15:00:00.000Z', feed: bottle(120, 120, 'ml', 'inferred') },
  ],
  [
    'bottle 150',
    { kind: 'log_feed', subject: olivia, at: '2026-01-15T16:10:00.000Z', feed: bottle(150, 150, 'ml', 'inferred') },
  ],
  [
    'Liv had 90ml formula 30 mins ago',
    {
      kind: 'log_feed',
      subject: olivia,
      at: '2026-01-15T15:40:00.000Z',
      feed: bottle(90, 90, 'ml', 'stated', 'formula'),
    },
  ],
  ['fed 4oz', { kind: 'log_feed', subject: olivia, at: '2026-01-15T16:10:00.000Z', feed: bottle(118.3, 4, 'oz') }],
  [
    'livvy nursed R 12 L 8 at 10:30',
    {
      kind: 'log_feed',
      subject: olivia,
      at: '2026-01-15T10:30:00.000Z',
      feed: breast({ side: 'R', minutes: 12 }, { side: 'L', minutes: 8 }),
    },
  ],
  // 11 pm today has not happened yet: the most recent 11 pm was yesterday's.
  [
    'fed olivia 100 ml at 11pm',
    { kind: 'log_feed', subject: olivia, at: '2026-01-14T23:00:00.000Z', feed: bottle(100, 100, 'ml') },
  ],
  [
    'olivia ate mashed carrot',
    {
      kind: 'log_feed',
      subject: olivia,
      at: '2026-01-15T16:10:00.000Z',
      feed: { method: 'solids', food: 'mashed carrot' },
    },
  ],
  [
    'she drank 120ml',
    { kind: 'log_feed', subject: olivia, at: '2026-01-15T16:10:00.000Z', feed: bottle(120, 120, 'ml') },
  ],
  [
    'the baby had 4 oz',
    { kind: 'log_feed', subject: olivia, at: '2026-01-15T16:10:00.000Z', feed: bottle(118.3, 4, 'oz') },
  ],
  [
    'fed liv 5 oz formla',
    {
      kind: 'log_feed',
      subject: olivia,
      at: '2026-01-15T16:10:00.000Z',
      feed: bottle(147.9, 5, 'oz', 'stated', 'formula'),
    },
  ],
  [
    'Fed her 180 millilitres of formula at 7am',
    {
      kind: 'log_feed',
      subject: olivia,
      at: '2026-01-15T07:00:00.000Z',
      feed: bottle(180, 180, 'ml', 'stated', 'formula'),
    },
  ],
]

describe('parseMessage: feeds', () => {
  it.each(lopezBottles)('reads the bottle in "%s"', (...row) => expectCase(lopez, row))
  it.each(lopezBreast)('reads the nursing in "%s"', (...row) => expectCase(lopez, row))
  it.each(lopezSolids)('reads the solids in "%s"', (...row) => expectCase(lopez, row))
  it.each(evansFeeds)('reads "%s" for a one-child family in ml', (...row) => expectCase(evans, row))
})
