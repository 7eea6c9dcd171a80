import { findDrug, GENERIC_MEDS } from '../drugs.js'
import { cutAll, type Input } from '../grammar.js'
import { SLOT, slotHours, slotOf } from '../slots.js'
import { resolveSubject } from '../subject.js'
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
  if (!mention && generic.found.length === 0) return undefined
  // "my 8am meds" names a slot by its clock time, not when they were taken.
  if (CLOCK_SLOT.test(amounts.rest)) return undefined
  // "metformin pill" is one drug; "his pills and tylenol" is two things.
  if (generic.found.length > 1 || (mention && generic.found.length > 0 && !afterDrug(text, mention.drug.name)))
    return undefined
  const give = cutAll(generic.rest, GIVE)
  const take = cutAll(give.rest, TAKE)
  const said = { give: give.found.length > 0, take: take.found.length > 0 }
  // A drug with a verb or an amount is a dose; "morning pills" alone is not.
  if (!said.give && !said.take && !(mention && amounts.found.length > 0)) return undefined
  if (amounts.found.length > 1 || slots.found.length > 1 || (said.give && said.take)) return undefined
  const [a] = amounts.found
  const amount = a ? doseAmount(a) : undefined
  if (a && !amount) return undefined
  const slot = slotOf(slots.found[0]?.[1] ?? slots.found[0]?.[2])
  if (guessing(Boolean(mention), slot)) return undefined
  return { drug: mention?.drug, amount, slot, ...said, rest: take.rest }
}

/**
 * "gave tylenol this morning": a named drug with only a part of the day has no time to log; "took my
 * pills" with neither a drug nor a slot could be any of them. Both would be guesses: the agent asks.
 */
const guessing = (named: boolean, slot: DoseSlot | undefined) => named === Boolean(slot)

/** "gave tylenol 5ml", "grandpa took his morning pills", "just took my metformin", "motrin 2.5 ml at 3". */
export function parseDose(input: Input): LogCommand | undefined {
  const parts = doseParts(input.rest, input.ctx.medications)
  if (!parts) return undefined
  const taking = parts.take || /\bmy\b/.test(input.text)
  const subject = resolveSubject(input.mentions, input.ctx, {
    pool: 'all',
    self: taking ? 'subject' : 'actor',
    implicitSelf: parts.take,
  })
  const when = readWhen(parts.rest, input.clock, parts.slot ? { hours: slotHours(parts.slot) } : {})
  if (!subject || !when) return undefined
  const command: DoseLog = { kind: 'log_dose', subject, at: when.at }
  if (parts.drug) command.drug = parts.drug
  if (parts.amount) command.amount = parts.amount
  if (parts.slot) command.slot = parts.slot
  return command
}

const afterDrug = (text: string, name: string) =>
  new RegExp(String.raw`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\s+${GENERIC_MEDS}\b`).test(text)

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
