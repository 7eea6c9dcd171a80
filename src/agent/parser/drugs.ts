import { DRUG_NAMES } from '../../domain/medications/drug-names.js'
import { editDistance } from '../../domain/safety/text.js'
import type { DrugRef } from './types.js'

/** Product-line words around a name: "infant tylenol", "children's motrin" are still the same drug. */
const QUALIFIER = /^(?:(?:infants?|infant's|children's|childrens|kids|junior|extra strength|liquid)\s+)+/

const KNOWN = new Map<string, string>()
for (const [key, names] of Object.entries(DRUG_NAMES)) for (const n of names) KNOWN.set(n, key)

/** The key of a family regimen's name: a known brand → its generic, else the name in lower case. */
export function keyOf(name: string): string {
  const n = name.toLowerCase().trim()
  return KNOWN.get(n) ?? KNOWN.get(n.replace(QUALIFIER, '')) ?? n
}

/**
 * The drug a phrase names, or undefined. Exact names first (built-in or the family's regimens), then one
 * typo: a single word of 5+ letters within edit distance 1 (2 from 9 letters; two swapped letters count
 * as one edit, "tyelnol") of exactly one known name. Two names equally close is two meanings: no guess.
 */
export function lookupDrug(phrase: string, family: string[] = []): DrugRef | undefined {
  const typed = phrase.trim().replace(/\s+/g, ' ')
  const bare = typed.replace(QUALIFIER, '')
  if (!bare) return undefined
  const regimens = new Map(family.map((n) => [n.toLowerCase().trim(), keyOf(n)]))
  const exact = KNOWN.get(bare) ?? regimens.get(bare)
  if (exact) return { name: typed, key: exact }
  if (!/^[a-z]{5,}$/.test(bare)) return undefined
  const limit = bare.length >= 9 ? 2 : 1
  const near = new Set<string>()
  let best = limit + 1
  for (const [name, key] of [...KNOWN, ...regimens]) {
    const d = editDistance(bare, name, limit)
    if (d < best) {
      best = d
      near.clear()
    }
    if (d === best) near.add(key)
  }
  const [key] = near
  return best <= limit && near.size === 1 && key ? { name: typed, key } : undefined
}

/** Words for "my medications" in general, without a drug: the regimen's scheduled doses. */
export const GENERIC_MEDS = `(?:pills|pill|meds|med|medication|medications|medicine|medicines|tablets|dose|doses)`

export interface DrugMention {
  drug: DrugRef
  /** The text with the drug's words cut out. */
  rest: string
}

/**
 * The one drug a text names ("gave infant tylenol 5 ml at 3" → tylenol), trying three-, two- and
 * one-word windows. Undefined when none is named; `many` when two different drugs are.
 */
export function findDrug(text: string, family: string[] = []): DrugMention | 'many' | undefined {
  const words = text
    .replace(/[,;!?()]|:(?!\d)/g, ' ')
    .split(' ')
    .filter((w) => w !== '')
  const found: { drug: DrugRef; from: number; to: number }[] = []
  for (let i = 0; i < words.length; ) {
    const hit = [3, 2, 1]
      .map((n) => ({ n, drug: lookupDrug(words.slice(i, i + n).join(' '), family) }))
      .find((h) => h.drug && i + h.n <= words.length)
    if (hit?.drug) {
      found.push({ drug: hit.drug, from: i, to: i + hit.n })
      i += hit.n
    } else i++
  }
  const keys = new Set(found.map((f) => f.drug.key))
  const [first] = found
  if (!first) return undefined
  if (keys.size > 1) return 'many'
  const rest = words.filter((_, i) => !found.some((f) => i >= f.from && i < f.to)).join(' ')
  return { drug: first.drug, rest }
}
