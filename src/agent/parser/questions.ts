import { lookupDrug } from './drugs.js'
import type { Input } from './grammar.js'
import { SLOT, slotOf } from './slots.js'
import { resolveSubject, type SelfRole, type SubjectRule } from './subject.js'
import type { DrugRef, ParseContext, QueryCommand } from './types.js'

/** A drug name in a question: a few words, checked against the drug list afterwards. */
const D = `(?:(?:the|some|any|more|another|a) )?(?:dose of )?(?<drug>[a-z][a-z' -]*?)`
const MEDS = `(?:pills|meds|medication|medications|medicine|medicines|tablets|dose|doses)`
const AGAIN = `(?: (?:now|yet|again|already|right now|today))*`
const GIVE = /\b(?:give|gave|given|giving)\b/

interface Rule {
  kind: QueryCommand['kind']
  patterns: RegExp[]
  /** Whom "I/my" means here, given the whole normalized text. */
  self: (text: string, ctx: ParseContext) => SelfRole
  pool: SubjectRule['pool']
  drug: 'none' | 'optional' | 'required'
  implicitSelf?: boolean
}

const taker = (text: string): SelfRole => (GIVE.test(text) ? 'actor' : 'subject')
const re = (s: string) => new RegExp(`^${s}$`)

/** Each question as the sentence shapes that ask it, once the people are cut out ("when did Maya…" → "when did…"). */
const RULES: Rule[] = [
  {
    kind: 'last_feed',
    pool: 'children',
    self: () => 'reject',
    drug: 'none',
    patterns: [
      re(
        `when (?:did|was|has) (?:last )?(?:eat|ate|eaten|feed|fed|nurse|nursed|drink|drank|have a bottle|had a bottle)(?: last)?`,
      ),
      re(`when (?:was|is) (?:the )?last (?:feed|feeding|bottle|meal|nursing|nurse)`),
      re(`(?:the )?last (?:feed|feeding|bottle)(?: time)?`),
      re(
        `how long (?:has it been )?(?:since|ago) (?:did |was )?(?:the |last |the last )?(?:feed|feeding|bottle|ate|eat|fed|eaten)`,
      ),
      re(`(?:when (?:is|was) )?(?:the )?last time (?:ate|eaten|fed|nursed|was fed|had a bottle)`),
      re(`when did (?:have|get) (?:the )?last (?:bottle|feed|feeding|meal)`),
    ],
  },
  {
    kind: 'intake_today',
    pool: 'children',
    self: () => 'reject',
    drug: 'none',
    patterns: [
      re(
        `how (?:much|many (?:oz|ml|bottles|feeds)) (?:milk |formula |breastmilk )?(?:(?:has|did|have) )?(?:(?:eaten|eat|drunk|drank|drink|had|taken) )?(?:today|so far today|so far)`,
      ),
      re(`(?:total|intake|total intake|feeds|how much)(?: (?:milk|formula|intake|oz|ml))? (?:today|so far today)`),
      re(`today'?s (?:intake|total|feeds)`),
      re(`what (?:has|have|did) (?:eaten|eat|had|drunk|drank)(?: today| so far today| so far)`),
    ],
  },
  {
    kind: 'last_dose',
    pool: 'all',
    self: taker,
    drug: 'optional',
    patterns: [
      re(`when (?:was|is) (?:the )?last (?:dose|${MEDS})`),
      re(`when (?:was|is) (?:the )?last ${D}(?: dose| given| taken)?`),
      re(
        `when (?:did|was|were) (?:last )?(?:have|get|take|given|taken|give|gave|had) (?:the )?(?:last )?${D}(?: last)?`,
      ),
      re(`when was ${D} (?:last )?(?:given|taken|had)`),
      re(`(?:the )?last (?:dose of )?${D}(?: dose)?`),
      re(`(?:when (?:is|was) )?(?:the )?last time (?:had|got|took|was given|given|gave) ${D}`),
      re(`how long (?:has it been )?since (?:the )?last (?:dose of )?${D}(?: dose)?`),
    ],
  },
  {
    kind: 'can_dose',
    pool: 'all',
    self: taker,
    drug: 'required',
    patterns: [
      re(`(?:can|could|may) (?:have|get|take|give) ${D}${AGAIN}`),
      re(`when can (?:have|get|take|give) (?:the )?(?:next )?${D}(?: again| next)?`),
      re(`how long (?:until|till|til|before) (?:can|could) (?:have|get|take|give) ${D}${AGAIN}`),
      re(`(?:is it )?(?:ok|okay|safe|too soon|too early|fine|alright) to (?:give|have|take) ${D}${AGAIN}`),
      re(`(?:is it )?too (?:soon|early) for ${D}`),
    ],
  },
  {
    kind: 'adherence',
    pool: 'all',
    self: taker,
    drug: 'optional',
    implicitSelf: true,
    patterns: [
      re(
        `(?:have|has|did) (?:taken|take|took|had|got|gotten|given|give|gave) (?:all |the |any )?(?:${SLOT} )?(?:${MEDS}|${D})(?: (?:today|yet|already|${SLOT}))*`,
      ),
      re(`(?:have|has|did) (?:miss|missed) (?:any )?(?:${SLOT} )?(?:${MEDS}|${D})(?: (?:today|yet|${SLOT}))*`),
    ],
  },
  {
    kind: 'refill_days',
    pool: 'all',
    self: (_, ctx) => (ctx.self.dependentId ? 'subject' : 'actor'),
    drug: 'optional',
    implicitSelf: true,
    patterns: [
      re(
        `how many days (?:until|till|til|before|left until|left before) (?:need|needs|will need|have to get|should order) (?:a |to |another )?(?:refill|reorder|order more|get more|more)(?: (?:of|for|on) ${D})?`,
      ),
      re(`how many days (?:until|till|til|before) (?:run|runs|will run) out(?: of ${D})?`),
      re(`how many days (?:of|on) ${D} (?:are |is |do have |does have )?left`),
      re(`how many days (?:are |is )?left (?:of|on|for) ${D}`),
      re(`when (?:do|does|will|should) (?:need|needs|have) to (?:refill|reorder|get more)(?: (?:of )?${D})?`),
      re(`when (?:do|does|will|should) (?:refill|reorder|order more)(?: (?:of )?${D})?`),
      re(`how many (?:${MEDS}|days of ${MEDS}) (?:do |does )?(?:have )?left`),
      re(`when (?:do|does|will|should) (?:need|needs|get) (?:a |another )?refill(?: (?:of|for|on) ${D})?`),
      re(`when (?:will|do|does) (?:run|runs) out(?: of ${D})?`),
      re(`when (?:will|do|does) (?:${MEDS}|${D}) (?:run|runs) out`),
      re(`when (?:do|does|will) (?:need|needs) (?:more|another refill|a refill)(?: (?:of )?${D})?`),
      re(`(?:do|does) (?:need|needs) (?:to reorder|to refill|a refill|more)(?: (?:of )?${D})?(?: soon| yet)?`),
      re(`(?:am|is|are) running low(?: on ${D})?`),
      re(`how (?:much|many) ${D} (?:do |does )?(?:have )?left`),
      re(`how long will ${D} last`),
      re(`how many days(?: of)? supply(?: of ${D})? (?:are |is )?left`),
      re(`(?:next )?refills?(?: date| due)?`),
      re(`when is (?:the )?(?:next )?refill(?: date)?(?: due)?`),
    ],
  },
  {
    kind: 'dose_info',
    pool: 'all',
    self: (text) => (/\bmy\b/.test(text) && !GIVE.test(text) ? 'subject' : 'actor'),
    drug: 'required',
    patterns: [
      re(
        `what (?:is|are) (?:the )?(?:right |correct |usual |normal |recommended |prescribed )?(?:dose|dosage|amount) (?:of|for) ${D}`,
      ),
      re(`how much ${D} (?:do|should|can|does) (?:give|take|have|get)(?: now)?`),
      re(`(?:what is )?${D} (?:dose|dosage)`),
      re(`(?:dose|dosage) (?:of|for) ${D}`),
      re(`how (?:many|much) (?:ml|mg|tsp) (?:of )?${D}(?: (?:do|should|can) (?:give|take|have))?`),
    ],
  },
  {
    kind: 'allergies',
    pool: 'all',
    self: () => 'subject',
    drug: 'none',
    patterns: [
      re(`what (?:is|are|am) allergic to`),
      re(`(?:is|are|am) allergic to anything`),
      re(`(?:does|do) have (?:any )?(?:allergies|allergy|food allergies)`),
      re(`(?:any |list |show )?(?:allergies|allergy list)`),
      re(`what (?:are|is) (?:the )?allergies`),
    ],
  },
]

const SUMMARY = re(
  `(?:(?:give|send|can get|can have) )?(?:a |the )?(?:summary|today|recap|daily summary|day summary|daily recap|today'?s summary|summary (?:for )?today|summary (?:for|of)|recap (?:for|of)|today for|how was (?:the )?day|how is (?:the )?day going|how is doing today|update on|any updates? on)`,
)
/** "how is Maya", "how did today go", "how are the kids", "daily report", "what's new": the day so far. */
const HOW_IS = re(
  `(?:how (?:is|was|are|were)(?: doing)?|how did (?:do|today go|it go|the day go)|how (?:are|were|is) (?:the kids|the children|everyone|everybody)(?: doing)?|(?:any )?updates?|(?:daily |today'?s )?(?:report|status|status update|rundown)|(?:daily|today'?s) log|catch up|what is new|what happened|what did do|show today)(?: today| so far)?`,
)

/** The question the text asks, or undefined. Questions have no time: they are about the record now. */
export function parseQuestion(input: Input): QueryCommand | undefined {
  const q = input.rest
    .replace(/^what time\b/, 'when')
    .replace(/[?!.,]+/g, ' ')
    .replace(/\b(?:please|pls)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // "… for Maya", "… given to Leo": the name is cut out, the preposition is left at the end.
    .replace(/ (?:for|to)$/, (prep) => (/ (?:for|to) @[\s?!.]*$/.test(input.mentions.marked) ? '' : prep))
  if (SUMMARY.test(q) || HOW_IS.test(q)) return summary(input)
  for (const rule of RULES) {
    for (const pattern of rule.patterns) {
      const found = answer(rule, pattern.exec(q), input)
      if (found) return found
    }
  }
  return undefined
}

function answer(rule: Rule, m: RegExpExecArray | null, input: Input): QueryCommand | undefined {
  if (!m) return undefined
  const groups = m.groups ?? {}
  let drug: DrugRef | undefined
  if (groups.drug !== undefined) {
    drug = lookupDrug(groups.drug, input.ctx.medications)
    if (!drug) return undefined
  }
  if (rule.drug === 'required' && !drug) return undefined
  const subject = resolveSubject(input.mentions, input.ctx, {
    pool: rule.pool,
    self: rule.self(input.text, input.ctx),
    implicitSelf: rule.implicitSelf === true,
  })
  if (!subject) return undefined
  const slots = new Set(
    m
      .slice(1)
      .map(slotOf)
      .filter((s) => s !== undefined),
  )
  if (slots.size > 1) return undefined
  const [slot] = slots
  return build(rule.kind, subject, drug, slot)
}

function build(
  kind: QueryCommand['kind'],
  subject: Exclude<QueryCommand, { kind: 'summary' }>['subject'],
  drug: DrugRef | undefined,
  slot: ReturnType<typeof slotOf>,
): QueryCommand | undefined {
  switch (kind) {
    case 'last_feed':
    case 'intake_today':
    case 'allergies':
      return { kind, subject }
    case 'last_dose':
    case 'refill_days':
      return drug ? { kind, subject, drug } : { kind, subject }
    case 'can_dose':
    case 'dose_info':
      return drug ? { kind, subject, drug } : undefined
    case 'adherence':
      return { kind, subject, ...(slot ? { slot } : {}), ...(drug ? { drug } : {}) }
    default:
      return undefined
  }
}

/** "summary" and "today" are about the family; "Maya's summary" about Maya. */
function summary(input: Input): QueryCommand | undefined {
  const m = input.mentions
  // "give me a summary", "catch me up", "can I get a recap": the sender asks; "my", "how am I" is about them.
  const self = m.self && /\b(?:i|my|mine|myself)\b/.test(input.text.replace(/^can i (?:get|have|see)\b/, ''))
  if (m.named.length === 0 && !m.pronoun && !m.child && !self && !m.otherMember) {
    return { kind: 'summary', subject: { family: true } }
  }
  const subject = resolveSubject({ ...m, self }, input.ctx, { pool: 'all', self: 'subject' })
  return subject ? { kind: 'summary', subject } : undefined
}
