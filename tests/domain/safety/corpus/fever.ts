/**
 * Fever cases: health-facts.md §1 (thresholds by age, any site, °F and °C, bare numbers per §0) and the
 * numbers that are not body temperatures.
 */
import { ava, born, type GateCase, grandpa, hoursAgo, kit, leo, maya, noah, only, sam, uk } from '../fixtures.js'

const urgent = (ruleId: string, dependentId?: string) => ({
  tier: 'urgent_fever' as const,
  ruleId,
  ...(dependentId ? { dependentId } : {}),
})
const log = { tier: 'routine_log' as const }
const none = { tier: 'not_a_red_flag' as const }
const aged = (days: number) => only({ id: `dep_${days}d`, name: 'Rosa', nicknames: [], birthDate: born(days) })

export const FEVER_CASES: GateCase[] = [
  // FEVER-U3M — [AAP-FEVER-CALL], [NHS-HT-U3M]: under 90 days and ≥ 38.0 °C / 100.4 °F, any site.
  { text: 'Maya temp 38.4', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'temp 38,4', expect: urgent('FEVER-U3M', maya.id), context: only(maya) },
  { text: '101.2F armpit', expect: urgent('FEVER-U3M', maya.id), context: only(maya) },
  { text: '100.4 degrees', expect: urgent('FEVER-U3M'), context: only(maya) },
  { text: '38c', expect: urgent('FEVER-U3M'), context: only(maya) },
  { text: "she's at 102", expect: urgent('FEVER-U3M'), context: only(maya) },
  { text: 'Maya is running a fever', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'May-May 38.1 ear', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'temp is 38.0°C', expect: urgent('FEVER-U3M'), context: only(maya) },
  { text: 'thermometer says 38.2 under her arm', expect: urgent('FEVER-U3M'), context: only(maya) },
  { text: 'Maya was 38.5 yesterday evening, 37.2 now', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'temp 38.4', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'the baby is 38.2 and Sam is fine', expect: urgent('FEVER-U3M', maya.id) },
  { text: 'temp 38.2', expect: urgent('FEVER-U3M'), context: aged(89) },
  { text: 'temp 38.2', expect: log, context: aged(90) },
  { text: 'Maya temp 38.2', expect: urgent('FEVER-U3M', maya.id), context: uk },
  { text: '100.3 rectal', expect: log, context: only(maya) },
  { text: 'temp 37.9', expect: log, context: only(maya) },
  { text: '99.5', expect: log, context: only(maya) },
  // FEVER-U3M-LOW — [NHS-HT-U3M] "under 36°C".
  { text: 'temp 35.8', expect: urgent('FEVER-U3M-LOW'), context: only(maya) },
  { text: '96.1F', expect: urgent('FEVER-U3M-LOW'), context: only(maya) },
  { text: 'temp 35.8', expect: log, context: only(sam) },
  // FEVER-3-6M — [NHS-FEVER-GP], [NICE-NG143-SUMMARY]: 90–182 days and ≥ 39.0 °C / 102.2 °F.
  { text: 'Leo 39.1', expect: urgent('FEVER-3-6M', leo.id), context: only(leo) },
  { text: '102.4 F', expect: urgent('FEVER-3-6M'), context: only(leo) },
  { text: '39c rectal', expect: urgent('FEVER-3-6M'), context: only(leo) },
  { text: 'temp 39.0', expect: urgent('FEVER-3-6M'), context: { ...uk, ...only(leo) } },
  // The disputed 38.3–38.9 °C zone at 3–6 months (§1.1): logged, and a human is told.
  { text: '102 F', expect: { tier: 'routine_log', ruleId: 'FEVER-3-6M-DISPUTED' }, context: only(leo) },
  { text: 'Leo temp 38.5', expect: { tier: 'routine_log', ruleId: 'FEVER-3-6M-DISPUTED' }, context: only(leo) },
  { text: 'Leo temp 38.1', expect: { tier: 'routine_log', ruleId: 'LOG-ROUTINE' }, context: only(leo) },
  // FEVER-ANY-40 — [AAP-FEVER-CALL]: one reading ≥ 40.0 °C / 104 °F, any age.
  { text: 'Sam is 40.1', expect: urgent('FEVER-ANY-40', sam.id) },
  { text: '104.5 F', expect: urgent('FEVER-ANY-40'), context: only(sam) },
  { text: 'Grandpa has a temp of 40.2', expect: urgent('FEVER-ANY-40', grandpa.id), context: only(grandpa) },
  { text: 'Kit temp 40.3', expect: urgent('FEVER-ANY-40', kit.id), context: only(kit) },
  { text: 'temp 39.8', expect: log, context: only(sam) },
  { text: 'Kit temp 38.5', expect: log, context: only(kit) },
  // FEVER-RISK — [AAP-FEVER-CALL]: any fever with sickle cell, immune or heart problems on record.
  { text: 'Noah temp 38.3', expect: urgent('FEVER-RISK', noah.id), context: only(noah) },
  { text: 'noah has a fever', expect: urgent('FEVER-RISK', noah.id), context: only(noah) },
  { text: 'Noah temp 37.6', expect: log, context: only(noah) },
  { text: 'temp 38.6', expect: urgent('FEVER-RISK', noah.id), context: only(sam, noah) },
  // FEVER-DUR-U2Y / -2Y — [AAP-FEVER-CALL]: > 24 h under 2 years, > 72 h from 2 years.
  { text: 'Ava has had a fever for 2 days, 38.6 now', expect: urgent('FEVER-DUR-U2Y', ava.id), context: only(ava) },
  { text: '4 days of fever now, 38.9', expect: urgent('FEVER-DUR-2Y', sam.id), context: only(sam) },
  { text: 'temp 38.5', expect: urgent('FEVER-DUR-U2Y'), context: only({ ...ava, feverSince: hoursAgo(30) }) },
  { text: 'temp 38.5', expect: urgent('FEVER-DUR-2Y'), context: only({ ...sam, feverSince: hoursAgo(73) }) },
  { text: 'temp 38.5', expect: log, context: only({ ...sam, feverSince: hoursAgo(71) }) },
  { text: 'temp 37.2', expect: log, context: only({ ...ava, feverSince: hoursAgo(30) }) },
  { text: "Sam's had a fever for 2 days", expect: none, context: only(sam) },
  // FEVER-CALL-NOW-SIGNS — [AAP-FEVER-CALL]: a fever with repeated vomiting, severe ear pain, …
  { text: 'Sam 38.9 and keeps throwing up', expect: urgent('FEVER-CALL-NOW-SIGNS', sam.id) },
  { text: 'fever and severe ear pain', expect: urgent('FEVER-CALL-NOW-SIGNS'), context: only(sam) },
  // Older children: an ordinary fever is a log, not an alarm (issue 4).
  { text: 'Sam temp 38.4', expect: log },
  { text: '101.2F armpit', expect: log, context: only(sam) },
  { text: 'Sam 38.4 and Maya 37.0', expect: log },
  { text: 'Sam has a fever of 38.9 and Maya is fine', expect: log },
  // Not body temperatures, or not fevers.
  { text: 'room temp is 72', expect: none },
  { text: 'bath water 37', expect: none },
  { text: 'nursery is 68 degrees', expect: none },
  { text: "it's 38 degrees outside, so hot", expect: none },
  { text: 'the car says 39 c outside', expect: none },
  { text: 'running a fever of excitement about the zoo', expect: none },
  { text: 'spring fever!', expect: none },
  { text: 'Maya is 7 weeks old today', expect: none },
  { text: 'she had 39.5 last week', expect: none, context: only(maya) },
  { text: 'no fever today, 37.1', expect: log, context: only(maya) },
  { text: 'hay fever is bad today', expect: none, context: only(maya) },
  { text: 'it was 104 today, so hot', expect: none },
  { text: 'Sam 38.5, not getting worse, no vomiting', expect: log },
]
