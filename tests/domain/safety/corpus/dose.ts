/**
 * Dose-guard cases: health-facts.md §2 (intervals, daily counts, age limits, mg/kg, concentrations, en-US vs
 * en-GB), brand names and misspellings, doses logged and asked about, two caregivers.
 */
import { ava, born, dose, type GateCase, grandpa, hoursAgo, leo, maya, minutesAgo, only, sam, uk } from '../fixtures.js'

const blocked = (ruleId: string, dependentId?: string) => ({
  tier: 'dose_blocked' as const,
  ruleId,
  ...(dependentId ? { dependentId } : {}),
})
const ok = { tier: 'dose_ok' as const, ruleId: 'DOSE-OK' }
const samOnly = only(sam)
const apapEvery4h = (n: number) =>
  Array.from({ length: n }, (_, i) => dose(sam, 'acetaminophen', hoursAgo(4 * (i + 1))))
const baby = (days: number, weightKg?: number) =>
  only({ id: 'dep_rosa', name: 'Rosa', nicknames: [], birthDate: born(days), ...(weightKg ? { weightKg } : {}) })

export const DOSE_CASES: GateCase[] = [
  // DOSE-APAP-INTERVAL — [GOTOMV], [STANFORD-DOSING], [NHS-PARA-CHILD]: 4 h, every brand, given by anyone.
  { text: 'gave Sam tylenol 5ml', expect: { ...ok, dependentId: sam.id } },
  {
    text: 'gave tylenol 5ml',
    expect: blocked('DOSE-APAP-INTERVAL', sam.id),
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(2), 'Maria')] },
  },
  {
    text: 'gave tylenol 5ml',
    expect: ok,
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(4))] },
  },
  {
    text: 'can he have more tylenol?',
    expect: blocked('DOSE-APAP-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(3))] },
  },
  {
    text: 'can he have more tylenol?',
    expect: ok,
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(5))] },
  },
  {
    text: 'gave tylenal 5 ml',
    expect: blocked('DOSE-APAP-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(1))] },
  },
  {
    text: 'just gave Sammy some calpol',
    expect: blocked('DOSE-APAP-INTERVAL', sam.id),
    context: { ...uk, ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(2), 'Grandma')] },
  },
  {
    text: 'gave tylenol 20 min ago',
    expect: blocked('DOSE-APAP-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', minutesAgo(250))] },
  },
  {
    text: 'panadol 5ml at 3',
    expect: blocked('DOSE-APAP-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(3))] },
  },
  // A different drug never blocks (§2.2 "Giving both").
  {
    text: 'gave Sam motrin',
    expect: ok,
    context: { ...samOnly, doseHistory: [dose(sam, 'acetaminophen', hoursAgo(1))] },
  },
  // DOSE-APAP-MAX24 — [FDA-OTC-APAP] 5 in 24 h; en-GB [NHS-PARA-CHILD] 4.
  {
    text: 'gave paracetamol',
    expect: blocked('DOSE-APAP-MAX24'),
    context: { ...samOnly, doseHistory: apapEvery4h(5) },
  },
  { text: 'gave tylenol', expect: ok, context: { ...samOnly, doseHistory: apapEvery4h(4) } },
  {
    text: 'gave paracetamol',
    expect: blocked('DOSE-APAP-MAX24'),
    context: { ...uk, ...samOnly, doseHistory: apapEvery4h(4) },
  },
  // DOSE-APAP-AGE — [CMG], [AAP-APAP-TABLE] under 12 weeks (84 days); en-GB [NHS-PARA-CHILD] 2 months, > 4 kg.
  { text: 'can Maya have tylenol?', expect: blocked('DOSE-APAP-AGE', maya.id) },
  { text: 'gave tylenol 1.25ml', expect: blocked('DOSE-APAP-AGE'), context: baby(83, 5) },
  { text: 'gave tylenol 1.25ml', expect: ok, context: baby(84, 5) },
  { text: 'gave Maya calpol 2.5ml', expect: blocked('DOSE-APAP-AGE', maya.id), context: { ...uk, ...only(maya) } },
  { text: 'gave calpol 2.5ml', expect: ok, context: { ...uk, ...baby(70, 5) } },
  { text: 'calpol 2.5ml', expect: blocked('DOSE-APAP-AGE'), context: { ...uk, ...baby(70) } },
  { text: 'gave calpol 5ml', expect: blocked('DOSE-APAP-AGE'), context: { ...uk, ...baby(70, 5) } },
  { text: 'can I give tylenol?', expect: blocked('DOSE-APAP-AGE', maya.id) },
  // DOSE-APAP-MGKG — [AAP-ANTIPYRETIC-2011] > 15 mg/kg; 160 mg/5 mL US [FDA-OTC-APAP], 120 mg/5 mL UK [NHS-PARA-CHILD].
  { text: 'gave 2 tsp of tylenol', expect: blocked('DOSE-APAP-MGKG'), context: samOnly },
  { text: 'gave acetaminophen 7.5 ml', expect: blocked('DOSE-APAP-MGKG'), context: samOnly },
  { text: 'tylonol 1 tsp', expect: ok, context: samOnly },
  { text: "gave Sam 160mg of children's tylenol", expect: ok },
  { text: 'infant tylenol 2.5ml', expect: ok, context: only(ava) },
  { text: 'Gave Sam 7.5ml paracetamol', expect: ok, context: uk },
  { text: 'paracetemol 5ml', expect: ok, context: { ...uk, ...samOnly } },
  { text: 'gave calpol six plus 5ml', expect: ok, context: { ...uk, ...samOnly } },
  // DOSE-IBU-AGE — [LVP-DOSING], [TPMG-HANDOUT] 6 months; en-GB [EMC-BOOTS-IBU] 3 months and > 5 kg.
  { text: 'gave Leo motrin', expect: blocked('DOSE-IBU-AGE', leo.id), context: only(leo) },
  { text: 'gave Leo nurofen 2.5ml', expect: ok, context: { ...uk, ...only(leo) } },
  { text: 'gave nurofen 2.5ml', expect: blocked('DOSE-IBU-AGE'), context: { ...uk, ...baby(100, 4.8) } },
  { text: 'can I give ibuprofen?', expect: blocked('DOSE-IBU-AGE'), context: { ...uk, ...baby(80, 6) } },
  // DOSE-IBU-INTERVAL — [LVP-DOSING] 6 h (kept in en-GB too).
  {
    text: "gave children's motrin 5ml",
    expect: blocked('DOSE-IBU-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'ibuprofen', hoursAgo(4))] },
  },
  {
    text: 'is it too soon for more motrin?',
    expect: blocked('DOSE-IBU-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'ibuprofen', minutesAgo(359))] },
  },
  {
    text: 'is it too soon for more motrin?',
    expect: ok,
    context: { ...samOnly, doseHistory: [dose(sam, 'ibuprofen', hoursAgo(6))] },
  },
  {
    text: 'nurofen 5ml',
    expect: blocked('DOSE-IBU-INTERVAL'),
    context: { ...uk, ...samOnly, doseHistory: [dose(sam, 'ibuprofen', hoursAgo(5))] },
  },
  // DOSE-IBU-MAX24 — [TPMG-HANDOUT] 4 in 24 h; en-GB [NHS-IBU-TABLE] 3.
  {
    text: 'gave advil',
    expect: blocked('DOSE-IBU-MAX24'),
    context: { ...samOnly, doseHistory: [6, 12, 18, 23].map((h) => dose(sam, 'ibuprofen', hoursAgo(h))) },
  },
  {
    text: 'gave nurofen',
    expect: blocked('DOSE-IBU-MAX24'),
    context: { ...uk, ...samOnly, doseHistory: [6, 12, 18].map((h) => dose(sam, 'ibuprofen', hoursAgo(h))) },
  },
  // DOSE-IBU-MGKG — [AMS-META] > 10 mg/kg; drops 50 mg/1.25 mL [FDA-OTC-IBU-INF], children's 100 mg/5 mL [FDA-OTC-IBU-CH].
  { text: 'gave infant motrin 1.25ml', expect: ok, context: only(ava) },
  { text: 'gave infants motrin 5 ml', expect: blocked('DOSE-IBU-MGKG'), context: only(ava) },
  { text: 'gave motrin 5ml', expect: blocked('DOSE-IBU-MGKG'), context: samOnly },
  { text: 'ibuprophen 5ml', expect: ok, context: only({ ...sam, mgPerMl: { ibuprofen: 20 } }) },
  { text: "gave children's advil 5ml and tylenol 5ml", expect: ok, context: samOnly },
  { text: 'gave motrim', expect: ok, context: samOnly },
  // DOSE-NO-ASPIRIN — [LVP-DOSING].
  { text: 'gave Sam baby aspirin', expect: blocked('DOSE-NO-ASPIRIN', sam.id) },
  { text: 'grandpa took his aspirin', expect: { tier: 'routine_log' }, context: only(grandpa) },
  // Not a dose of a dependent: a query, a negation, a mention, the sender's own pills.
  { text: 'when was her last tylenol?', expect: { tier: 'not_a_red_flag' }, context: samOnly },
  { text: "didn't give her tylenol yet", expect: { tier: 'not_a_red_flag' }, context: samOnly },
  { text: "tylenol isn't helping", expect: { tier: 'not_a_red_flag' }, context: samOnly },
  { text: 'I took 2 advil for my headache', expect: { tier: 'routine_log' } },
  // Precedence (§8): fever beats a dose answer; a dose answer beats a log.
  { text: 'Sam fever 38.5, can I give him motrin?', expect: ok },
  { text: 'Maya is 38.3, can I give her tylenol?', expect: { tier: 'urgent_fever', ruleId: 'FEVER-U3M' } },
]
