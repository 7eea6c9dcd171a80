import { describe, expect, it } from 'vitest'
import { evans, lopez, parsed } from './families.js'

/**
 * Messages the parser must leave to the agent. A wrong write is worse than a question, so each of
 * these is something it could misread: outside the command list, chit-chat, a reading that is not a
 * body, an amount without a unit it can trust, a plan, a refusal, two things at once.
 */
const lopezNegatives: string[] = [
  // Outside the command list, or chit-chat.
  "what's the weather",
  'who is maya',
  'what can you do for a teething baby',
  'thanks!',
  'ok',
  'hi',
  'she is sick',
  'she had a rough night',
  'maya is 6 months old',
  'call me at 3',
  '4 kids at the park',
  'bath at 7',
  'add Maya, born Sept 20, 5.1 kg',
  'maya got her shots today',
  'grandpa took a nap',
  'how do I give tylenol?',
  // Questions the parser does not answer, and yes/no questions that look like logs.
  'is she asleep?',
  'is maya asleep',
  'did she poop?',
  'how much tylenol',
  'did maya take a nap?',
  // Not a body temperature, or not a reading at all.
  'room temp is 72',
  'temp 72',
  'temp 45C',
  "she's 38",
  '38.4',
  'temp normal',
  'running a fever of excitement',
  "she's choking on laughter",
  'temp is 38.4 but she seems fine',
  // Amounts without a unit to trust, or implausible ones.
  'gave tylenol 5',
  'bottle 15',
  'maya had 18 at 2',
  'fed 500ml',
  'gave maya 50ml tylenol',
  'nursed L 150',
  'maya took 5ml',
  '5ml',
  'weight 13',
  'maya weighed 6.2 at the doctor',
  'leo 2 wet diapers',
  'she ate 4 crackers',
  // Plans, reminders, refusals, things that did not happen.
  'remind me to give tylenol at 8',
  'give tylenol at 8',
  'feed her at 3',
  'feed her 4oz at 3',
  'please feed maya 4oz',
  'fed her 4oz formula at 3 tomorrow',
  'fed 4oz in 20 min',
  "maya didn't eat",
  'no wet diapers today',
  'she threw up after 4oz',
  'grandpa missed his morning pills',
  'I forgot my metformin',
  'next feed at 6',
  'running low on formula',
  "she's had 12 oz today",
  'she had tylenol today',
  '3 wet diapers today',
  'took my 8am meds',
  'grandpa took his pills with breakfast',
  'gave maya tylenol for fever',
  'fed 4-5 oz',
  'temp was 38.4 now 37.9',
  'undo the last feed',
  'it was leo not maya',
  // Two things at once, or words the grammars do not consume.
  'fed 4oz and 2oz',
  'fed maya and leo 4oz',
  'tylenol 5ml motrin 5ml',
  'grandpa took his pills and tylenol',
  'maya pooped and leo peed',
  'fed the dog',
  'fed the dog 4oz',
  'the dog ate 4oz',
  'gave her a bath',
  'gave maya the tylenol bottle',
  'maya ate well',
  'maya ate lunch',
  'wet the bed',
  'the diaper bag is dirty',
  'slept through the night',
  'nap',
  'fed at 3',
  'fed 4oz this morning',
  'fed 4oz yesterday',
  // Nobody who can be meant: a member who is not cared for, or the sender where a child is meant.
  'Rosa fed maya 4oz',
  'I had 4oz',
  "I'm awake",
]

const evansNegatives: string[] = [
  // A bare bottle number in ml that no bottle holds; a bare number in the UK that could be oz.
  'fed 4',
  'bottle 900',
  'Tom fed her 4oz',
  'nappy bag is wet',
]

describe('parseMessage: what goes to the agent', () => {
  it.each(lopezNegatives)('leaves "%s" to the agent', (text) => {
    expect(parsed(text, lopez)).toBeUndefined()
  })
  it.each(evansNegatives)('leaves "%s" to the agent in a one-child family', (text) => {
    expect(parsed(text, evans)).toBeUndefined()
  })
  it('steps aside for a time zone it does not know', () => {
    expect(parsed('fed 4oz at 3', { ...lopez, timezone: 'Mars/Olympus_Mons' })).toBeUndefined()
  })
  it('steps aside for a text longer than a care-log message', () => {
    expect(parsed(`fed 4oz at 3 ${'and then some more '.repeat(20)}`, lopez)).toBeUndefined()
  })
})
