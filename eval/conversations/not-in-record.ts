import { answer, call } from '../fake-model.js'
import type { Conversation } from '../types.js'

/** Saying "not in the record" plainly, rather than guessing or borrowing another child's entry. */
const NOT_RECORDED =
  /no .*(record|logged|on file)|not (in|on) (the|her|his|your) record|nothing .*(record|logged)|(isn(’|')?t|wasn(’|')?t|not|hasn(’|')?t been) (recorded|logged)|don(’|')?t (have|see)/i

export const notInRecord: Conversation[] = [
  {
    id: 'nir-maya-fever',
    kind: 'not-in-record',
    about: 'no temperature for Maya today: said so, and Sofia’s readings are not borrowed',
    turns: [
      {
        from: 'ana',
        text: 'has anyone checked whether Maya had a fever today?',
        fake: [
          call('care_summary', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<{ temperature?: { celsius: number } }>('care_summary')
            return d.temperature ? `Yes, ${d.temperature.celsius}.` : 'No temperature is recorded for Maya today.'
          }),
        ],
        expect: {
          calls: [{ tool: 'care_summary', input: { dependent: /maya/i } }],
          says: [NOT_RECORDED],
          saysNot: ['37.4', '37.9'],
        },
      },
    ],
  },
  {
    id: 'nir-joe-weight',
    kind: 'not-in-record',
    about: 'a figure no tool holds: said plainly, not made up',
    turns: [
      {
        from: 'rosa',
        text: 'how much does Joe weigh these days? the clinic form asks',
        fake: [
          call('medical_record', { dependent: 'Joe' }),
          answer((r) => {
            const d = r.data<{ conditions: { name: string }[]; weightKg?: number }>('medical_record')
            return d.weightKg
              ? `${d.weightKg} kg.`
              : `I don’t have a weight for Joe in the record (it holds ${d.conditions.map((c) => c.name).join(' and ')}).`
          }),
        ],
        expect: { says: [NOT_RECORDED], saysNot: [/\b\d{2,3}\s*(kg|lb|pounds)/i], noWrites: true },
      },
    ],
  },
  {
    id: 'nir-flu-shot',
    kind: 'not-in-record',
    about: 'a vaccine that is not recorded for this child',
    turns: [
      {
        from: 'ben',
        text: 'when did Sofia get her flu shot this year?',
        fake: [
          call('medical_record', { dependent: 'Sofia' }),
          answer((r) => {
            const d = r.data<{ immunizations: { vaccine: string; givenOn: string }[] }>('medical_record')
            const flu = d.immunizations.find((i) => /flu|influenza/i.test(i.vaccine))
            return flu ? `On ${flu.givenOn}.` : 'No flu shot is recorded for Sofia.'
          }),
        ],
        expect: {
          calls: [{ tool: ['medical_record', 'immunizations_due'], input: { dependent: /sofi/i } }],
          says: [NOT_RECORDED],
          saysNot: [/\b(October|November|September)\s+\d/i],
        },
      },
    ],
  },
  {
    id: 'nir-maya-tylenol',
    kind: 'not-in-record',
    about: 'Maya had no Tylenol; Sofia’s 5:40 pm dose is not passed off as hers',
    turns: [
      {
        from: 'maria',
        text: 'I think Maya might have had some tylenol last night, can you check that for me?',
        fake: [
          call('last_dose', { dependent: 'Maya', drug: 'tylenol' }),
          answer((r) => {
            const d = r.data<{ dose?: { at: string } }>('last_dose')
            return d.dose ? `Yes, at ${r.when(d.dose.at)}.` : 'No Tylenol is logged for Maya.'
          }),
        ],
        expect: {
          calls: [{ tool: 'last_dose', input: { dependent: /maya/i } }],
          says: [NOT_RECORDED],
          saysNot: [/5:40|17:40/],
        },
      },
    ],
  },
  {
    id: 'nir-dentist',
    kind: 'not-in-record',
    about: 'no dentist among the providers; the one provider there is, is named for what it is',
    turns: [
      {
        from: 'ben',
        text: 'who is the kids’ dentist again?',
        fake: [
          call('list_providers'),
          answer((r) => {
            const d = r.data<{ name: string; role: string }[]>('list_providers')
            const dentist = d.find((p) => p.role === 'dentist')
            return dentist
              ? dentist.name
              : `No dentist is on record. The only provider is ${d.map((p) => `${p.name} (${p.role})`).join(', ')}.`
          }),
        ],
        expect: { calls: [{ tool: 'list_providers' }], says: [NOT_RECORDED] },
      },
    ],
  },
]
