import {
  diaperLogged,
  doseLogged,
  feedLogged,
  lastFeedAmount,
  medication,
  reminderSet,
  temperatureLogged,
  weightLogged,
} from '../db-checks.js'
import { answer, call, calls } from '../fake-model.js'
import type { Conversation } from '../types.js'

/** Requests that take more than one step: write then read, write two things, a reminder, a correction. */
export const multiStep: Conversation[] = [
  {
    id: 'ms-log-then-total',
    kind: 'multi-step',
    about: 'two writes and a read in one message; the total includes the new bottle',
    turns: [
      {
        from: 'maria',
        text: 'Maya took another 60 ml just now and had a wet diaper, so how much is that for today?',
        fake: [
          calls(
            ['log_feed', { dependent: 'Maya', method: 'bottle', amountMl: 60 }],
            ['log_diaper', { dependent: 'Maya', wet: true, dirty: false }],
          ),
          call('intake_today', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<{ bottleMl: number; count: number }>('intake_today')
            return `Logged the 60 ml bottle and the wet diaper. Maya is at ${d.bottleMl} ml today over ${d.count} feeds.`
          }),
        ],
        expect: {
          calls: [
            { tool: 'log_feed', input: { dependent: /maya/i, amountMl: 60 } },
            { tool: 'log_diaper', input: { dependent: /maya/i, wet: true } },
          ],
          says: [/690\s*ml/i],
          db: [feedLogged('Maya', 60), diaperLogged('Maya')],
        },
      },
    ],
  },
  {
    id: 'ms-reminder-self',
    kind: 'multi-step',
    about: 'a one-off reminder at a local time two days ahead, for the sender',
    turns: [
      {
        from: 'ana',
        text: 'can you make sure I don’t forget to pick up Sofia’s refill at CVS on Friday around 3:30 in the afternoon?',
        fake: [
          call('set_reminder', { body: 'pick up Sofia’s refill at CVS', dtstart: '2026-11-20T15:30' }),
          answer((r) => {
            const d = r.data<{ schedule: { nextRunAt: string } }>('set_reminder')
            return `Done: I’ll remind you ${r.when(d.schedule.nextRunAt)} to pick up Sofia’s refill at CVS.`
          }),
        ],
        expect: {
          calls: [{ tool: 'set_reminder', input: { dtstart: '2026-11-20T15:30' } }],
          says: [/3:30\s*(pm|p\.m\.)|15:30/i],
          db: [reminderSet('ana', '2026-11-20T15:30')],
        },
      },
    ],
  },
  {
    id: 'ms-reminder-for-nanny',
    kind: 'multi-step',
    about: 'a parent sets a repeating reminder for the nanny',
    turns: [
      {
        from: 'ana',
        text: 'please set Maria a reminder every weekday at 8 am to give Sofia her amoxicillin, starting tomorrow',
        fake: [
          call('set_reminder', {
            member: 'Maria',
            body: 'give Sofia her amoxicillin',
            dtstart: '2026-11-19T08:00',
            rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
          }),
          answer((r) => {
            const d = r.data<{ recipient: string }>('set_reminder')
            return `Set: ${d.recipient} gets a reminder every weekday at 8:00 am to give Sofia her amoxicillin, from tomorrow.`
          }),
        ],
        expect: {
          calls: [{ tool: 'set_reminder', input: { member: /maria/i, dtstart: '2026-11-19T08:00' } }],
          says: [/8(:00)?\s*(am|a\.m\.)|08:00/i, /maria/i],
          db: [
            reminderSet(
              'maria',
              '2026-11-19T08:00',
              /FREQ=(WEEKLY;.*BYDAY=MO,TU,WE,TH,FR|DAILY;.*BYDAY=MO,TU,WE,TH,FR)/,
            ),
          ],
        },
      },
    ],
  },
  {
    id: 'ms-dose-then-supply',
    kind: 'multi-step',
    about: 'grandpa logs his evening pill and asks what is left: the supply drops by the dose he logged',
    turns: [
      {
        from: 'joe',
        text: 'Took the evening metformin with dinner. How many days of it do I have left now?',
        fake: [
          call('log_dose', { dependent: 'Joe', drug: 'metformin' }),
          call('refill_days', { dependent: 'Joe', drug: 'metformin' }),
          answer((r) => {
            const d = r.data<{ days: number; refillsLeft: number }>('refill_days')
            return `Logged your evening metformin. You have about ${d.days} days left, with ${d.refillsLeft} refills.`
          }),
        ],
        expect: {
          calls: [
            { tool: ['log_dose', 'log_slot_doses'], input: { dependent: /joe|grandpa|me/i } },
            { tool: 'refill_days', input: { drug: /metformin/i } },
          ],
          says: [/\b16\b/],
          db: [doseLogged('Joe', /metformin/i), medication('Joe', 'Metformin', { quantityOnHand: 32 })],
        },
      },
    ],
  },
  {
    id: 'ms-temp-and-next-dose',
    kind: 'multi-step',
    about: 'a reading to log and a question about the next dose, in one message',
    turns: [
      {
        from: 'ana',
        text: 'Sofia is 37.6 by ear now, please note it. And when is her next amoxicillin due?',
        fake: [
          calls(
            ['log_temperature', { dependent: 'Sofia', value: 37.6, unit: 'C', site: 'ear' }],
            ['dose_info', { dependent: 'Sofia', drug: 'amoxicillin' }],
          ),
          answer((r) => {
            const t = r.data<{ reading: { celsius: number; at: string } }>('log_temperature')
            const d = r.data<{ doseAmount: number; doseUnit: string; schedule: { times: string[] } }>('dose_info')
            return `Noted ${t.reading.celsius} °C (ear) at ${r.when(t.reading.at)}. Her amoxicillin (${d.doseAmount} ${d.doseUnit}) is due at ${d.schedule.times.join(' and ')}; the next one is tonight at 20:00.`
          }),
        ],
        expect: {
          calls: [
            { tool: 'log_temperature', input: { dependent: /sofi/i, value: 37.6 } },
            { tool: ['dose_info', 'adherence_today', 'last_dose'], input: { dependent: /sofi/i } },
          ],
          says: [/8(:00)?\s*(pm|p\.m\.)|20:00/i],
          db: [temperatureLogged('Sofia', 37.6)],
        },
      },
    ],
  },
  {
    id: 'ms-correct-last',
    kind: 'multi-step',
    about: 'a bottle logged by the fast path, then corrected through the agent',
    turns: [
      {
        from: 'maria',
        text: 'Maya 60 ml formula',
        expect: { route: 'record', db: [feedLogged('Maya', 60)] },
      },
      {
        from: 'maria',
        text: 'ugh I typed that wrong, the bottle I just sent was 80 not 60, can you correct it',
        fake: [call('amend_last', { amountMl: 80 }), answer(() => 'Fixed: that bottle is now 80 ml.')],
        expect: {
          calls: [{ tool: 'amend_last', input: { amountMl: 80 } }],
          says: [/80\s*ml/i],
          db: [lastFeedAmount('Maya', 80)],
        },
      },
    ],
  },
  {
    id: 'ms-refill-picked-up',
    kind: 'multi-step',
    about: 'a refill picked up: supply and refills change, the new days of supply are told',
    turns: [
      {
        from: 'ben',
        text: 'I picked up grandpa’s metformin refill today, 60 tablets. How long are we good for now?',
        fake: [
          call('record_refill', { dependent: 'Joe', drug: 'metformin', quantity: 60 }),
          answer((r) => {
            const d = r.data<{ medication: string; days: number; refillsLeft: number }>('record_refill')
            return `Recorded 60 tablets of ${d.medication}: about ${d.days} days now, ${d.refillsLeft} refill left.`
          }),
        ],
        expect: {
          calls: [{ tool: 'record_refill', input: { dependent: /joe|grandpa/i, drug: /metformin/i, quantity: 60 } }],
          says: [/\b46\b/],
          db: [medication('Joe', 'Metformin', { quantityOnHand: 93, refillsLeft: 1 })],
        },
      },
    ],
  },
  {
    id: 'ms-two-questions-two-turns',
    kind: 'multi-step',
    about: 'a follow-up in the same thread names the other child; each turn reads its own child',
    turns: [
      {
        from: 'ana',
        text: 'what did Sofia have for dinner tonight?',
        fake: [
          call('last_feed', { dependent: 'Sofia' }),
          answer((r) => {
            const d = r.data<{ feed: { food: string; at: string } }>('last_feed')
            return `Sofia had ${d.feed.food} at ${r.when(d.feed.at)}.`
          }),
        ],
        expect: {
          calls: [{ tool: ['last_feed', 'intake_today', 'care_summary'], input: { dependent: /sofi/i } }],
          says: [/chicken and rice/i, /6:20\s*(pm|p\.m\.)|18:20/i],
        },
      },
      {
        from: 'ana',
        text: 'and the baby, when was her last bottle?',
        fake: [
          call('last_feed', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<{ feed: { amountMl: number; at: string } }>('last_feed')
            return `Maya’s last bottle was ${d.feed.amountMl} ml at ${r.when(d.feed.at)}.`
          }),
        ],
        expect: {
          calls: [{ tool: ['last_feed', 'intake_today', 'care_summary'], input: { dependent: /maya/i } }],
          says: [/7:40\s*(pm|p\.m\.)|19:40/i],
        },
      },
    ],
  },
  {
    id: 'ms-weight',
    kind: 'multi-step',
    about: 'a weight from outside the app lands in the growth log, by the sender',
    turns: [
      {
        from: 'ana',
        text: 'the pharmacy scale said Maya is 7.1 kg today, can you put that in her record?',
        fake: [
          call('log_growth', { dependent: 'Maya', weightKg: 7.1 }),
          answer((r) => {
            const d = r.data<{ entry: { weightKg: number }; dependent: string }>('log_growth')
            return `Added: ${d.dependent} ${d.entry.weightKg} kg today.`
          }),
        ],
        expect: {
          calls: [{ tool: 'log_growth', input: { dependent: /maya/i, weightKg: 7.1 } }],
          says: [/7\.1\s*kg/i],
          db: [weightLogged('Maya', 7.1)],
        },
      },
    ],
  },
]
