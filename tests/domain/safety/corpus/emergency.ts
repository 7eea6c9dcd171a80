/**
 * Emergency cases: health-facts.md §3 (child and maternal signs) and the SOS command, and the negated,
 * resolved, historical and figurative mentions that must not fire (gate_rules EMERG-CHILD-*).
 */
import { type GateCase, hoursAgo, maya, only, postpartum, pregnant, sam, uk } from '../fixtures.js'

const emergency = (ruleId?: string, dependentId?: string) => ({
  tier: 'emergency' as const,
  ...(ruleId ? { ruleId } : {}),
  ...(dependentId ? { dependentId } : {}),
})
const none = { tier: 'not_a_red_flag' as const }

export const EMERGENCY_CASES: GateCase[] = [
  // EMERG-CHILD-BREATHING — [CHOP-EMERG], [NHS-HT-U3M]
  { text: 'Maya is not breathing', expect: emergency('EMERG-CHILD-BREATHING', maya.id) },
  { text: 'she stopped breathing for like 15 seconds', expect: emergency('EMERG-CHILD-BREATHING') },
  { text: 'sam cant breath', expect: emergency('EMERG-CHILD-BREATHING', sam.id) },
  { text: 'baby is struggling to breathe and grunting', expect: emergency('EMERG-CHILD-BREATHING') },
  { text: 'her ribs are sucking in with every breath', expect: emergency('EMERG-CHILD-BREATHING') },
  { text: "he's gasping", expect: emergency('EMERG-CHILD-BREATHING') },
  { text: 'MAYA NOT BREATHING', expect: emergency('EMERG-CHILD-BREATHING', maya.id) },
  { text: "I don't think she's breathing", expect: emergency('EMERG-CHILD-BREATHING') },
  { text: 'trouble breathing, too breathless to feed', expect: emergency('EMERG-CHILD-BREATHING') },
  // EMERG-CHILD-COLOUR — [CHOP-EMERG], [NHS-HT-U3M], [MRF-SAFETYNET]
  { text: "Maya's lips are blue", expect: emergency('EMERG-CHILD-COLOUR', maya.id) },
  { text: 'baby turning blue!!', expect: emergency('EMERG-CHILD-COLOUR') },
  { text: 'she looks grey and mottled', expect: emergency('EMERG-CHILD-COLOUR') },
  // EMERG-CHILD-SEIZURE — [CHOP-EMERG], [NHS-RST]; §3.1 gate choice
  { text: 'Sam is having a seizure', expect: emergency('EMERG-CHILD-SEIZURE', sam.id) },
  { text: "she's seizing right now", expect: emergency('EMERG-CHILD-SEIZURE') },
  { text: 'sezure!! help', expect: emergency('EMERG-CHILD-SEIZURE') },
  { text: "Sam's having a fit, shaking all over", expect: emergency('EMERG-CHILD-SEIZURE', sam.id) },
  { text: 'convulsing and eyes rolled back', expect: emergency('EMERG-CHILD-SEIZURE') },
  { text: 'she had a seizure and it stopped, temp 39.2', expect: emergency('EMERG-CHILD-SEIZURE') },
  { text: "not sure if it's a seizure, he's twitching and not responding", expect: emergency() },
  // EMERG-CHILD-UNRESPONSIVE — [CHOP-EMERG], [NHS-HT-U3M], [MRF-SAFETYNET]
  { text: "I can't wake him up", expect: emergency('EMERG-CHILD-UNRESPONSIVE') },
  { text: 'Maya is limp and floppy', expect: emergency('EMERG-CHILD-UNRESPONSIVE', maya.id) },
  { text: 'he passed out', expect: emergency('EMERG-CHILD-UNRESPONSIVE') },
  { text: "very sleepy and won't wake for feeds", expect: emergency('EMERG-CHILD-UNRESPONSIVE') },
  // EMERG-CHILD-CHOKING — [CHOP-EMERG], [ICS-911]
  { text: 'Sam is choking!', expect: emergency('EMERG-CHILD-CHOKING', sam.id) },
  { text: "she's chocking on a grape", expect: emergency('EMERG-CHILD-CHOKING') },
  { text: "choked on a grape and still can't breathe", expect: emergency() },
  // EMERG-CHILD-ANAPHYLAXIS — [CHOP-ANAPH], [AAP-ANAPH-PRACTICE]
  { text: 'lips swelling after peanut butter', expect: emergency('EMERG-CHILD-ANAPHYLAXIS') },
  { text: 'just used the epipen on Sam', expect: emergency('EMERG-CHILD-ANAPHYLAXIS', sam.id) },
  { text: 'hives all over and wheezing', expect: emergency('EMERG-CHILD-ANAPHYLAXIS') },
  // EMERG-CHILD-RASH — [MRF-SAFETYNET], [NHS-HT-3M+], [CHOP-EMERG]
  { text: "rash that doesn't fade when I press a glass on it", expect: emergency('EMERG-CHILD-RASH') },
  { text: 'purple spots on his legs', expect: emergency('EMERG-CHILD-RASH') },
  { text: 'Sam has a rash and a fever of 38.5', expect: emergency('EMERG-CHILD-RASH', sam.id) },
  // EMERG-CHILD-HEAD — [CHOP-EMERG]
  { text: 'Sam hit his head and keeps throwing up', expect: emergency('EMERG-CHILD-HEAD', sam.id) },
  { text: "fell off the bed, hit her head and now she's very sleepy", expect: emergency() },
  // EMERG-CHILD-POISON — [CHOP-EMERG]
  { text: 'Sam swallowed a button battery', expect: emergency('EMERG-CHILD-POISON', sam.id) },
  { text: "she got into grandpa's pills", expect: emergency('EMERG-CHILD-POISON') },
  { text: 'he drank some bleach', expect: emergency('EMERG-CHILD-POISON') },
  // EMERG-CHILD-BLEEDING, -DROWNING, -OTHER-RED — [CHOP-EMERG], [MRF-SAFETYNET]
  { text: "cut his hand and it won't stop bleeding", expect: emergency('EMERG-CHILD-BLEEDING') },
  { text: 'found him face down in the bath', expect: emergency('EMERG-CHILD-DROWNING') },
  { text: 'her soft spot is bulging', expect: emergency('EMERG-CHILD-OTHER-RED') },
  { text: 'stiff neck and a fever', expect: emergency('EMERG-CHILD-OTHER-RED') },
  { text: 'vomiting blood', expect: emergency('EMERG-CHILD-OTHER-RED') },
  { text: "high pitched cry that won't stop", expect: emergency('EMERG-CHILD-OTHER-RED') },
  // EMERG-SOS — product rule
  { text: 'SOS', expect: emergency('EMERG-SOS') },
  { text: '/sos', expect: emergency('EMERG-SOS') },
  { text: 'sos grandpa fell', expect: emergency('EMERG-SOS') },
  { text: 'help SOS!!', expect: emergency('EMERG-SOS') },
  // An emergency sign wins over everything else, for any dependent (§8).
  { text: 'Maya temp 38.6 and she is having a seizure', expect: emergency('EMERG-CHILD-SEIZURE', maya.id) },
  {
    text: "can I give Sam more tylenol? he's breathing really fast and his lips look blue",
    expect: emergency(),
    context: { doseHistory: [{ dependentId: sam.id, drug: 'acetaminophen', at: hoursAgo(1) }] },
  },
  { text: 'Maya is not breathing', expect: emergency('EMERG-CHILD-BREATHING', maya.id), context: uk },

  // Negated, resolved, historical, figurative, third party, hypothetical: must not fire.
  { text: "she's breathing fine now", expect: none },
  { text: 'no seizure, just a bad dream', expect: none },
  { text: "he isn't choking, just gagging a bit", expect: none },
  { text: "no blue lips, she's pink and breathing normally", expect: none },
  { text: 'Sam choked on a grape but spat it out, he is fine', expect: none },
  { text: 'choked but coughed it out and is playing', expect: none },
  { text: 'had a seizure last year, doing great now', expect: none },
  { text: "history of febrile seizures but she's fine today", expect: none },
  { text: 'he had a febrile seizure 2 years ago', expect: none },
  { text: "I'm about to have a seizure lol this toddler", expect: none },
  { text: "she's choking on laughter at the puppy", expect: none },
  { text: "dying of laughter at Sam's dance moves", expect: none },
  { text: 'we are drowning in laundry', expect: none },
  { text: 'the dog is choking on a toy', expect: none },
  { text: "her doll's lips are blue", expect: none },
  { text: 'watched a show where a kid had a seizure, so scary', expect: none },
  { text: 'what should I do if she has a seizure?', expect: none },
  { text: 'in case she chokes, where is the first aid kit', expect: none },
  { text: "I'm very sleepy, rough night", expect: none },
  { text: 'she threw a fit in the store', expect: none },
  { text: 'Sam is having a fit about his shoes', expect: none },
  { text: 'Sam bumped his head but he is fine, no vomiting', expect: none },
  { text: 'my phone is dying', expect: none },
  { text: 'how does sos work?', expect: none },
  {
    text: 'her tongue is blue from the blueberry slushie',
    expect: none,
    knownGap: {
      tier: 'emergency',
      ruleId: 'EMERG-CHILD-COLOUR',
      why: 'a coloured food is not recognised; escalating a blue tongue is the conservative error',
    },
  },
  {
    text: 'Sam passed out on the couch after the party',
    expect: none,
    knownGap: {
      tier: 'emergency',
      ruleId: 'EMERG-CHILD-UNRESPONSIVE',
      why: '"passed out" as "fell asleep" is not told apart from fainting; the conservative error',
    },
  },

  // EMERG-MATERNAL-* — [CDC-HEARHER], [AWHONN-POSTBIRTH], [ALBERTA-PP]
  {
    text: "I'm soaking through a pad every hour",
    expect: emergency('EMERG-MATERNAL-BLEEDING'),
    context: postpartum,
  },
  { text: 'passing clots bigger than an egg', expect: emergency('EMERG-MATERNAL-BLEEDING') },
  {
    text: "I have a severe headache that won't go away",
    expect: emergency('EMERG-MATERNAL-HEADACHE'),
    context: postpartum,
  },
  { text: 'my vision is blurry and I have a headache', expect: emergency('EMERG-MATERNAL-VISION'), context: pregnant },
  { text: 'chest pain and my heart is racing', expect: emergency('EMERG-MATERNAL-CHEST'), context: postpartum },
  { text: "I can't breathe", expect: emergency('EMERG-MATERNAL-BREATHING'), context: postpartum },
  {
    text: "baby hasn't moved since this morning",
    expect: emergency('EMERG-MATERNAL-FETAL-MOVEMENT'),
    context: { ...pregnant, ...only(sam) },
  },
  {
    text: 'I keep having thoughts of hurting my baby',
    expect: emergency('EMERG-MATERNAL-SELFHARM'),
    context: postpartum,
  },
  { text: 'I want to kill myself', expect: emergency('EMERG-MATERNAL-SELFHARM') },
  { text: 'my temp is 38.4', expect: emergency('EMERG-MATERNAL-FEVER'), context: postpartum },
  { text: 'I have a fever and chills', expect: emergency('EMERG-MATERNAL-FEVER'), context: postpartum },
  { text: 'my left calf is swollen and red', expect: emergency('EMERG-MATERNAL-LEG'), context: postpartum },
  { text: 'my c-section incision is oozing', expect: emergency('EMERG-MATERNAL-INCISION') },
  {
    text: 'my wife is 32 weeks pregnant and has a really bad headache',
    expect: emergency('EMERG-MATERNAL-HEADACHE'),
  },
  { text: 'water is leaking, 36 weeks pregnant', expect: emergency('EMERG-MATERNAL-BLEEDING') },
  { text: 'I fainted in the shower', expect: emergency('EMERG-MATERNAL-FAINTING'), context: pregnant },
  {
    text: 'she fainted',
    expect: emergency('EMERG-CHILD-UNRESPONSIVE', sam.id),
    context: { ...pregnant, ...only(sam) },
  },
  { text: 'I have a severe headache', expect: none },
  { text: "I'm so tired lol", expect: none, context: postpartum },
  { text: "I'm exhausted but ok", expect: none, context: postpartum },
  { text: 'got a fever of excitement for the trip', expect: none, context: postpartum },
  { text: "ugh I'll kill myself if this traffic doesn't move lol", expect: none },
  {
    text: 'temp 38.4',
    expect: { tier: 'urgent_fever', ruleId: 'FEVER-U3M', dependentId: maya.id },
    context: { ...postpartum, ...only(maya) },
  },
]
