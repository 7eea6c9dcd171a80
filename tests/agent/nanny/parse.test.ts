import { describe, expect, it } from 'vitest'
import { type NannyCommand, parseNanny, shiftHours, weekdays } from '../../../src/agent/nanny/parse.js'

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
    ['here', { kind: 'clock_in' }],
    ["I'm here!", { kind: 'clock_in' }],
    ['clocking in', { kind: 'clock_in' }],
    ['clocking out', { kind: 'clock_out', note: undefined }],
    ['Clocking out - she ate well and napped at 1', { kind: 'clock_out', note: 'she ate well and napped at 1' }],
    ['leaving at 5:30', { kind: 'clock_out', at: new Date('2026-03-10T21:30:00Z'), note: undefined }],
    [
      'leaving at 4pm. Leo has a runny nose',
      { kind: 'clock_out', at: new Date('2026-03-10T20:00:00Z'), note: 'Leo has a runny nose' },
    ],
    ['done for the day', { kind: 'clock_out', note: undefined }],
    ['hours this week', { kind: 'hours', member: undefined, week: 'this' }],
    ['my hours', { kind: 'hours', member: undefined, week: 'this' }],
    ["Maria's hours last week", { kind: 'hours', member: 'Maria', week: 'last' }],
    ['how many hours has Maria worked this week?', { kind: 'hours', member: 'Maria', week: 'this' }],
    ['hours did I work last week', { kind: 'hours', member: undefined, week: 'last' }],
    ['Maria works Mon-Fri', { kind: 'unclear', what: 'set' }],
  ])('%s', (text, expected) => expect(parse(text)).toEqual(expected))

  it.each([
    'here is her bottle',
    'she is leaving daycare at 5',
    'Maya had 4 oz',
    'the baby works hard at tummy time',
    'hours of sleep today?',
    'remind me about her shots',
    'done',
    'cancel 2',
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
