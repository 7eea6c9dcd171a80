/**
 * A second batch, written after the gate passed the first four parts and before looking at what it would
 * answer: phrasings a tired parent types, and traps. Failures found here were either fixed in general terms
 * or kept as known gaps; none was fixed by adding the case's own words to a list.
 */
import { ava, dose, type GateCase, hoursAgo, leo, maya, only, postpartum, sam } from '../fixtures.js'

const emergency = { tier: 'emergency' as const }
const urgentFever = (ruleId: string) => ({ tier: 'urgent_fever' as const, ruleId })
const blocked = (ruleId: string) => ({ tier: 'dose_blocked' as const, ruleId })
const ok = { tier: 'dose_ok' as const }
const log = { tier: 'routine_log' as const }
const none = { tier: 'not_a_red_flag' as const }
const samOnly = only(sam)

export const FIELD_CASES: GateCase[] = [
  // Emergencies in other words.
  { text: "help she's not breathing!!!", expect: emergency },
  { text: "he's turning purple", expect: emergency },
  { text: 'her lips look kinda grey', expect: emergency },
  { text: 'maya isnt breathing right, making grunting noises', expect: emergency },
  { text: 'sam wont wake up', expect: emergency },
  { text: 'baby is unresponsive', expect: emergency },
  { text: 'my son is having convulsions', expect: emergency },
  { text: "she's fitting", expect: emergency },
  { text: 'seizing again', expect: emergency },
  { text: "he choked on a piece of apple and can't cough", expect: emergency },
  { text: 'something stuck in her throat', expect: emergency },
  { text: 'her face is swelling up after the shrimp', expect: emergency },
  { text: 'throat is closing, gave epi', expect: emergency },
  { text: 'dark red spots that dont go away when pressed', expect: emergency },
  { text: "Sam ate some of grandma's blood pressure pills", expect: emergency },
  { text: 'found him at the bottom of the pool', expect: emergency },
  { text: 'blood is pouring from his head', expect: emergency },
  { text: 'he fell and hit his head and is acting confused', expect: emergency },
  { text: "baby's breathing is really fast and she's grunting", expect: emergency },
  { text: 'she is blue around the lips', expect: emergency },
  { text: "he's having an allergic reaction, his lips are huge", expect: emergency },
  { text: 'Sam got stung and his throat feels tight', expect: emergency },
  { text: "Sam's teacher said he had a seizure in class today", expect: emergency },
  { text: 'Maya had blue lips for a second while crying but pink now', expect: emergency },
  // Found in review of the qualifiers: each was silenced by a cue that was too broad.
  { text: "she's had 2 seizures in the past hour", expect: emergency },
  { text: 'she turned blue when she was eating', expect: emergency },
  { text: 'she was previously fine, now not breathing', expect: emergency },
  { text: "I can't tell if she's breathing", expect: emergency },
  { text: 'not sure if he is breathing', expect: emergency },
  { text: "in the car and she's choking", expect: emergency },
  { text: 'watching tv and she stopped breathing', expect: emergency },
  { text: "worst headache I've ever had", expect: emergency, context: postpartum },
  { text: "she can't breathe, not joking", expect: emergency },
  { text: 'NO he is choking', expect: emergency },
  { text: "she hasn't stopped seizing", expect: emergency },
  { text: 'she went 20 seconds without breathing', expect: emergency },
  { text: 'the baby is blue', expect: emergency },
  { text: 'she is wearing her blue dress today', expect: none },
  { text: 'showing signs of dehydration, sunken eyes', expect: { tier: 'urgent_other' }, context: only(ava) },
  // Look like emergencies, are not.
  { text: "she's breathing normally now after the coughing fit", expect: none },
  { text: 'He had a fit of giggles', expect: none },
  { text: 'not breathing through his nose because of the cold, very stuffy', expect: none },
  { text: 'the baby monitor isnt responding', expect: none },
  { text: 'Sam is choking back tears', expect: none },
  { text: 'I choked on my coffee', expect: none },
  {
    text: 'picked up her seizure meds',
    expect: none,
    knownGap: { tier: 'routine_log', why: 'LOG-ROUTINE is a word test; the fast path decides what a log is' },
  },
  { text: 'is it normal for newborns to breathe fast?', expect: none },
  { text: 'what does a seizure look like?', expect: none },
  {
    text: 'drowning in diapers over here',
    expect: none,
    knownGap: { tier: 'routine_log', why: 'LOG-ROUTINE is a word test; the fast path decides what a log is' },
  },
  {
    text: "I'm dying to know how much she weighs",
    expect: none,
    knownGap: { tier: 'routine_log', why: 'LOG-ROUTINE is a word test; the fast path decides what a log is' },
  },
  { text: 'bleeding stopped after a minute, tiny cut', expect: none },
  // Fevers in other words.
  { text: 'temp 38', expect: urgentFever('FEVER-U3M'), context: only(maya) },
  { text: '38.3', expect: urgentFever('FEVER-U3M'), context: only(maya) },
  { text: 'temp of 100.8 this morning', expect: urgentFever('FEVER-U3M'), context: only(maya) },
  { text: '101', expect: urgentFever('FEVER-U3M'), context: only(maya) },
  { text: 'Maya is 38', expect: urgentFever('FEVER-U3M') },
  { text: 'fever 39.5 for Maya', expect: urgentFever('FEVER-U3M') },
  { text: 'Sam temp 39, Maya 38.2', expect: urgentFever('FEVER-U3M') },
  { text: 'temp went up to 38.6 after her shots', expect: urgentFever('FEVER-U3M'), context: only(maya) },
  { text: 'Leo is at 104', expect: urgentFever('FEVER-3-6M'), context: only(leo) },
  { text: 'fever of 38.5 since yesterday', expect: urgentFever('FEVER-DUR-U2Y'), context: only(ava) },
  { text: 'she feels hot, 37.8 under the arm', expect: log, context: only(maya) },
  { text: 'her temperature is 37.5', expect: log, context: only(maya) },
  { text: "she's 103 degrees!", expect: log, context: samOnly },
  { text: 'ear thermometer says 99.1', expect: log, context: samOnly },
  { text: 'the formula was 37 degrees', expect: log, context: only(maya) },
  { text: 'set the thermostat to 20', expect: none },
  // Doses in other words.
  { text: 'gave her 2.5 ml of infant tylenol at 10', expect: ok, context: only(ava) },
  { text: 'Gave Ava 5ml motrin at 2pm', expect: blocked('DOSE-IBU-MGKG'), context: only(ava) },
  {
    text: 'Sammy just had his advil',
    expect: blocked('DOSE-IBU-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'ibuprofen', hoursAgo(2))] },
  },
  { text: 'can I alternate tylenol and motrin?', expect: ok, context: samOnly },
  {
    text: 'when can she have her next motrin?',
    expect: blocked('DOSE-IBU-INTERVAL'),
    context: { ...samOnly, doseHistory: [dose(sam, 'ibuprofen', hoursAgo(2))] },
  },
  { text: 'gave ibuprofen 100mg', expect: ok, context: samOnly },
  { text: 'gave Sam 10ml of motrin', expect: blocked('DOSE-IBU-MGKG') },
  { text: 'Tylenol: 5 mL given 9:15', expect: ok, context: samOnly },
  { text: 'just gave Leo some infant motrin', expect: blocked('DOSE-IBU-AGE'), context: only(leo) },
  { text: 'i gave maya tylenol 1.25 ml after her shots', expect: blocked('DOSE-APAP-AGE') },
  { text: 'did anyone give Sam tylenol today?', expect: none },
  // The rest.
  {
    text: 'hasnt peed since 6am',
    expect: { tier: 'urgent_other' },
    context: only(maya),
    knownGap: {
      tier: 'routine_log',
      why: 'a clock time ("since 6am") needs the caller’s time parser; only "in N hours" is read',
    },
  },
  { text: "she's not eating much today", expect: { tier: 'urgent_other' }, context: only(maya) },
  { text: 'Leo has been refusing his bottle', expect: log, context: only(leo) },
  { text: 'she pooped through her onesie lol', expect: log },
  { text: 'ok', expect: none },
  { text: "can you add Maya's 2 month shots?", expect: none },
  { text: 'Maria is picking up the kids at 3', expect: none },
  {
    text: "We're out of diapers",
    expect: none,
    knownGap: { tier: 'routine_log', why: 'LOG-ROUTINE is a word test; the fast path decides what a log is' },
  },
  // A grandparent's own daily pills are a routine log, not a child in the medicine cabinet (found by the
  // end-to-end demo test: "took my morning pills" from grandpa was answered with "Call 911").
  { text: 'took my morning pills', expect: log },
  { text: 'just took my meds', expect: log },
  { text: 'I took my pills', expect: log },
  { text: 'took all my pills', expect: emergency },
  { text: 'Leo took my pills', expect: emergency, context: only(leo) },
]
