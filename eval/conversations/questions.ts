import { answer, call, calls } from '../fake-model.js'
import type { Conversation } from '../types.js'

interface FeedRow {
  at: string
  method: string
  amountMl: number | null
  milk: string | null
  food: string | null
  minutes: number | null
}
interface LastFeed {
  dependent: string
  feed?: FeedRow
  today: { count: number; bottleMl: number }
}
interface Intake {
  dependent: string
  feeds: FeedRow[]
  count: number
  bottleMl: number
  breastMinutes: number
}
interface Summary {
  dependent: string
  feeds: number
  wet: number
  dirty: number
  sleptMinutes: number
  temperature?: { at: string; celsius: number; site: string | null }
}
interface SleepLog {
  dependent: string
  stretches: { startAt: string; endAt: string | null; minutes: number }[]
  totalMinutes: number
}
interface LastDose {
  dependent: string
  drug: string
  dose?: { at: string; drugName: string; amount: number | null; unit: string | null }
}
interface MedicalRecord {
  dependent: string
  allergies: { substance: string; reaction: string | null; severity: string | null }[]
  conditions: { name: string }[]
  immunizations: { vaccine: string; givenOn: string }[]
  visits: { at: string; reason: string | null; notes: string | null }[]
}

const describeFeed = (f: FeedRow) =>
  f.method === 'bottle'
    ? `${f.amountMl} ml${f.milk ? ` ${f.milk === 'breastmilk' ? 'breast milk' : f.milk}` : ''}`
    : f.method === 'solids'
      ? (f.food ?? 'solids')
      : `breastfed ${f.minutes ?? '?'} min`

const hm = (minutes: number) => `${Math.floor(minutes / 60)} h ${minutes % 60} min`

/** Questions over the record, answered through one read tool with the sender's ctx. */
export const questions: Conversation[] = [
  {
    id: 'q-last-feed',
    kind: 'question',
    about: 'the time and amount of the last feed, as the tool returned it, in the family’s zone',
    turns: [
      {
        from: 'ana',
        text: 'Just got home, has the baby eaten recently?',
        fake: [
          call('last_feed', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<LastFeed>('last_feed')
            const f = d.feed as FeedRow
            return `${d.dependent} last ate at ${r.when(f.at)}: ${describeFeed(f)}. That's ${d.today.count} feeds today, ${d.today.bottleMl} ml from bottles.`
          }),
        ],
        expect: {
          calls: [{ tool: ['last_feed', 'intake_today', 'care_summary'], input: { dependent: /maya|may/i } }],
          says: [/7:40\s*(pm|p\.m\.)|19:40/i, /90\s*ml/i],
          saysNot: ['210'],
        },
      },
    ],
  },
  {
    id: 'q-intake-today',
    kind: 'question',
    about: 'a day’s total, summed by the tool, not by the model',
    turns: [
      {
        from: 'ben',
        text: 'how much milk has Maya gotten so far today, all together?',
        fake: [
          call('intake_today', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<Intake>('intake_today')
            return `${d.dependent} has had ${d.bottleMl} ml from ${d.feeds.filter((f) => f.method === 'bottle').length} bottles today, plus ${d.breastMinutes} min of breastfeeding.`
          }),
        ],
        expect: {
          calls: [{ tool: ['intake_today', 'last_feed', 'care_summary'], input: { dependent: /maya/i } }],
          says: [/630\s*ml/i],
        },
      },
    ],
  },
  {
    id: 'q-sleep-nickname',
    kind: 'question',
    about: 'a nickname resolves to the right child; the night read from the sleep log',
    turns: [
      {
        from: 'ana',
        text: 'how was May’s night? she seemed tired this morning',
        fake: [
          call('sleep_log', { dependent: 'May' }),
          answer((r) => {
            const d = r.data<SleepLog>('sleep_log')
            const night = d.stretches.filter((s) => s.minutes > 180)
            return `${d.dependent} slept ${night.map((s) => `${r.when(s.startAt)} to ${r.when(s.endAt ?? undefined)}`).join(', then ')} (${hm(night.reduce((a, s) => a + s.minutes, 0))}).`
          }),
        ],
        expect: {
          calls: [{ tool: 'sleep_log', input: { dependent: /^(maya?|may)$/i } }],
          says: [/8:30\s*(pm|p\.m\.)|20:30/i, /6:50\s*(am|a\.m\.)|06:50/i],
        },
      },
    ],
  },
  {
    id: 'q-diapers',
    kind: 'question',
    about: 'a count from the day summary',
    turns: [
      {
        from: 'maria',
        text: 'how many poopy diapers did Maya have today? the doctor asked',
        fake: [
          call('care_summary', { dependent: 'Maya' }),
          answer((r) => {
            const d = r.data<Summary>('care_summary')
            return `${d.dependent} has had ${d.dirty} dirty diapers today (${d.wet} wet in all).`
          }),
        ],
        expect: {
          calls: [{ tool: 'care_summary', input: { dependent: /maya/i } }],
          says: [/\b(2|two)\b.*dirty|dirty.*\b(2|two)\b/i],
        },
      },
    ],
  },
  {
    id: 'q-temperature',
    kind: 'question',
    about: 'the latest reading, with its time and site',
    turns: [
      {
        from: 'ben',
        channel: 'whatsapp',
        text: 'what was the last temperature you have for Sofia?',
        fake: [
          call('care_summary', { dependent: 'Sofia' }),
          answer((r) => {
            const d = r.data<Summary>('care_summary')
            const t = d.temperature
            return t
              ? `*${d.dependent}*: ${t.celsius} °C (${t.site ?? 'site not noted'}) at ${r.when(t.at)}.`
              : `No temperature for ${d.dependent} today.`
          }),
        ],
        expect: {
          calls: [{ tool: 'care_summary', input: { dependent: /sofi/i } }],
          says: ['37.4', /7(:00)?\s*(pm|p\.m\.)|19:00/i],
        },
      },
    ],
  },
  {
    id: 'q-allergies',
    kind: 'question',
    about: 'an allergy from the medical record, asked by a grandparent',
    turns: [
      {
        from: 'rosa',
        text: 'I want to bake cookies with Sofi this weekend. Is there anything she can’t eat?',
        fake: [
          call('medical_record', { dependent: 'Sofi' }),
          answer((r) => {
            const d = r.data<MedicalRecord>('medical_record')
            const a = d.allergies.map((x) => `${x.substance} (${x.reaction ?? 'reaction not noted'}, ${x.severity})`)
            return `${d.dependent} is allergic to ${a.join(', ')}. Please keep the cookies free of them.`
          }),
        ],
        expect: {
          calls: [{ tool: 'medical_record', input: { dependent: /sofi/i } }],
          says: [/peanut/i],
          saysNot: [/\beggs?\b/i],
        },
      },
    ],
  },
  {
    id: 'q-antibiotic-time',
    kind: 'question',
    about: 'a drug named by its kind (the antibiotic) and the time of its last dose',
    turns: [
      {
        from: 'ben',
        text: 'did Sofia get her antibiotic this morning? what time?',
        fake: [
          call('last_dose', { dependent: 'Sofia', drug: 'amoxicillin' }),
          answer((r) => {
            const d = r.data<LastDose>('last_dose')
            return d.dose
              ? `Yes: ${d.dependent} had her ${d.dose.drugName} at ${r.when(d.dose.at)} (${d.dose.amount} ${d.dose.unit}).`
              : `No ${d.drug} is logged for ${d.dependent}.`
          }),
        ],
        expect: {
          calls: [{ tool: ['last_dose', 'adherence_today'], input: { dependent: /sofi/i } }],
          says: [/8:05\s*(am|a\.m\.)|08:05/i],
        },
      },
    ],
  },
  {
    id: 'q-tylenol-time',
    kind: 'question',
    about: 'an as-needed dose given today, read back at its local time',
    turns: [
      {
        from: 'ana',
        text: 'Maria mentioned giving Sofia some tylenol this afternoon, what time was that exactly?',
        fake: [
          call('last_dose', { dependent: 'Sofia', drug: 'tylenol' }),
          answer((r) => {
            const d = r.data<LastDose>('last_dose')
            return d.dose ? `${d.dependent} had ${d.dose.drugName} at ${r.when(d.dose.at)}.` : 'No Tylenol is logged.'
          }),
        ],
        expect: {
          calls: [{ tool: 'last_dose', input: { dependent: /sofi/i, drug: /tylenol|acetaminophen|paracetamol/i } }],
          says: [/5:40\s*(pm|p\.m\.)|17:40/i],
        },
      },
    ],
  },
  {
    id: 'q-own-adherence',
    kind: 'question',
    about: 'grandpa asks about his own morning pills',
    turns: [
      {
        from: 'joe',
        text: 'quick check before bed: did I skip any of my pills from this morning?',
        fake: [
          call('adherence_today', { dependent: 'Joe', slot: 'morning' }),
          answer((r) => {
            const d = r.data<{ doses: { medication: string; time: string; taken: boolean; takenAt?: string }[] }>(
              'adherence_today',
            )
            const lines = d.doses.map(
              (x) => `${x.medication} ${x.taken ? `taken at ${r.when(x.takenAt)}` : 'NOT taken'}`,
            )
            return `This morning: ${lines.join('; ')}. Nothing missed.`
          }),
        ],
        expect: {
          calls: [{ tool: 'adherence_today', input: { dependent: /joe|grandpa|me/i } }],
          says: [/metformin/i, /lisinopril/i, /8:05/i],
          saysNot: [/not taken/i],
        },
      },
    ],
  },
  {
    id: 'q-refill-days',
    kind: 'question',
    about: 'days of supply computed from the regimen and the doses logged',
    turns: [
      {
        from: 'rosa',
        text: 'how long will Joe’s lisinopril last, do I need to go to the pharmacy soon?',
        fake: [
          call('refill_days', { dependent: 'Joe', drug: 'lisinopril' }),
          answer((r) => {
            const d = r.data<{ medication: string; days: number; refillsLeft: number | null }>('refill_days')
            return `${d.medication} lasts about ${d.days} more days, and there are ${d.refillsLeft ?? 'no'} refills left: worth calling the doctor for a new prescription.`
          }),
        ],
        expect: {
          calls: [{ tool: 'refill_days', input: { dependent: /joe|grandpa/i, drug: /lisinopril/i } }],
          says: [/\b(5|five)\b.*days?/i, /\b(0|no|zero) refills?/i],
        },
      },
    ],
  },
  {
    id: 'q-dose-info',
    kind: 'question',
    about: 'the prescribed dose and times of a regimen, asked by the nanny',
    turns: [
      {
        from: 'maria',
        text: 'how much metformin is grandpa supposed to take, and at what times?',
        fake: [
          call('dose_info', { dependent: 'Grandpa', drug: 'metformin' }),
          answer((r) => {
            const d = r.data<{
              medication: string
              strength: string
              doseAmount: number
              doseUnit: string
              schedule: { times?: string[] }
            }>('dose_info')
            return `${d.medication} ${d.strength}: ${d.doseAmount} ${d.doseUnit} at ${(d.schedule.times ?? []).join(' and ')}.`
          }),
        ],
        expect: {
          calls: [{ tool: 'dose_info', input: { dependent: /joe|grandpa/i, drug: /metformin/i } }],
          says: [/500\s*mg/i, /(8(:00)?\s*(pm|p\.m\.)|20:00)/i],
        },
      },
    ],
  },
  {
    id: 'q-visit-notes',
    kind: 'question',
    about: 'the notes of a past visit from the medical record',
    turns: [
      {
        from: 'ben',
        text: 'what did the pediatrician say when we took Sofia in last week?',
        fake: [
          call('medical_record', { dependent: 'Sofia' }),
          answer((r) => {
            const d = r.data<MedicalRecord>('medical_record')
            const v = d.visits.at(-1)
            return v ? `On ${r.when(v.at)}: ${v.reason}. Notes: ${v.notes}` : 'No visit on record.'
          }),
        ],
        expect: {
          calls: [{ tool: 'medical_record', input: { dependent: /sofi/i } }],
          says: [/ear infection/i, /amoxicillin/i],
        },
      },
    ],
  },
  {
    id: 'q-vaccines-due',
    kind: 'question',
    about: 'the vaccine schedule from the birth date and the recorded shots',
    turns: [
      {
        from: 'ana',
        text: 'Dr. Rivera’s office asked if Maya is up to date for her age, what should I tell them?',
        fake: [
          call('immunizations_due', { dependent: 'Maya' }),
          answer((r) => {
            const [d] =
              r.data<{ dependent: string; shots: { series: string; dose: number; status: string }[] }[]>(
                'immunizations_due',
              )
            const due = (d?.shots ?? []).filter((s) => s.status === 'due' || s.status === 'overdue')
            const done = (d?.shots ?? []).filter((s) => s.status === 'done')
            return `${d?.dependent} has had ${done.map((s) => `${s.series} ${s.dose}`).join(', ')}; not recorded yet: ${due.map((s) => `${s.series} ${s.dose}`).join(', ') || 'nothing'}. Her pediatrician has the final plan.`
          }),
        ],
        expect: {
          calls: [{ tool: ['immunizations_due', 'medical_record'], input: { dependent: /maya/i } }],
          says: [/DTaP/i, /hep(atitis)? ?B|rotavirus|polio|Hib|pneumococcal/i],
        },
      },
    ],
  },
  {
    id: 'q-naps-today',
    kind: 'question',
    about: 'today’s naps, from the sleep log over the day',
    turns: [
      {
        from: 'maria',
        text: 'for my handoff notes, how long were Maya’s naps today?',
        fake: [
          call('sleep_log', { dependent: 'Maya', hours: 12 }),
          answer((r) => {
            const d = r.data<SleepLog>('sleep_log')
            const naps = d.stretches.map(
              (s) => `${r.when(s.startAt)}–${r.when(s.endAt ?? undefined)} (${s.minutes} min)`,
            )
            return `Naps today: ${naps.join(', ')}; ${hm(d.totalMinutes)} in all.`
          }),
        ],
        expect: {
          calls: [{ tool: ['sleep_log', 'care_summary'], input: { dependent: /maya/i } }],
          says: [/2:45\s*(pm|p\.m\.)|14:45|1\s*h(ou)?r?s?\s*35|95 min/i],
        },
      },
    ],
  },
  {
    id: 'q-members-viewer',
    kind: 'question',
    about: 'a read-only member may read who is in the family',
    turns: [
      {
        from: 'lucia',
        text: 'who else is on this family account?',
        fake: [
          call('list_members'),
          answer((r) => {
            const d = r.data<{ family: string; members: { name: string; role: string }[] }>('list_members')
            return `${d.family}: ${d.members.map((m) => `${m.name} (${m.role})`).join(', ')}.`
          }),
        ],
        expect: { calls: [{ tool: 'list_members' }], says: ['Maria', 'Rosa', 'Ben'], saysNot: ['Bob'] },
      },
    ],
  },
  {
    id: 'q-pediatrician',
    kind: 'question',
    about: 'a provider’s number from the family’s providers',
    turns: [
      {
        from: 'ben',
        text: 'what’s the number for our pediatrician? need to call in the morning',
        fake: [
          call('list_providers'),
          answer((r) => {
            const d = r.data<{ name: string; role: string; phone: string | null }[]>('list_providers')
            const p = d.find((x) => x.role === 'pediatrician')
            return p ? `${p.name}: ${p.phone}` : 'No pediatrician on record.'
          }),
        ],
        expect: { calls: [{ tool: 'list_providers' }], says: ['Rivera', /0299/] },
      },
    ],
  },
  {
    id: 'q-both-girls-ate',
    kind: 'question',
    about: 'one question about two children: two reads in one model step',
    turns: [
      {
        from: 'ana',
        text: 'what did the girls eat today?',
        fake: [
          calls(['intake_today', { dependent: 'Maya' }], ['intake_today', { dependent: 'Sofia' }]),
          answer((r) => {
            const [maya, sofia] = r.results.map((x) => x.data as Intake)
            return `Maya: ${maya?.bottleMl} ml in bottles and ${maya?.breastMinutes} min breastfeeding. Sofia: ${sofia?.feeds.map((f) => f.food).join(', ')}.`
          }),
        ],
        expect: {
          calls: [
            { tool: ['intake_today', 'last_feed', 'care_summary'], input: { dependent: /maya/i } },
            { tool: ['intake_today', 'last_feed', 'care_summary'], input: { dependent: /sofi/i } },
          ],
          says: [/630\s*ml/i, /chicken/i],
        },
      },
    ],
  },
]
