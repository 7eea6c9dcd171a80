/**
 * urgent_other (health-facts.md §4.1 gate choice; issue 4), routine care-log entries (LOG-ROUTINE) and
 * ordinary messages (NONE), mostly the phrasings issue 4 lists for the fast path.
 */
import { ava, type GateCase, grandpa, maya, only, postpartum, sam } from '../fixtures.js'

const urgent = (ruleId: string) => ({ tier: 'urgent_other' as const, ruleId })
const log = { tier: 'routine_log' as const, ruleId: 'LOG-ROUTINE' }
const none = { tier: 'not_a_red_flag' as const, ruleId: 'NONE' }

export const OTHER_CASES: GateCase[] = [
  // URGENT-DEHYD-DIAPER — [NHS-HT-U3M] 8 h under 3 months, [NHS-HT-3M+] 12 h; [CARMEL] < 4 wet in 24 h.
  { text: 'no wet diaper for 9 hours', expect: urgent('URGENT-DEHYD-DIAPER'), context: only(maya) },
  { text: 'no wet diaper for 9 hours', expect: log, context: only(sam) },
  { text: "Sam hasn't had a wet diaper in 13 hours", expect: urgent('URGENT-DEHYD-DIAPER') },
  { text: 'dry nappy for 10 hours', expect: urgent('URGENT-DEHYD-DIAPER'), context: only(maya) },
  { text: 'only 2 wet diapers in the last 24 hours', expect: urgent('URGENT-DEHYD-DIAPER'), context: only(ava) },
  { text: 'only 5 wet diapers in the last 24 hours', expect: log, context: only(ava) },
  { text: 'had no wet diaper for 9 hours last week', expect: log, context: only(maya) },
  // URGENT-DEHYD-SIGNS — [AAP-DEHYD].
  { text: 'sunken soft spot and no tears when she cries', expect: urgent('URGENT-DEHYD-SIGNS'), context: only(ava) },
  { text: 'crying without tears and a very dry mouth', expect: urgent('URGENT-DEHYD-SIGNS'), context: only(sam) },
  // URGENT-FEED-U3M — issue 4 ("a newborn not feeding").
  { text: "Maya won't feed, refusing the bottle since this morning", expect: urgent('URGENT-FEED-U3M') },
  { text: "Sam won't eat his dinner", expect: none, context: only(sam) },
  // LOG-ROUTINE — care-log entries with no red flag.
  { text: 'fed 120ml at 3', expect: log },
  { text: '4oz formula 20 min ago', expect: log },
  { text: 'nursed L 15 R 10', expect: log },
  { text: 'nap 1:15-2:40', expect: log },
  { text: "she's asleep", expect: log },
  { text: 'awake', expect: log },
  { text: 'wet diaper', expect: log },
  { text: 'dirty+wet', expect: log },
  { text: 'temp 37.2', expect: log, context: only(maya) },
  { text: 'weighed 6.2 kg today', expect: log },
  { text: 'grandpa took his morning pills', expect: log, context: only(grandpa) },
  { text: 'just took my metformin', expect: log },
  { text: 'period started today, cramps', expect: log, context: postpartum },
  { text: 'bottle at 3, she choked a little but is fine', expect: log, context: only(maya) },
  // NONE — questions and chatter.
  { text: 'when did she last eat?', expect: none },
  { text: 'how much has Maya eaten today?', expect: none },
  { text: 'summary', expect: none },
  { text: 'what is Maya allergic to?', expect: none },
  { text: 'thanks!', expect: none },
  { text: 'who am i', expect: none },
  { text: 'remind me about the 4-month shots', expect: none },
  { text: 'undo', expect: none },
]
