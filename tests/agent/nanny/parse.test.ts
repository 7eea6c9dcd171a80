import { describe, expect, it } from 'vitest'
import { type NannyCommand, parseNanny, shiftHours, weekdays } from '../../../src/agent/nanny/parse.js'
import type { Weekday } from '../../../src/domain/nanny/time.js'

// Tuesday 10 March 2026, 4:20 pm in New York.
const ctx = { now: new Date('2026-03-10T20:20:00Z'), timezone: 'America/New_York' }
const parse = (s: string) => parseNanny(s, ctx)

describe('parseNanny', () => {
  it.each<[string, NannyCommand]>([
    [
      'Maria works Mon-Fri 8-5',
      { kind: 'set', member: 'Maria', start: '08:00', end: '17:00', days: ['MO', 'TU', 'WE', 'TH', 'FR'] },
    ],
    [
      'Maria works Monday to Friday 8am to 5pm',
      { kind: 'set', member: 'Maria', start: '08:00', end: '17:00', days: ['MO', 'TU', 'WE', 'TH', 'FR'] },
    ],
    [
      'Maria works weekdays 7:30-4:30',
      { kind: 'set', member: 'Maria', start: '07:30', end: '16:30', days: ['MO', 'TU', 'WE', 'TH', 'FR'] },
    ],
    [
      'Jo works Mondays and Wednesdays 9-1',
      { kind: 'set', member: 'Jo', start: '09:00', end: '13:00', days: ['MO', 'WE'] },
    ],
    ['Jo works every Saturday 10pm-6am', { kind: 'set', member: 'Jo', start: '22:00', end: '06:00', days: ['SA'] }],
    ['Jo works tomorrow 9-1', { kind: 'set', member: 'Jo', start: '09:00', end: '13:00', date: '2026-03-11' }],
    ['Jo works Friday 8-12', { kind: 'set', member: 'Jo', start: '08:00', end: '12:00', date: '2026-03-13' }],
    [
      'Jo works on March 20 from 8 to 5',
      { kind: 'set', member: 'Jo', start: '08:00', end: '17:00', date: '2026-03-20' },
    ],
    ['cancel Maria’s shift tomorrow', { kind: 'cancel', member: 'Maria', date: '2026-03-11' }],
    ["cancel Maria's Friday shift", { kind: 'cancel', member: 'Maria', date: '2026-03-13' }],
    ['Maria is off Thursday', { kind: 'cancel', member: 'Maria', date: '2026-03-12' }],
    ['Maria has tomorrow off', { kind: 'cancel', member: 'Maria', date: '2026-03-11' }],
    ["Jo covers Maria's shift tomorrow", { kind: 'cover', cover: 'Jo', member: 'Maria', date: '2026-03-11' }],
    ["Jo takes Maria's Friday shift", { kind: 'cover', cover: 'Jo', member: 'Maria', date: '2026-03-13' }],
    ['Jo will cover for Maria on Friday', { kind: 'cover', cover: 'Jo', member: 'Maria', date: '2026-03-13' }],
    ["stop Maria's shifts", { kind: 'stop', member: 'Maria' }],
    ['Maria no longer works here', { kind: 'stop', member: 'Maria' }],
    ['shifts', { kind: 'list', member: undefined, mine: false }],
    ['my shifts', { kind: 'list', member: undefined, mine: true }],
    ["Maria's shifts", { kind: 'list', member: 'Maria', mine: false }],
    ['who’s working tomorrow?', { kind: 'list', member: undefined, mine: false }],
    ['here', { kind: 'clock_in', sure: false }],
    ["I'm here!", { kind: 'clock_in', sure: false }],
    ['clocking in', { kind: 'clock_in', sure: true }],
    ['clocking out', { kind: 'clock_out', note: undefined, sure: true }],
    [
      'Clocking out - she ate well and napped at 1',
      { kind: 'clock_out', note: 'she ate well and napped at 1', sure: true },
    ],
    ['leaving at 5:30', { kind: 'clock_out', at: new Date('2026-03-10T21:30:00Z'), note: undefined, sure: false }],
    [
      'signing off at 4pm. Leo has a runny nose',
      { kind: 'clock_out', at: new Date('2026-03-10T20:00:00Z'), note: 'Leo has a runny nose', sure: true },
    ],
    ['done for the day', { kind: 'clock_out', note: undefined, sure: true }],
    ['hours this week', { kind: 'hours', member: undefined, week: 'this' }],
    ['my hours', { kind: 'hours', member: undefined, week: 'this' }],
    ["Maria's hours last week", { kind: 'hours', member: 'Maria', week: 'last' }],
    ['how many hours has Maria worked this week?', { kind: 'hours', member: 'Maria', week: 'this' }],
    ['hours did I work last week', { kind: 'hours', member: undefined, week: 'last' }],
    ['Maria works Mon-Fri', { kind: 'unclear', what: 'set' }],
  ])('%s', (text, expected) => expect(parse(text)).toEqual(expected))

  const MON_FRI: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR']
  it.each<[string, Partial<NannyCommand>]>([
    ['Maria works Mon-Fri 8-5 until March 27', { days: MON_FRI, until: '2026-03-27' }],
    ['Maria works weekdays 8-5 through Friday.', { days: MON_FRI, until: '2026-03-13' }],
    ['Maria works Mon–Fri 8–5 starting Monday', { days: MON_FRI, date: '2026-03-16' }],
    [
      'Maria works Mon-Fri 8-5, starting Monday until April 3',
      { days: MON_FRI, date: '2026-03-16', until: '2026-04-03' },
    ],
    ['Maria works every other Saturday 8-5', { days: ['SA'], every: 2 }],
    ['Maria works alternate weekends 8-5', { days: ['SA', 'SU'], every: 2 }],
    ['Maria works every other week Mon-Fri 8-5', { days: MON_FRI, every: 2 }],
    ['Maria works biweekly on Fridays 8-5', { days: ['FR'], every: 2 }],
    ['Maria works Mondays 8-5 every other week', { days: ['MO'], every: 2 }],
    [
      'Maria works every second Saturday 8-5 from March 14 until May 9',
      { days: ['SA'], every: 2, date: '2026-03-14', until: '2026-05-09' },
    ],
  ])('%s: weekly, every other week, from and until', (text, expected) =>
    expect(parse(text)).toEqual({ kind: 'set', member: 'Maria', start: '08:00', end: '17:00', ...expected }),
  )

  it.each([
    // An hour is not an end date; a one-off does not repeat or end; an end before the start is a slip.
    'Maria works Mon-Fri 8-5 until 6pm on Fridays',
    'Maria works Friday 8-5 until March 27',
    'Maria works Mon-Fri 8-5 starting April 6 until March 27',
    'Maria works Mon-Fri 8-5 except holidays',
    // A time of day is about hours; a range, a month or "next week" is not one exact date.
    'Maria works Mon-Fri 8-5, until noon on Friday',
    'Maria works Mon-Fri 8-5 till noon Friday',
    'Maria works Mon-Fri 8-5 until Friday afternoon',
    'Maria works Mon-Fri 8-5 until Friday at 6',
    'Maria works Mon-Fri 8-5 until midnight',
    'Maria works Mon-Fri 8-5 until tonight',
    'Maria works Mon-Fri 8-5 from March 16 to March 27',
    'Maria works Mon-Fri 8-5 starting March 16 - March 27',
    'Maria works Mon-Fri 8-5 through June',
    'Maria works Mon-Fri 8-5 starting next week',
    // A rotation of days is not "every day on alternate weeks".
    'Jo works every other day 9-1',
    'Jo works every second day 9-1',
    'Jo works every other weekday 9-1',
  ])('does not guess at “%s”', (text) => expect(parse(text)).toBeUndefined())

  it.each<[string, Partial<NannyCommand>]>([
    ['Maria works Saturday 8-5 every other week', { days: ['SA'], every: 2 }],
    ['Maria works Mondays 8-5 every other week until April 27', { days: ['MO'], every: 2, until: '2026-04-27' }],
    ['Maria works Mondays 8-5 until April 27 every other week', { days: ['MO'], every: 2, until: '2026-04-27' }],
  ])('%s: "every other week" before or after the dates', (text, expected) =>
    expect(parse(text)).toEqual({ kind: 'set', member: 'Maria', start: '08:00', end: '17:00', ...expected }),
  )

  it('a range is not one day to cancel', () => {
    expect(parse('Maria is off March 16 to March 20')).toEqual({ kind: 'unclear', what: 'when' })
  })

  it.each([
    'here is her bottle',
    'she is leaving daycare at 5',
    'Maya had 4 oz',
    'the baby works hard at tummy time',
    'hours of sleep today?',
    'remind me about her shots',
    'done',
    'cancel 2',
    'Leaving now - taking Maya to the park',
    'heading out, back at 3',
  ])('leaves “%s” to the other stages', (text) => expect(parse(text)).toBeUndefined())
})

describe('shiftHours', () => {
  it.each([
    ['8', '5', '08:00', '17:00'],
    ['9', '1', '09:00', '13:00'],
    ['12', '6', '12:00', '18:00'],
    ['2', '6', '14:00', '18:00'],
    ['10pm', '6', '22:00', '06:00'],
    ['7am', '7pm', '07:00', '19:00'],
    ['14:00', '22:00', '14:00', '22:00'],
  ])('%s–%s → %s–%s', (a, b, start, end) => expect(shiftHours(a, b)).toEqual({ start, end }))
})

describe('weekdays', () => {
  it('reads ranges that wrap the week, lists and plurals; a lone day is a date', () => {
    expect(weekdays('fri-mon')).toEqual(['MO', 'FR', 'SA', 'SU'])
    expect(weekdays('Mon, Wed, Fri')).toEqual(['MO', 'WE', 'FR'])
    expect(weekdays('tuesdays')).toEqual(['TU'])
    expect(weekdays('every tuesday')).toEqual(['TU'])
    expect(weekdays('tuesday')).toBeUndefined()
    expect(weekdays('weekends')).toEqual(['SA', 'SU'])
  })
})
