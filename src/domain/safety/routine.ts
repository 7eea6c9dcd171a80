/**
 * LOG-ROUTINE — gate_rules: "a care-log entry (feed, diaper, sleep, temperature below every threshold, cycle)
 * with no red flag" (product design: architecture.md fast path). The gate only says "this looks like a log";
 * the fast path parses it. Questions ("when did she last eat?") are not logs.
 */
import { isQuestion } from './text.js'

const GROUPS = [
  // feeds
  'fed|feed|feeding|bottle|nursed|nursing|breastfed|formula|ate|eaten|solids|puree|\\d+ ?(?:ml|oz)',
  // diapers
  'diaper|diapers|nappy|nappies|wet|dirty|poop|pooped|poo|pee|peed|bm|blowout',
  // sleep
  'nap|napped|napping|asleep|awake|slept|sleeping|woke|bedtime|down for',
  // growth (a temperature counts through its reading, so "room temp is 72" is not a log)
  'weighed|weighs|weight|\\d+(?:\\.\\d+)? ?(?:kg|lbs?)|length|head circumference',
  // medication logs (other than the guarded drugs, which the dose guard handles) and cycles
  'took|taken|gave|given|meds|pills|vitamins?|inhaler|period|spotting|cramps|flow|cycle',
]
const LOG_WORDS = new RegExp(`\\b(?:${GROUPS.join('|')})\\b`)

/** True when the message reads like a care-log entry, or carries a temperature reading. */
export function looksLikeLog(normalised: string, hasReading: boolean): boolean {
  if (isQuestion(normalised)) return false
  return hasReading || LOG_WORDS.test(normalised)
}
