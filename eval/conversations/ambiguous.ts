import { answer, call } from '../fake-model.js'
import type { Conversation } from '../types.js'

/** Which girl? "she" with two daughters must be asked about, not guessed. */
const askWhich = answer((r) => `Do you mean ${r.children().join(' or ')}?`)

const BOTH = [/maya/i, /sofia/i]

/** Reads that name a child, which the clarifying turn must not make. */
const CHILD_READS = ['last_feed', 'intake_today', 'care_summary', 'sleep_log', 'last_dose', 'adherence_today']

export const ambiguous: Conversation[] = [
  {
    id: 'amb-when-eat',
    kind: 'ambiguous',
    about:
      '“when did she last eat?” with two girls: the fast path asks which, then answers for the one named (no model involved)',
    turns: [
      { from: 'ben', text: 'when did she last eat?', expect: { route: 'record', says: BOTH, noWrites: true } },
      { from: 'ben', text: 'Maya', expect: { route: 'record', says: [/7:40\s*(pm|p\.m\.)|19:40/i, /90\s*ml/i] } },
    ],
  },
  {
    id: 'amb-nap',
    kind: 'ambiguous',
    about: 'the nanny asks about “her” nap: the agent asks which girl and reads nothing',
    turns: [
      {
        from: 'maria',
        text: 'did she nap ok this afternoon? I was out for a bit',
        fake: [askWhich],
        expect: { says: BOTH, noCalls: CHILD_READS, noWrites: true },
      },
    ],
  },
  {
    id: 'amb-log-her',
    kind: 'ambiguous',
    about: 'a write for “her”: nothing is written until the child is known',
    turns: [
      {
        from: 'rosa',
        text: 'I gave her some crackers and juice around 7, can you add that to the log?',
        fake: [askWhich],
        expect: { says: BOTH, noWrites: true },
      },
    ],
  },
  {
    id: 'amb-nickname-resolves',
    kind: 'ambiguous',
    about: 'a nickname is not ambiguous: Sofi is Sofia, answered without asking',
    turns: [
      {
        from: 'ana',
        text: 'Sofi seemed hungry at bedtime, when did she eat last?',
        fake: [
          call('last_feed', { dependent: 'Sofi' }),
          answer((r) => {
            const d = r.data<{ dependent: string; feed: { at: string; food: string } }>('last_feed')
            return `${d.dependent} last ate at ${r.when(d.feed.at)}: ${d.feed.food}.`
          }),
        ],
        expect: {
          calls: [{ tool: ['last_feed', 'intake_today', 'care_summary'], input: { dependent: /sofi/i } }],
          says: [/6:20\s*(pm|p\.m\.)|18:20/i],
          saysNot: [/do you mean/i],
        },
      },
    ],
  },
]
