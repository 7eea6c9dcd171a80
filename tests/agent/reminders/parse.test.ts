import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseReminder, type ReminderCommand } from '../../../src/agent/reminders/parse.js'

// Friday 27 November 2026, 3:00 pm in New York.
const ctx = { now: new Date('2026-11-27T20:00:00Z'), timezone: 'America/New_York' }
const create = (c: Partial<Extract<ReminderCommand, { kind: 'create' }>>) => ({
  kind: 'create',
  defaultedTime: false,
  ...c,
})

const CASES: [string, unknown][] = [
  // One-off, the time in different places.
  [
    'remind me Thursday to call in my medication',
    create({ body: 'call in my medication', dtstart: '2026-12-03T09:00', defaultedTime: true }),
  ],
  ['remind me tomorrow at 9 to call the pharmacy', create({ body: 'call the pharmacy', dtstart: '2026-11-28T09:00' })],
  ['remind me to call the doctor at noon', create({ body: 'call the doctor', dtstart: '2026-11-28T12:00' })],
  ['remind me in 20 minutes to check her temp', create({ body: 'check her temp', dtstart: '2026-11-27T15:20' })],
  ['Remind me tonight at 9 to take my pills', create({ body: 'take my pills', dtstart: '2026-11-27T21:00' })],
  [
    'remind me on Dec 3 at 10am about the 4-month shots',
    create({ body: 'the 4-month shots', dtstart: '2026-12-03T10:00' }),
  ],
  ['please remind me at 5:30pm to start dinner', create({ body: 'start dinner', dtstart: '2026-11-27T17:30' })],
  // A bare hour is the next one ahead: at 3 pm, "at 7" is 7 pm today, "at 2" is 2 am tomorrow.
  ['remind me at 7 to take my pills', create({ body: 'take my pills', dtstart: '2026-11-27T19:00' })],
  ['remind me at 2 to feed her', create({ body: 'feed her', dtstart: '2026-11-28T02:00' })],
  ['remind me at 2pm to give amoxicillin', create({ body: 'give amoxicillin', dtstart: '2026-11-28T14:00' })],
  // Someone else, by name.
  [
    'remind Maria at 2pm to give amoxicillin',
    create({ member: 'Maria', body: 'give amoxicillin', dtstart: '2026-11-28T14:00' }),
  ],
  [
    'remind Joe tomorrow at 8am to take his pills',
    create({ member: 'Joe', body: 'take his pills', dtstart: '2026-11-28T08:00' }),
  ],
  // Repeating.
  ['every day at 7pm remind me to pump', create({ body: 'pump', dtstart: '2026-11-27T19:00', rrule: 'FREQ=DAILY' })],
  ['remind me every day at 7pm to pump', create({ body: 'pump', dtstart: '2026-11-27T19:00', rrule: 'FREQ=DAILY' })],
  ['remind me to pump every day at 7pm', create({ body: 'pump', dtstart: '2026-11-27T19:00', rrule: 'FREQ=DAILY' })],
  [
    'remind me daily at 8am to give vitamin D',
    create({ body: 'give vitamin D', dtstart: '2026-11-27T08:00', rrule: 'FREQ=DAILY' }),
  ],
  [
    'remind me every monday and thursday at 9am to refill the pill box',
    create({ body: 'refill the pill box', dtstart: '2026-11-27T09:00', rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' }),
  ],
  [
    'remind me every weekday at 7:45am to pack the diaper bag',
    create({ body: 'pack the diaper bag', dtstart: '2026-11-27T07:45', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
  ],
  [
    'remind me on weekends at 10am to water the plants',
    create({ body: 'water the plants', dtstart: '2026-11-27T10:00', rrule: 'FREQ=WEEKLY;BYDAY=SA,SU' }),
  ],
  [
    'remind grandpa every day at 8am and 8pm to take metformin',
    create({
      member: 'grandpa',
      body: 'take metformin',
      dtstart: '2026-11-27T08:00',
      rrule: 'FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0',
    }),
  ],
  [
    'remind me every 6 hours to give tylenol',
    create({ body: 'give tylenol', dtstart: '2026-11-27T21:00', rrule: 'FREQ=HOURLY;INTERVAL=6' }),
  ],
  [
    'remind me every 3 days at 6pm to change the filter',
    create({ body: 'change the filter', dtstart: '2026-11-27T18:00', rrule: 'FREQ=DAILY;INTERVAL=3' }),
  ],
  // No time: ask, never guess.
  ['remind me about the 4-month shots', { kind: 'needs_time', body: 'the 4-month shots', about: true }],
  ['remind me every day to pump', { kind: 'needs_time', body: 'pump', about: false }],
  ['remind Maria to buy diapers', { kind: 'needs_time', member: 'Maria', body: 'buy diapers', about: false }],
  // List, cancel, snooze, done.
  ['my reminders', { kind: 'list' }],
  ['Reminders?', { kind: 'list' }],
  ['show my reminders', { kind: 'list' }],
  ['what are my reminders?', { kind: 'list' }],
  ['cancel 2', { kind: 'cancel', number: 2 }],
  ['cancel reminder 3', { kind: 'cancel', number: 3 }],
  ['delete #1', { kind: 'cancel', number: 1 }],
  ['cancel the pump reminder', { kind: 'cancel_words', words: 'pump' }],
  ['stop reminding me to pump', { kind: 'cancel_words', words: 'pump' }],
  ['snooze', { kind: 'snooze', minutes: 15 }],
  ['snooze 30', { kind: 'snooze', minutes: 30 }],
  ['Snooze 10 min', { kind: 'snooze', minutes: 10 }],
  ['snooze 1h', { kind: 'snooze', minutes: 60 }],
  ['done', { kind: 'done' }],
  ['Done!', { kind: 'done' }],
  ['taken', { kind: 'done' }],
  ['✅', { kind: 'done' }],
  // Not reminder commands: left for the next stage.
  ['remind me', undefined],
  ['reminder: pump', undefined],
  ['what time is it', undefined],
  ['she is done eating', undefined],
  ['cancel', undefined],
  ['fed 120ml at 3', undefined],
  ['can you remind me what the dose is?', undefined],
]

describe('reminder commands', () => {
  it.each(CASES)('%s', (text, expected) => {
    expect(parseReminder(text, ctx)).toEqual(expected)
  })

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseReminder(s, ctx)
        parseReminder(`remind me ${s}`, ctx)
      }),
    )
  })
})
