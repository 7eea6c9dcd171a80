import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ParseContext, type ParsedCommand, parseMessage } from '../../../src/agent/parser/index.js'
import { chen, evans, lopez, lopezAsJoe, park } from './families.js'

/** Words the grammars know, so random messages reach deep into them instead of failing at once. */
const WORDS = [
  'fed',
  'fead',
  'nursed',
  'bottle',
  'ate',
  'had',
  'took',
  'gave',
  'drank',
  'maya',
  "maya's",
  'leo',
  'bug',
  'bean',
  'she',
  'her',
  'he',
  'i',
  'my',
  'the',
  'baby',
  'grandpa',
  'rosa',
  'l',
  'r',
  'left',
  'right',
  '15',
  '10',
  '4oz',
  '120ml',
  '4',
  '120',
  'oz',
  'ml',
  'formula',
  'breastmilk',
  'at',
  '3',
  '3pm',
  '2:30',
  '1:15-2:40',
  '10pm-5am',
  'ago',
  '20',
  'min',
  'hours',
  'yesterday',
  'last',
  'night',
  'noon',
  'midnight',
  'tonight',
  'tomorrow',
  'today',
  'nap',
  'asleep',
  'awake',
  'woke',
  'up',
  'down',
  'wet',
  'dirty',
  '+',
  'diaper',
  'poop',
  'pee',
  'both',
  'temp',
  '38.4',
  '101.2f',
  '72',
  'armpit',
  'rectal',
  'ear',
  'fever',
  'weighed',
  '6.2',
  'kg',
  '13',
  'lb',
  'head',
  'cm',
  'tylenol',
  'tylenal',
  'motrin',
  '5ml',
  '2.5',
  'tsp',
  '1/2',
  'metformin',
  'morning',
  'evening',
  'pills',
  'meds',
  'when',
  'did',
  'last',
  'eat',
  'how',
  'much',
  'can',
  'have',
  'more',
  'refill',
  'dose',
  'allergic',
  'summary',
  'undo',
  'make',
  'that',
  'not',
  'was',
  '?',
  ',',
  'note:',
  'dog',
  'room',
]

const families: ParseContext[] = [lopez, lopezAsJoe, evans, park, chen]
const zones = ['Europe/London', 'America/Los_Angeles', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']

const context = fc.record({
  family: fc.constantFrom(...families),
  timezone: fc.constantFrom(...zones),
  // Around the 2026 DST changes and far from them.
  now: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true }),
})

const message = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
)

/** Every instant a command carries. */
function instants(c: ParsedCommand): Date[] {
  const out: Date[] = []
  if ('at' in c) out.push(c.at)
  if ('end' in c) out.push(c.end)
  if ('was' in c && c.was) out.push(c.was)
  return out
}

describe('parseMessage on arbitrary text', () => {
  it('never throws, and every time it returns is a valid instant not after now', () => {
    fc.assert(
      fc.property(message, context, (text, { family, timezone, now }) => {
        const ctx = { ...family, timezone, now }
        const command = parseMessage(text, ctx)
        if (!command) return
        for (const at of instants(command)) {
          expect(Number.isNaN(at.getTime())).toBe(false)
          expect(at.getTime()).toBeLessThanOrEqual(now.getTime())
        }
        if (command.kind === 'log_sleep' && command.event === 'range') {
          expect(command.end.getTime()).toBeGreaterThan(command.at.getTime())
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('gives the same command for the same text and context (no hidden clock)', () => {
    fc.assert(
      fc.property(message, context, (text, { family, timezone, now }) => {
        const ctx = { ...family, timezone, now }
        expect(parseMessage(text, ctx)).toEqual(parseMessage(text, ctx))
      }),
      { numRuns: 500 },
    )
  })
})
