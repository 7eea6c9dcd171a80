import { describe, it } from 'vitest'
import {
  type Case,
  chen,
  evans,
  expectCase,
  joe,
  leo,
  lopez,
  lopezAll,
  lopezAsJoe,
  lopezKids,
  maya,
  olivia,
} from './families.js'

const tylenol = { name: 'tylenol', key: 'acetaminophen' }
const motrin = { name: 'motrin', key: 'ibuprofen' }
const lisinopril = { name: 'lisinopril', key: 'lisinopril' }
const metformin = { name: 'metformin', key: 'metformin' }
const self = { self: true }

const lopezQuestions: Case[] = [
  // "what time" asks when; "ok to give" and "how long until" ask the dose guard.
  ['what time did maya eat', { kind: 'last_feed', subject: maya }],
  ['what time was her last tylenol', { kind: 'last_dose', subject: lopezAll, drug: tylenol }],
  ['ok to give her tylenol now?', { kind: 'can_dose', subject: lopezAll, drug: tylenol }],
  ['how long until leo can have motrin again', { kind: 'can_dose', subject: leo, drug: motrin }],
  ['when can maya have tylenol next', { kind: 'can_dose', subject: maya, drug: tylenol }],
  ['should i give her tylenol', undefined],
  ['ok to give tylenol and motrin together?', undefined],
  ['total oz today?', { kind: 'intake_today', subject: lopezKids }],
  ["whats maya's tylenol dose", { kind: 'dose_info', subject: maya, drug: tylenol }],
  // Summaries asked for in so many words; the sender asking is not whom it is about.
  ['give me a summary', { kind: 'summary', subject: { family: true } }],
  ['can i get a recap for leo', { kind: 'summary', subject: leo }],
  ["how's maya doing today", { kind: 'summary', subject: maya }],
  ['update on leo?', { kind: 'summary', subject: leo }],
  ['give me a bottle', undefined],
  ['how is maya', { kind: 'summary', subject: maya }],
  ["how'd leo do today", { kind: 'summary', subject: leo }],
  ['how are the kids', { kind: 'summary', subject: { family: true } }],
  ['any updates?', { kind: 'summary', subject: { family: true } }],
  ['daily report', { kind: 'summary', subject: { family: true } }],
  ['catch me up', { kind: 'summary', subject: { family: true } }],
  ['how are you', undefined],
  ['how was the doctor', undefined],
  ['what happened to her arm?', undefined],
  ['any updates on the appointment?', undefined],
  ['log', undefined],
  // More ways to ask about the last feed, the last dose, today's intake and the dose.
  ["when's the last time maya ate", { kind: 'last_feed', subject: maya }],
  ['last feeding time?', { kind: 'last_feed', subject: lopezKids }],
  ['when did leo have his last bottle', { kind: 'last_feed', subject: leo }],
  ['how long has it been since she ate', { kind: 'last_feed', subject: lopezKids }],
  ['when was the last time leo had tylenol', { kind: 'last_dose', subject: leo, drug: tylenol }],
  ['how long since her last dose of motrin', { kind: 'last_dose', subject: lopezAll, drug: motrin }],
  ['what has maya eaten today', { kind: 'intake_today', subject: maya }],
  ['how many ml of tylenol for maya', { kind: 'dose_info', subject: maya, drug: tylenol }],
  ['when did she last eat and how much', undefined],
  ['what dose of tylenol for a 13 lb baby', undefined],
  ['when did she last eat?', { kind: 'last_feed', subject: lopezKids }],
  ['when did maya eat last', { kind: 'last_feed', subject: maya }],
  ["when was leo's last feed?", { kind: 'last_feed', subject: leo }],
  ['last feed?', { kind: 'last_feed', subject: lopezKids }],
  ['how long since she ate', { kind: 'last_feed', subject: lopezKids }],
  ['how long since last feed for maya', { kind: 'last_feed', subject: maya }],
  ['when was Bug last fed?', { kind: 'last_feed', subject: maya }],
  ['When did Leo last have a bottle?', { kind: 'last_feed', subject: leo }],
  ['how much has Maya eaten today?', { kind: 'intake_today', subject: maya }],
  ['how much did leo eat today', { kind: 'intake_today', subject: leo }],
  ['how many oz has maya had today?', { kind: 'intake_today', subject: maya }],
  ['total today for leo', { kind: 'intake_today', subject: leo }],
  ['how much formula has leo had so far today', { kind: 'intake_today', subject: leo }],
  ['when was her last Tylenol?', { kind: 'last_dose', subject: lopezAll, drug: tylenol }],
  ["when was maya's last tylenol", { kind: 'last_dose', subject: maya, drug: tylenol }],
  ['when was the last dose of motrin?', { kind: 'last_dose', subject: lopezAll, drug: motrin }],
  ['when did maya last have tylenol', { kind: 'last_dose', subject: maya, drug: tylenol }],
  ['when was tylenol last given to leo', { kind: 'last_dose', subject: leo, drug: tylenol }],
  ['when was tylenol last given', { kind: 'last_dose', subject: lopezAll, drug: tylenol }],
  ['last tylenol?', { kind: 'last_dose', subject: lopezAll, drug: tylenol }],
  ['when was her last dose', { kind: 'last_dose', subject: lopezAll }],
  [
    "when was leo's last tylenal?",
    { kind: 'last_dose', subject: leo, drug: { name: 'tylenal', key: 'acetaminophen' } },
  ],
  ['can she have more tylenol?', { kind: 'can_dose', subject: lopezAll, drug: tylenol }],
  ['can I give leo more motrin?', { kind: 'can_dose', subject: leo, drug: motrin }],
  ['when can maya have more tylenol', { kind: 'can_dose', subject: maya, drug: tylenol }],
  ['is it ok to give maya tylenol now?', { kind: 'can_dose', subject: maya, drug: tylenol }],
  ['too soon for more motrin for leo?', { kind: 'can_dose', subject: leo, drug: motrin }],
  ['can leo have another dose of advil', { kind: 'can_dose', subject: leo, drug: { name: 'advil', key: 'ibuprofen' } }],
  ['is it safe to give bug more tylenol yet', { kind: 'can_dose', subject: maya, drug: tylenol }],
  ['did grandpa take his evening pills?', { kind: 'adherence', subject: joe, slot: 'evening' }],
  ['has grandpa had his meds today', { kind: 'adherence', subject: joe }],
  ['did joe take his metformin this morning', { kind: 'adherence', subject: joe, slot: 'morning', drug: metformin }],
  ['did grandpa take his lisinopril?', { kind: 'adherence', subject: joe, drug: lisinopril }],
  ['when will grandpa run out of lisinopril', { kind: 'refill_days', subject: joe, drug: lisinopril }],
  [
    'how many days until grandpa needs a refill of lisinopril?',
    { kind: 'refill_days', subject: joe, drug: lisinopril },
  ],
  [
    "what's the dose of amoxicillin?",
    { kind: 'dose_info', subject: lopezAll, drug: { name: 'amoxicillin', key: 'amoxicillin' } },
  ],
  [
    'how much amoxicillin do I give maya?',
    { kind: 'dose_info', subject: maya, drug: { name: 'amoxicillin', key: 'amoxicillin' } },
  ],
  ['tylenol dose?', { kind: 'dose_info', subject: lopezAll, drug: tylenol }],
  ["what's maya's dose of tylenol", { kind: 'dose_info', subject: maya, drug: tylenol }],
  ['how much motrin can leo have', { kind: 'dose_info', subject: leo, drug: motrin }],
  ['What is Maya allergic to?', { kind: 'allergies', subject: maya }],
  ['is leo allergic to anything?', { kind: 'allergies', subject: leo }],
  ['does maya have allergies', { kind: 'allergies', subject: maya }],
  ['any allergies?', { kind: 'allergies', subject: lopezAll }],
  ['what are her allergies', { kind: 'allergies', subject: lopezAll }],
  ["grandpa's allergies", { kind: 'allergies', subject: joe }],
  ['summary', { kind: 'summary', subject: { family: true } }],
  ['today', { kind: 'summary', subject: { family: true } }],
  ['Today?', { kind: 'summary', subject: { family: true } }],
  ['recap', { kind: 'summary', subject: { family: true } }],
  ['summary for maya', { kind: 'summary', subject: maya }],
  ["maya's summary", { kind: 'summary', subject: maya }],
  ["how was leo's day", { kind: 'summary', subject: leo }],
  ['sumary', { kind: 'summary', subject: { family: true } }],
]

const grandpaAsks: Case[] = [
  ['how many pills do i have left', { kind: 'refill_days', subject: self }],
  ['when do i need more metformin', { kind: 'refill_days', subject: self, drug: metformin }],
  ['am i running low on lisinopril', { kind: 'refill_days', subject: self, drug: lisinopril }],
  ['how long will my metformin last', { kind: 'refill_days', subject: self, drug: metformin }],
  ['when will my pills run out', { kind: 'refill_days', subject: self }],
  ['refill?', { kind: 'refill_days', subject: self }],
  ["when's my next refill due", { kind: 'refill_days', subject: self }],
  ['did i miss any pills today', { kind: 'adherence', subject: self }],
  ['am i running low on formula', undefined],
  ['how am i doing', undefined],
  ['when should i reorder metformin', { kind: 'refill_days', subject: self, drug: metformin }],
  ['give me my summary', { kind: 'summary', subject: self }],
  ['have I taken my morning meds?', { kind: 'adherence', subject: self, slot: 'morning' }],
  ['did I take my metformin', { kind: 'adherence', subject: self, drug: metformin }],
  ['did I take my pills today?', { kind: 'adherence', subject: self }],
  ['how many days until I need a refill of lisinopril?', { kind: 'refill_days', subject: self, drug: lisinopril }],
  ['when do I need to refill lisinopril', { kind: 'refill_days', subject: self, drug: lisinopril }],
  ['how many days of metformin left', { kind: 'refill_days', subject: self, drug: metformin }],
  ['when did I last take my metformin?', { kind: 'last_dose', subject: self, drug: metformin }],
  ['what am I allergic to', { kind: 'allergies', subject: self }],
  ["what's my dose of metformin", { kind: 'dose_info', subject: self, drug: metformin }],
  ['can I have more tylenol', { kind: 'can_dose', subject: self, drug: tylenol }],
]

const parentAsks: Case[] = [
  // A parent is not cared for: "I need a refill" is about whoever takes it.
  ['how many days until I need a refill of lisinopril?', { kind: 'refill_days', subject: lopezAll, drug: lisinopril }],
  ['can I give her tylenol', { kind: 'can_dose', subject: lopezAll, drug: tylenol }],
  ['when did I give maya tylenol', { kind: 'last_dose', subject: maya, drug: tylenol }],
]

const oneChild: Case[] = [
  ['when did she last eat?', { kind: 'last_feed', subject: olivia }],
  ['how much has liv had today', { kind: 'intake_today', subject: olivia }],
  ['can she have more calpol?', { kind: 'can_dose', subject: olivia, drug: { name: 'calpol', key: 'acetaminophen' } }],
  [
    'when was the last paracetamol',
    { kind: 'last_dose', subject: olivia, drug: { name: 'paracetamol', key: 'acetaminophen' } },
  ],
  ['what is olivia allergic to?', { kind: 'allergies', subject: olivia }],
  ['summary', { kind: 'summary', subject: { family: true } }],
]

describe('parseMessage: questions', () => {
  it.each(lopezQuestions)('reads the question "%s"', (...row) => expectCase(lopez, row))
  it.each(grandpaAsks)('reads "%s" from grandpa about himself', (...row) => expectCase(lopezAsJoe, row))
  it.each(parentAsks)('reads "%s" from a parent', (...row) => expectCase(lopez, row))
  it.each(oneChild)('reads "%s" in a one-child family', (...row) => expectCase(evans, row))
  it('reads a question about a regimen drug the built-in list lacks', () => {
    expectCase(chen, [
      'did grandma take her namenda?',
      { kind: 'adherence', subject: { dependentId: 'dep_wei' }, drug: { name: 'namenda', key: 'namenda' } },
    ])
  })
})
