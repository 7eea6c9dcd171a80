import type { DEMO_PHONES } from '../src/domain/record/demo.js'

/** Who sends a message: a key of the demo family's phones (src/domain/record/demo.ts). */
export type Sender = keyof typeof DEMO_PHONES

/**
 * Half a day of the demo family's texts, in order, written for this bench (not taken from the held-out
 * corpus in bench/corpus): Maria the nanny logs Maya's feeds, naps and diapers; the parents log, correct
 * and ask; grandpa Joe logs and asks about his own pills. About one in six is small talk or a question
 * the parser leaves to the agent; "wet diaper" asks "which child?" and the next line answers it; one
 * tylenol dose comes too soon after another, so the red-flag gate answers and alerts.
 */
export const MIX: readonly (readonly [Sender, string])[] = [
  ['maria', 'fed maya 120ml'],
  ['maria', 'maya wet diaper'],
  ['ben', 'when did she last eat?'],
  ['joe', 'took my morning pills'],
  ['maria', 'maya fell asleep 10 min ago'],
  ['ana', 'summary'],
  ['ben', 'thanks!'],
  ['maria', 'maya woke up'],
  ['maria', 'Maya 4oz formula 20 min ago'],
  ['maria', 'make that 90ml'],
  ['ana', 'how much has Maya eaten today?'],
  ['maria', 'leo ate sweet potato and peas'],
  ['joe', 'have I taken my morning meds?'],
  ['maria', 'maya pooped'],
  ['ana', 'leo temp 37.9 ear'],
  ['ben', 'she had a rough night'],
  ['maria', 'wet diaper'],
  ['maria', 'Maya'],
  ['ana', 'what is leo allergic to?'],
  ['maria', 'gave maya 1.25ml infant tylenol'],
  ['ana', 'when was her last Tylenol?'],
  ['ben', 'can she have more tylenol?'],
  ['joe', 'how many days until I need a refill of lisinopril?'],
  ['maria', 'fed maya 4 oz'],
  ['maria', 'undo'],
  ['ana', 'how do I give tylenol?'],
  ['maria', 'fed maya 4 oz'],
  ['ben', 'gave maya 1.25ml tylenol'],
  ['ana', 'who am i'],
  ['maria', 'maya fell asleep'],
  ['ben', 'what can you do for a teething baby'],
  ['maria', 'leo peed'],
  ['maria', 'maya woke up'],
  ['ana', 'maya temp 37.4'],
  ['maria', 'it was 20 min ago'],
  ['ben', 'recap'],
  ['maria', 'maya finished a 4oz bottle'],
  ['joe', 'when did I last take my metformin?'],
  ['ana', 'is maya asleep?'],
  ['maria', 'changed a wet and dirty diaper for maya'],
  ['joe', 'took my evening meds'],
  ['ana', 'last feed?'],
  ['ben', 'did she poop?'],
  ['maria', 'fed maya 110 ml formula'],
  ['ana', 'did grandpa take his evening pills?'],
  ['maria', 'leo dirty diaper 20 min ago'],
  ['ben', 'total today for leo'],
  ['ana', 'family'],
]
