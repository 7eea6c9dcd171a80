import { describe, it } from 'vitest'
import { type Case, evans, expectCase, leo, lopez, lopezKids, maya, olivia } from './families.js'

// Lopez: now is 4:10 pm PST on 15 Jan (00:10Z on the 16th). Evans: 4:10 pm GMT on 15 Jan.
const NOW = '2026-01-16T00:10:00.000Z'

const lopezSleep: Case[] = [
  [
    'nap 1:15-2:40',
    {
      kind: 'log_sleep',
      subject: lopezKids,
      event: 'range',
      at: '2026-01-15T21:15:00.000Z',
      end: '2026-01-15T22:40:00.000Z',
    },
  ],
  [
    'maya napped 1:15-2:40',
    {
      kind: 'log_sleep',
      subject: maya,
      event: 'range',
      at: '2026-01-15T21:15:00.000Z',
      end: '2026-01-15T22:40:00.000Z',
    },
  ],
  // A night that crosses midnight: 10 pm yesterday to 5 am today.
  [
    'leo slept 10pm-5am',
    {
      kind: 'log_sleep',
      subject: leo,
      event: 'range',
      at: '2026-01-15T06:00:00.000Z',
      end: '2026-01-15T13:00:00.000Z',
    },
  ],
  [
    'maya slept from 10:30 to 5:45',
    {
      kind: 'log_sleep',
      subject: maya,
      event: 'range',
      at: '2026-01-15T06:30:00.000Z',
      end: '2026-01-15T13:45:00.000Z',
    },
  ],
  [
    'Leo nap from 11:30 to 1:15',
    {
      kind: 'log_sleep',
      subject: leo,
      event: 'range',
      at: '2026-01-15T19:30:00.000Z',
      end: '2026-01-15T21:15:00.000Z',
    },
  ],
  [
    'maya nap 1:15 - 2:40pm',
    {
      kind: 'log_sleep',
      subject: maya,
      event: 'range',
      at: '2026-01-15T21:15:00.000Z',
      end: '2026-01-15T22:40:00.000Z',
    },
  ],
  ["she's asleep", { kind: 'log_sleep', subject: lopezKids, event: 'start', at: NOW }],
  ["Maya's asleep", { kind: 'log_sleep', subject: maya, event: 'start', at: NOW }],
  ['maya fell asleep at 7:30', { kind: 'log_sleep', subject: maya, event: 'start', at: '2026-01-15T15:30:00.000Z' }],
  ['leo went down for a nap at 1', { kind: 'log_sleep', subject: leo, event: 'start', at: '2026-01-15T21:00:00.000Z' }],
  ['Leo is napping', { kind: 'log_sleep', subject: leo, event: 'start', at: NOW }],
  ['maya down 10 min ago', { kind: 'log_sleep', subject: maya, event: 'start', at: '2026-01-16T00:00:00.000Z' }],
  ['bug asleap', { kind: 'log_sleep', subject: maya, event: 'start', at: NOW }],
  ['awake', { kind: 'log_sleep', subject: lopezKids, event: 'end', at: NOW }],
  ['maya woke up at 6', { kind: 'log_sleep', subject: maya, event: 'end', at: '2026-01-15T14:00:00.000Z' }],
  ['maya is up', { kind: 'log_sleep', subject: maya, event: 'end', at: NOW }],
  ["leo's awake", { kind: 'log_sleep', subject: leo, event: 'end', at: NOW }],
  ['Buddy woke 5 minutes ago', { kind: 'log_sleep', subject: leo, event: 'end', at: '2026-01-16T00:05:00.000Z' }],
  ['maya up from nap at 3:50', { kind: 'log_sleep', subject: maya, event: 'end', at: '2026-01-15T23:50:00.000Z' }],
]

const at = (iso: string) => `2026-01-15T${iso}:00.000Z`
const range = (subject: object, start: string, end: string) => ({
  kind: 'log_sleep',
  subject,
  event: 'range',
  at: at(start),
  end: end === 'now' ? NOW : at(end),
})

// Lopez times in UTC: 4:10 pm PST is 00:10Z on the 16th, so 2:10 pm is 22:10Z on the 15th.
const durations: Case[] = [
  // A sleep told by its length ended now, or when the child woke.
  ['maya slept for 2 hours', range(maya, '22:10', 'now')],
  ['slept 45 min', range(lopezKids, '23:25', 'now')],
  ['leo took a 40 minute nap', range(leo, '23:30', 'now')],
  ['2hr nap', range(lopezKids, '22:10', 'now')],
  ['napped an hour and a half', range(lopezKids, '22:40', 'now')],
  ['napped 1 hr 15 min', range(lopezKids, '22:55', 'now')],
  ['1h30 nap', range(lopezKids, '22:40', 'now')],
  ['woke at 3:45 after a 2 hr nap', range(lopezKids, '21:45', '23:45')],
  ['maya woke up at 3 from a good 90 min nap', range(maya, '21:30', '23:00')],
  // A time without a waking word (began or ended then?), two lengths, or a length no sleep has: the agent.
  ['2 hr nap at 1', undefined],
  ['slept 45 min at 2', undefined],
  ['napped 1 hr and 30 min and 2 hrs', undefined],
  ['napped 20 hours', undefined],
  // Longer than a nap with no waking time: last night, not a sleep that just ended.
  ['slept 8 hours', undefined],
  [
    'woke at 6 after sleeping 10 hrs',
    {
      kind: 'log_sleep',
      subject: lopezKids,
      event: 'range',
      at: '2026-01-15T04:00:00.000Z',
      end: '2026-01-15T14:00:00.000Z',
    },
  ],
  ['slept 3 min', undefined],
  ['went down at 1:15, slept 2 hrs', undefined],
  ['napped an hour ago', undefined],
]

const states: Case[] = [
  // "since 2" is when the state began; bedtime words read the clock in the evening.
  ['maya napping since 2', { kind: 'log_sleep', subject: maya, event: 'start', at: at('22:00') }],
  ['leo awake since 3', { kind: 'log_sleep', subject: leo, event: 'end', at: at('23:00') }],
  ['leo in bed at 8', { kind: 'log_sleep', subject: leo, event: 'start', at: '2026-01-15T04:00:00.000Z' }],
  ['maya down for the night', { kind: 'log_sleep', subject: maya, event: 'start', at: NOW }],
  ['out cold', { kind: 'log_sleep', subject: lopezKids, event: 'start', at: NOW }],
  ['zzz', { kind: 'log_sleep', subject: lopezKids, event: 'start', at: NOW }],
  ['maya fell asleep in the car seat', { kind: 'log_sleep', subject: maya, event: 'start', at: NOW }],
  ['leo dozed off on me at 2:30', { kind: 'log_sleep', subject: leo, event: 'start', at: at('22:30') }],
  ['maya asleep in the car since the store', undefined],
  ['leo in bed with a fever', undefined],
]

const emojiSleep: Case[] = [
  // 😴 and 💤 say asleep; "finally" is chatter.
  ['😴', { kind: 'log_sleep', subject: lopezKids, event: 'start', at: NOW }],
  ['leo 💤', { kind: 'log_sleep', subject: leo, event: 'start', at: NOW }],
  ['finally asleep', { kind: 'log_sleep', subject: lopezKids, event: 'start', at: NOW }],
  ['🙂', undefined],
]

const lopezDiapers: Case[] = [
  ['wet diaper', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: false }],
  ['dirty+wet', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: true }],
  ['maya pooped', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  ['leo peed', { kind: 'log_diaper', subject: leo, at: NOW, wet: true, dirty: false }],
  ['changed a wet and dirty diaper', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: true }],
  ['leo diaper: both', { kind: 'log_diaper', subject: leo, at: NOW, wet: true, dirty: true }],
  [
    'maya wet diaper at 2',
    { kind: 'log_diaper', subject: maya, at: '2026-01-15T22:00:00.000Z', wet: true, dirty: false },
  ],
  ['poop', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: false, dirty: true }],
  ['pee', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: false }],
  ['Maya diper wet', { kind: 'log_diaper', subject: maya, at: NOW, wet: true, dirty: false }],
  [
    'leo dirty diaper 20 min ago',
    { kind: 'log_diaper', subject: leo, at: '2026-01-15T23:50:00.000Z', wet: false, dirty: true },
  ],
  [
    'maya wet/dirty at 1:30',
    { kind: 'log_diaper', subject: maya, at: '2026-01-15T21:30:00.000Z', wet: true, dirty: true },
  ],
  ['leo poopy diaper', { kind: 'log_diaper', subject: leo, at: NOW, wet: false, dirty: true }],
  ['I changed a dirty diaper for maya', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  ['Maya had a blowout', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  ['diaper change - wet + dirty', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: true }],
  // 💩 is a poop, and chatter around a diaper does not stop it.
  ['maya 💩', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  ['ugh blowout', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: false, dirty: true }],
  ['wet dipe', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: false }],
  // Slang: "#2" and "number two" are dirty, "#1" and "soaked" wet; "a wet one" is the diaper said again.
  ['maya #2', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  ['leo number two', { kind: 'log_diaper', subject: leo, at: NOW, wet: false, dirty: true }],
  ['#1 at 2', { kind: 'log_diaper', subject: lopezKids, at: '2026-01-15T22:00:00.000Z', wet: true, dirty: false }],
  ['soaked diaper', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: false }],
  ['changed a wet one', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: true, dirty: false }],
  ['messy diaper', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: false, dirty: true }],
  // Size and colour are details the log does not keep: they do not stop the entry.
  ['huge blowout up the back', { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: false, dirty: true }],
  [
    'dirty diaper, mustard yellow and seedy',
    { kind: 'log_diaper', subject: lopezKids, at: NOW, wet: false, dirty: true },
  ],
  ['maya pooped a lot', { kind: 'log_diaper', subject: maya, at: NOW, wet: false, dirty: true }],
  // A dry or leaking diaper, two diapers, blood or a worrying colour: the agent reads them.
  ['dry diaper', undefined],
  ['diaper leaked', undefined],
  ['two wet diapers', undefined],
  ['poop with blood in it', undefined],
  ['black poop', undefined],
  ['white poop', undefined],
  ['#2 in the potty', undefined],
  ['nap #2', undefined],
]

const evansBaby: Case[] = [
  ['wet nappy', { kind: 'log_diaper', subject: olivia, at: '2026-01-15T16:10:00.000Z', wet: true, dirty: false }],
  [
    'dirty nappy at 2',
    { kind: 'log_diaper', subject: olivia, at: '2026-01-15T14:00:00.000Z', wet: false, dirty: true },
  ],
  [
    'liv pooped 10 mins ago',
    { kind: 'log_diaper', subject: olivia, at: '2026-01-15T16:00:00.000Z', wet: false, dirty: true },
  ],
  ["she's asleep", { kind: 'log_sleep', subject: olivia, event: 'start', at: '2026-01-15T16:10:00.000Z' }],
  ['awake', { kind: 'log_sleep', subject: olivia, event: 'end', at: '2026-01-15T16:10:00.000Z' }],
  [
    'nap 12:45-2:10',
    {
      kind: 'log_sleep',
      subject: olivia,
      event: 'range',
      at: '2026-01-15T12:45:00.000Z',
      end: '2026-01-15T14:10:00.000Z',
    },
  ],
  [
    'the baby went to sleep at 3:30',
    { kind: 'log_sleep', subject: olivia, event: 'start', at: '2026-01-15T15:30:00.000Z' },
  ],
  ['olivia woke up at 6:15', { kind: 'log_sleep', subject: olivia, event: 'end', at: '2026-01-15T06:15:00.000Z' }],
]

describe('parseMessage: sleep and diapers', () => {
  it.each(lopezSleep)('reads the sleep in "%s"', (...row) => expectCase(lopez, row))
  it.each(durations)('reads the sleep in "%s"', (...row) => expectCase(lopez, row))
  it.each(states)('reads the sleep in "%s"', (...row) => expectCase(lopez, row))
  it.each(emojiSleep)('reads the sleep in "%s"', (...row) => expectCase(lopez, row))
  it.each(lopezDiapers)('reads the diaper in "%s"', (...row) => expectCase(lopez, row))
  it.each(evansBaby)('reads "%s" for a one-child family', (...row) => expectCase(evans, row))
})
