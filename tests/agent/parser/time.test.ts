import { describe, expect, it } from 'vitest'
import type { ParseContext } from '../../../src/agent/parser/index.js'
import { parsed } from './families.js'

/** A one-child family in `timezone` whose message arrives at `now`. */
const family = (timezone: string, now: string): ParseContext => ({
  now: new Date(now),
  timezone,
  locale: 'en-US',
  dependents: [{ id: 'dep_maya', name: 'Maya', nicknames: [] }],
  members: [{ id: 'mem_ana', name: 'Ana' }],
  self: { memberId: 'mem_ana' },
})

/** The `at` (and `end`) the parser gives `text`, or undefined. */
function when(text: string, ctx: ParseContext): string | undefined {
  const c = parsed(text, ctx) as { at?: string; end?: string } | undefined
  if (!c?.at) return undefined
  return c.end ? `${c.at}/${c.end}` : c.at
}

type Row = [text: string, expected: string | undefined]

describe('parseMessage: when it happened', () => {
  describe('"at 3" is the most recent past 3 o’clock in the family’s zone', () => {
    const rows: [now: string, Row][] = [
      // A feed reported at 4:10 pm "at 3" is 3:00 pm today.
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 3', '2026-01-15T15:00:00.000Z']],
      // At 1 am, "at 11" is 11 pm yesterday.
      ['2026-01-15T01:00:00.000Z', ['fed 4oz at 11', '2026-01-14T23:00:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz at 12:50', '2026-01-15T00:50:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz last night at 11', '2026-01-14T23:00:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz last night at 12:30', '2026-01-15T00:30:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz yesterday at 3', '2026-01-14T15:00:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz at noon', '2026-01-14T12:00:00.000Z']],
      ['2026-01-15T01:00:00.000Z', ['fed 4oz at midnight', '2026-01-15T00:00:00.000Z']],
      ['2026-01-15T09:00:00.000Z', ['fed 4oz this morning at 7', '2026-01-15T07:00:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 4', '2026-01-15T16:00:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 15:30', '2026-01-15T15:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz 2 hrs ago', '2026-01-15T14:10:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz half an hour ago', '2026-01-15T15:40:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz just now', '2026-01-15T16:10:00.000Z']],
      ['2026-01-15T07:00:00.000Z', ['slept 10:30-5:45', '2026-01-14T22:30:00.000Z/2026-01-15T05:45:00.000Z']],
      // A 24-hour clock, "at 930", and times spelled in words are the same clock times.
      ['2026-01-15T16:10:00.000Z', ['fed 4oz 1530', '2026-01-15T15:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 0945', '2026-01-15T09:45:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 930', '2026-01-15T09:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at three thirty', '2026-01-15T15:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz around two fifteen', '2026-01-15T14:15:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at ten forty-five', '2026-01-15T10:45:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ["fed 4oz at one o'clock", '2026-01-15T13:00:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at three', '2026-01-15T15:00:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at half past two', '2026-01-15T14:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at quarter to 3', '2026-01-15T14:45:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 2 30', '2026-01-15T14:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 2:30p', '2026-01-15T14:30:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz around 3-ish', '2026-01-15T15:00:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz 1/2 hr ago', '2026-01-15T15:40:00.000Z']],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz this am at 9', '2026-01-15T09:00:00.000Z']],
      // Unsure: 4:20 pm is ten minutes ahead (a clock or a plan?); "tonight", "tomorrow" and
      // "in 20 min" are not the past; "this morning" has no clock time.
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 4:20', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz tonight at 8', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz in 20 min', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz this morning', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz yesterday', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz 9 days ago', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 3 and at 4', undefined]],
      // Four digits that are no clock time, and a spelled hour with no time word, are not read as times.
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 1575', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz 2460', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz three', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at half to 3', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at 2 3', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz this am', undefined]],
      ['2026-01-15T16:10:00.000Z', ['fed 4oz at three thirty tomorrow', undefined]],
    ]
    it.each(rows)('at %s reads %j in London', (now, [text, expected]) => {
      expect(when(text, family('Europe/London', now))).toBe(expected)
    })
  })

  describe('on the 2026 DST-change days', () => {
    const rows: [zone: string, now: string, Row][] = [
      // Los Angeles springs forward at 2:00 PST on 8 March; now is 10:00 PDT (17:00Z).
      ['America/Los_Angeles', '2026-03-08T17:00:00.000Z', ['fed 4oz at 3', '2026-03-08T10:00:00.000Z']],
      ['America/Los_Angeles', '2026-03-08T17:00:00.000Z', ['fed 4oz at 1', '2026-03-08T09:00:00.000Z']],
      ['America/Los_Angeles', '2026-03-08T17:00:00.000Z', ['fed 4oz at 12:30am', '2026-03-08T08:30:00.000Z']],
      [
        'America/Los_Angeles',
        '2026-03-08T17:00:00.000Z',
        ['nap 1:15-3:40', '2026-03-08T09:15:00.000Z/2026-03-08T10:40:00.000Z'],
      ],
      ['America/Los_Angeles', '2026-03-08T17:00:00.000Z', ['fed 4oz 2 hours ago', '2026-03-08T15:00:00.000Z']],
      // 2:30 never happened that night: no guess.
      ['America/Los_Angeles', '2026-03-08T17:00:00.000Z', ['fed 4oz at 2:30', undefined]],
      // Los Angeles falls back at 2:00 PDT on 1 November; now is 10:00 PST (18:00Z).
      ['America/Los_Angeles', '2026-11-01T18:00:00.000Z', ['fed 4oz at 3', '2026-11-01T11:00:00.000Z']],
      ['America/Los_Angeles', '2026-11-01T18:00:00.000Z', ['fed 4oz at 12:30am', '2026-11-01T07:30:00.000Z']],
      [
        'America/Los_Angeles',
        '2026-11-01T18:00:00.000Z',
        ['slept 10pm-6am', '2026-11-01T05:00:00.000Z/2026-11-01T14:00:00.000Z'],
      ],
      // 1:30 happened twice that night: no guess.
      ['America/Los_Angeles', '2026-11-01T18:00:00.000Z', ['fed 4oz at 1:30', undefined]],
      // London springs forward at 1:00 GMT on 29 March; now is 9:00 BST (08:00Z).
      ['Europe/London', '2026-03-29T08:00:00.000Z', ['fed 4oz at 3', '2026-03-29T02:00:00.000Z']],
      ['Europe/London', '2026-03-29T08:00:00.000Z', ['fed 4oz at 12:30am', '2026-03-29T00:30:00.000Z']],
      [
        'Europe/London',
        '2026-03-29T08:00:00.000Z',
        ['slept 10pm-6am', '2026-03-28T22:00:00.000Z/2026-03-29T05:00:00.000Z'],
      ],
      ['Europe/London', '2026-03-29T08:00:00.000Z', ['fed 4oz 8 hours ago', '2026-03-29T00:00:00.000Z']],
      ['Europe/London', '2026-03-29T08:00:00.000Z', ['fed 4oz at 1:30', undefined]],
      // London falls back at 2:00 BST on 25 October.
      ['Europe/London', '2026-10-25T16:10:00.000Z', ['fed 4oz at 3', '2026-10-25T15:00:00.000Z']],
      ['Europe/London', '2026-10-25T16:10:00.000Z', ['fed 4oz at 1:30', '2026-10-25T13:30:00.000Z']],
      ['Europe/London', '2026-10-25T09:00:00.000Z', ['fed 4oz at 3', '2026-10-25T03:00:00.000Z']],
      ['Europe/London', '2026-10-25T09:00:00.000Z', ['fed 4oz at 12:30am', '2026-10-24T23:30:00.000Z']],
      ['Europe/London', '2026-10-25T09:00:00.000Z', ['fed 4oz at 1:30', undefined]],
    ]
    it.each(rows)('in %s at %s reads %j', (zone, now, [text, expected]) => {
      expect(when(text, family(zone, now))).toBe(expected)
    })
  })
})
