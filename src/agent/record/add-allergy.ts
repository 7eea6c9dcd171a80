import { isDomainError } from '../../domain/errors.js'
import { addAllergyTool } from '../../domain/medical/tools.js'
import type { GateOutcome } from '../../domain/safety/index.js'
import { runTool, type ToolContext } from '../../domain/tools.js'

/**
 * "Maya is allergic to penicillin", "Leo has a peanut allergy", "Maya is severely allergic to eggs —
 * hives", "allergy: amoxicillin for Maya": a parent or carer records an allergy by chat, so the dose
 * guard can read it (domain/safety/allergy.ts) without the assistant (docs/decisions/0036).
 *
 * Strict on purpose: a plain statement about a child in the record, one to three words per substance,
 * a reaction only in brackets or as a few words of symptoms. Anything else — a question ("…, can I give
 * him Motrin?"), a dose ("… - gave him motrin an hour ago"), a joke, "Maya is allergic to penicillin and
 * Leo to eggs", a message the red-flag gate acted on — goes on to the agent instead of being half-read.
 */
const NAME = "([\\p{L}][\\p{L}'’-]{0,30})"
const REST = '(.{1,90}?)'
const FORMS: { re: RegExp; name: number; rest: number; degree?: number; tail?: number }[] = [
  {
    re: new RegExp(
      `^${NAME}(?:\\s+is|['’]s)\\s+(?:(severely|very|badly|mildly|slightly)\\s+)?allergic\\s+to\\s+${REST}[.!]*$`,
      'iu',
    ),
    name: 1,
    degree: 2,
    rest: 3,
  },
  {
    re: new RegExp(`^${NAME}\\s+has\\s+(?:an?\\s+)?(?:(severe|mild|bad)\\s+)?${REST}\\s+allergy(.{0,70}?)[.!]*$`, 'iu'),
    name: 1,
    degree: 2,
    rest: 3,
    tail: 4,
  },
  {
    re: new RegExp(`^(?:add\\s+)?(?:an?\\s+)?allergy\\s*:?\\s+${REST}\\s+(?:for|to)\\s+${NAME}(.{0,70}?)[.!]*$`, 'iu'),
    name: 2,
    rest: 1,
    tail: 3,
  },
]

/** What a few words of reaction may say: symptoms, nothing else (no "can I…", no "gave…"). */
const REACTION =
  /^(?:(?:she|he|they|it)\s+)?(?:gets?|got|had|has|causes?|gave (?:her|him|them))?\s*(?:an?\s+)?(?:(?:bad|mild|severe|itchy|red|hives?|rash(?:es)?|swelling|swollen|swells|puffy|lips?|face|eyes|tongue|throat|vomiting|vomits|throwing up|wheez(?:e|ing)|itch(?:ing|y)?|eczema|diarrh?o?ea|tummy|stomach|ache|pain|breathing|trouble|problems?|anaphylaxis|anaphylactic|reaction|shock|blisters?|and|,|\s)+)$/i

/** Words that are not one substance: joiners, pronouns, hedges, jokes. */
const NOT_A_SUBSTANCE =
  /\b(?:to|is|are|was|her|his|their|him|them|she|he|when|if|but|not|no|none|nothing|anything|everything|something|think|maybe|probably|might|lol|haha|jk|waking|early|homework|mondays?)\b/i
/** "a food allergy", "a new allergy": a kind of allergy, not what she reacts to. */
const KIND_OF_ALLERGY =
  /^(?:food|drug|medicine|medication|bad|new|seasonal|skin|some|an?|the|weird|slight|severe|mild)$/i

/** Words that begin a sentence like a name but are about the sender or nobody in particular. */
const NOT_A_CHILD = new Set(['i', 'im', 'i’m', "i'm", 'she', 'he', 'it', 'who', 'what', 'which', 'is', 'are', 'my'])

/** Tiers where the gate acted on the message (an emergency, a fever, a dose): not a plain allergy statement. */
const QUIET_TIERS = new Set(['routine_log', 'not_a_red_flag'])

export async function addAllergyByChat(
  ctx: ToolContext,
  text: string,
  gate?: GateOutcome,
): Promise<string | undefined> {
  if (gate && !QUIET_TIERS.has(gate.tier)) return undefined
  const read = readAllergy(text.trim())
  if (!read || NOT_A_CHILD.has(read.name.toLowerCase())) return undefined
  try {
    const lines: string[] = []
    for (const substance of read.substances) {
      const out = await runTool(addAllergyTool, ctx, {
        dependent: read.name,
        substance,
        reaction: read.reaction,
        severity: read.severity,
      })
      lines.push(recordedWords(read.name, out))
      for (const plan of out.rulesOut) {
        lines.push(
          `⚠️ ${read.name}’s ${plan} is one this allergy rules out: check with the doctor before the next dose.`,
        )
      }
    }
    lines.push('It is on the visit summary, and I’ll warn anyone who logs or asks about a medicine it rules out.')
    return lines.join('\n')
  } catch (err) {
    // Not a child in the record ("Mom is allergic to cats"): for the agent, which knows the whole family.
    if (isDomainError(err) && err.code === 'not_found') return undefined
    throw err
  }
}

function recordedWords(
  name: string,
  a: { substance: string; reaction: string | null; severity: string | null; recorded: 'new' | 'updated' | 'already' },
): string {
  const kind = a.severity === 'severe' ? 'a severe allergy' : 'an allergy'
  const reaction = a.reaction ? ` (${a.reaction})` : ''
  if (a.recorded === 'already') return `Already on record: ${name} has ${kind} to ${a.substance}${reaction}.`
  if (a.recorded === 'updated') return `Updated: ${name} has ${kind} to ${a.substance}${reaction}.`
  return `Recorded: ${name} has ${kind} to ${a.substance}${reaction}.`
}

interface ReadAllergy {
  name: string
  substances: string[]
  reaction?: string
  severity?: 'mild' | 'severe'
}

export function readAllergy(text: string): ReadAllergy | undefined {
  if (text.includes('?') || /\d/.test(text)) return undefined
  for (const form of FORMS) {
    const m = form.re.exec(text)
    if (m) return fromMatch(form, m)
  }
  return undefined
}

function fromMatch(form: (typeof FORMS)[number], m: RegExpExecArray): ReadAllergy | undefined {
  const name = m[form.name]
  // The reaction is in the substance part ("…allergic to penicillin (hives)") or after "allergy".
  const parts = form.tail
    ? { items: m[form.rest] ?? '', reaction: reactionOf(m[form.tail] ?? '') }
    : split(m[form.rest] ?? '')
  if (!name || !parts || parts.reaction === null) return undefined
  const substances = substancesOf(parts.items)
  if (!substances) return undefined
  const severity = severityOf(form.degree ? m[form.degree] : undefined)
  return {
    name,
    substances,
    ...(parts.reaction ? { reaction: parts.reaction } : {}),
    ...(severity ? { severity } : {}),
  }
}

const severityOf = (degree: string | undefined): 'mild' | 'severe' | undefined =>
  /^(?:severe|severely|very|bad|badly)$/i.test(degree ?? '')
    ? 'severe'
    : /^(?:mild|mildly|slightly)$/i.test(degree ?? '')
      ? 'mild'
      : undefined

/** A reaction after the substances: "(hives)", ", she gets hives", " - rash"; null when it is not one. */
function reactionOf(tail: string): string | undefined | null {
  const t = tail.trim()
  if (!t) return undefined
  const bracket = /^\(([^()]{1,60})\)$/.exec(t)
  const words = bracket
    ? bracket[1]
    : /^(?:[,;:—–]|\s-|-\s)\s*(.+)$/.exec(` ${t}`.trim().replace(/^-(?=\S)/, '- '))?.[1]
  const reaction = words?.trim()
  return reaction && REACTION.test(reaction) ? reaction : null
}

/** "penicillin (hives)" / "penicillin, she gets hives" / "penicillin and peanuts": the items and a reaction. */
function split(rest: string): { items: string; reaction?: string } | undefined {
  const bracket = /^(.*?)\s*\(([^()]{1,60})\)$/.exec(rest)
  if (bracket) return REACTION.test(bracket[2] ?? '') ? { items: bracket[1] ?? '', reaction: bracket[2] } : undefined
  // The last separator whose words after it are symptoms; else it is all substances ("eggs, milk").
  const seps = [...rest.matchAll(/\s*(?:[,;:—–]|\s-\s)\s*/g)].reverse()
  for (const sep of seps) {
    const after = rest.slice((sep.index ?? 0) + sep[0].length)
    if (REACTION.test(after)) return { items: rest.slice(0, sep.index), reaction: after.trim() }
  }
  return { items: rest }
}

/** "penicillin", "penicillin and peanuts", "tree nuts, eggs & milk": each one to three words, or undefined. */
function substancesOf(raw: string): string[] | undefined {
  if (NOT_A_SUBSTANCE.test(raw)) return undefined
  const items = raw
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((s) => s.trim().replace(/^(?:the|a|an)\s+/i, ''))
    .filter(Boolean)
  if (!items.length || items.length > 5) return undefined
  const ok = items.every((s) => s.split(/\s+/).length <= 3 && !KIND_OF_ALLERGY.test(s))
  return ok ? items : undefined
}
