import { findDrug, GENERIC_MEDS } from '../drugs.js'
import { cutAll, type Input } from '../grammar.js'
import { SLOT, SLOT_WORD, slotHours, slotOf } from '../slots.js'
import { isChild, resolveSubject } from '../subject.js'
import type { DoseAmount, DoseSlot, DoseUnit, DrugRef, LogCommand } from '../types.js'
import { ML_PER_TBSP, ML_PER_TSP, NUM, round, toNumber } from '../units.js'
import { readWhen } from '../when.js'

type DoseLog = Extract<LogCommand, { kind: 'log_dose' }>

const AMOUNT = new RegExp(
  String.raw`(${NUM})\s*(ml|mg|mcg|tsp|tbsp|tablets?|tabs?|capsules?|caps?|drops?|puffs?|units?)\b`,
  'g',
)
const GIVE = /\b(?:gave|given|administered|dosed|got)\b/g
const TAKE = /\b(?:took|taken|had)\b/g
/** "amox done", "✅ metformin" (normalized to "done"): the dose happened, whoever gave it. */
const DONE = /\b(?:done)\b/g
const SLOTS = new RegExp(String.raw`\b${SLOT}\b|\b(am|pm)(?=\s+${GENERIC_MEDS}\b)`, 'g')
const CLOCK_SLOT = new RegExp(`\\d(?::\\d\\d)?\\s*(?:am|pm)?\\s+${GENERIC_MEDS}\\b`)
const GENERIC = new RegExp(String.raw`\b${GENERIC_MEDS}\b`, 'g')

/** Amounts a single dose can plausibly be, by unit; outside them the message goes to the agent. */
const LIMITS: Record<DoseUnit, [number, number]> = {
  ml: [0.1, 30],
  tsp: [0.25, 4],
  tbsp: [0.5, 2],
  mg: [1, 2000],
  mcg: [1, 5000],
  tablet: [0.5, 4],
  capsule: [1, 4],
  drop: [1, 30],
  puff: [1, 10],
  unit: [1, 100],
}

/** What a dose message says besides who and when, and the text left for the time. */
interface DoseParts {
  drug?: DrugRef
  amount?: DoseAmount
  slot?: DoseSlot
  give: boolean
  take: boolean
  done: boolean
  /** A number right after the drug with no unit ("maya tylenol 2.5", "metformin 500"): read once the subject is known. */
  bare?: number
  rest: string
}

/**
 * A drug or "my pills", with a verb or an amount. Undefined for two drugs, two amounts, "gave" and
 * "took" together, "his pills and tylenol" (two things, one would be lost) or an implausible amount.
 */
function doseParts(text: string, family: string[] | undefined): DoseParts | undefined {
  const mention = findDrug(text, family)
  if (mention === 'many') return undefined
  const amounts = cutAll(mention?.rest ?? text, AMOUNT)
  const slots = cutAll(amounts.rest, SLOTS)
  const generic = cutAll(slots.rest, GENERIC)
  if (unclear(text, amounts.rest, mention?.drug, generic.found.length)) return undefined
  const verbs = doseVerbs(generic.rest)
  const bare = mention && amounts.found.length === 0 ? bareAfter(text, mention.drug.name, verbs.rest) : undefined
  const { said } = verbs
  // A drug with a verb or an amount is a dose; "morning pills" alone is not.
  const hasAmount = amounts.found.length > 0 || bare !== undefined
  if (!said.give && !said.take && !said.done && !(mention && hasAmount)) return undefined
  if (amounts.found.length > 1 || slots.found.length > 1 || (said.give && said.take)) return undefined
  const [a] = amounts.found
  const amount = a ? doseAmount(a) : undefined
  if (a && !amount) return undefined
  const slot = slotOf(slots.found[0]?.[1] ?? slots.found[0]?.[2])
  if (guessing(text, mention?.drug, slot)) return undefined
  return { drug: mention?.drug, amount, slot, ...said, bare: bare?.value, rest: bare?.rest ?? verbs.rest }
}

/**
 * Neither a drug nor "meds"; "my 8am meds" (a slot by its clock time, not when they were taken); "his
 * pills and tylenol" (two things; "metformin pill" is one drug).
 */
function unclear(text: string, withoutAmounts: string, drug: DrugRef | undefined, generics: number): boolean {
  if (!drug && generics === 0) return true
  if (CLOCK_SLOT.test(withoutAmounts)) return true
  return generics > 1 || (drug !== undefined && generics > 0 && !afterDrug(text, drug.name))
}

/** Which of "gave", "took" and "done" the text says, and the text without them. */
function doseVerbs(text: string): { said: Pick<DoseParts, 'give' | 'take' | 'done'>; rest: string } {
  const give = cutAll(text, GIVE)
  const take = cutAll(give.rest, TAKE)
  const done = cutAll(take.rest, DONE)
  return {
    said: { give: give.found.length > 0, take: take.found.length > 0, done: done.found.length > 0 },
    rest: done.rest,
  }
}

/**
 * A unitless number right after the drug's name in `text` ("tylenol 2.5", not "tylenol at 3" or "tylenol
 * 3pm"), and `rest` (the text left for the time) without it.
 */
function bareAfter(text: string, name: string, rest: string): { value: number; rest: string } | undefined {
  const after = new RegExp(
    String.raw`\b${escapeRegExp(name)}\s+(${NUM})(?![\d:./])(?!\s*(?:am|pm|min|mins|h|hrs?|hours?|ago)\b)`,
  )
  const typed = after.exec(text)?.[1]
  const value = toNumber(typed ?? '')
  if (typed === undefined || value === undefined) return undefined
  const cut = rest.replace(new RegExp(String.raw`(?<![\d.])${escapeRegExp(typed)}(?![\d.])`), ' ')
  return cut === rest ? undefined : { value, rest: cut }
}

/**
 * A unitless dose (health-facts §0 and the corpus conventions): 50 and up is mg ("metformin 500"); a small
 * number is ml of a liquid, which only a child's dose is sure to be ("maya tylenol 2.5"). Between, or a
 * small number for an adult or for nobody named, is not guessed.
 */
function bareAmount(value: number, forChild: boolean): DoseAmount | undefined {
  if (value >= 50 && value <= LIMITS.mg[1]) return { value, unit: 'mg' }
  if (forChild && value >= 0.5 && value <= 15) return { value, unit: 'ml', ml: value }
  return undefined
}

/**
 * "gave tylenol this morning": a named drug with only a part of the day has no time to log; "took my
 * pills" with neither a drug nor a slot could be any of them. Both would be guesses: the agent asks.
 * A slot word right before the drug ("morning metformin done") names which dose, not when: no guess.
 */
function guessing(text: string, drug: DrugRef | undefined, slot: DoseSlot | undefined): boolean {
  if (!slot || !drug) return !slot && !drug
  return !new RegExp(String.raw`(?<!\bthis\s+)\b${SLOT_WORD}\s+${escapeRegExp(drug.name)}\b`).test(text)
}

/** "gave tylenol 5ml", "grandpa took his morning pills", "just took my metformin", "motrin 2.5 ml at 3". */
export function parseDose(input: Input): LogCommand | undefined {
  const parts = doseParts(input.rest, input.ctx.medications)
  if (!parts) return undefined
  const taking = parts.take || parts.done || /\bmy\b/.test(input.text)
  const subject = resolveSubject(input.mentions, input.ctx, {
    pool: 'all',
    self: taking ? 'subject' : 'actor',
    implicitSelf: parts.take || parts.done,
  })
  const when = readWhen(parts.rest, input.clock, parts.slot ? { hours: slotHours(parts.slot) } : {})
  if (!subject || !when) return undefined
  const amount = parts.bare === undefined ? parts.amount : bareAmount(parts.bare, isChild(subject, input.ctx))
  if (parts.bare !== undefined && !amount) return undefined
  const command: DoseLog = { kind: 'log_dose', subject, at: when.at }
  if (parts.drug) command.drug = parts.drug
  if (amount) command.amount = amount
  if (parts.slot) command.slot = parts.slot
  return command
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const afterDrug = (text: string, name: string) =>
  new RegExp(String.raw`${escapeRegExp(name)}\s+${GENERIC_MEDS}\b`).test(text)

function unitOf(word: string): DoseUnit {
  if (word.startsWith('tab')) return 'tablet'
  if (word.startsWith('cap')) return 'capsule'
  if (word.startsWith('drop')) return 'drop'
  if (word.startsWith('puff')) return 'puff'
  if (word.startsWith('unit')) return 'unit'
  return word as DoseUnit
}

function doseAmount(m: RegExpExecArray): DoseAmount | undefined {
  const value = toNumber(m[1] ?? '')
  const unit = unitOf(m[2] ?? '')
  const [lo, hi] = LIMITS[unit]
  if (value === undefined || !(value >= lo && value <= hi)) return undefined
  const amount: DoseAmount = { value, unit }
  if (unit === 'ml') amount.ml = value
  if (unit === 'tsp') amount.ml = round(value * ML_PER_TSP, 2)
  if (unit === 'tbsp') amount.ml = round(value * ML_PER_TBSP, 2)
  return amount
}
