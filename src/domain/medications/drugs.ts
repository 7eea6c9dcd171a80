import { DRUG_NAMES } from './drug-names.js'

/**
 * The generic behind what people type, so a dose of "Calpol" and one of "infant Tylenol" count as the
 * same drug when the dose guard checks the interval (health-facts §8: "counting every brand").
 * Brands from health-facts §2 (Tylenol, Calpol, Panadol; Motrin, Advil, Nurofen) and the shared table
 * in drug-names.ts.
 */
const BRANDS = new Map<string, string>()
for (const [key, names] of Object.entries(DRUG_NAMES)) for (const n of names) BRANDS.set(n, key)

/** Words that describe a product line, not the drug: "infant", "children's", "extra strength". */
const QUALIFIERS =
  /\b(infants?'?|children'?s?|kids?'?|junior|jr|extra|strength|liquid|suspension|drops|chewables?|tablets?|syrup)\b/g

/** "Infant Tylenol" → "acetaminophen"; "Metformin 500mg" → "metformin". */
export function drugKey(name: string): string {
  const words = name
    .toLowerCase()
    .replace(QUALIFIERS, ' ')
    .replace(/\d+(\.\d+)?\s*(mg|ml|mcg|g)\b.*/g, ' ')
    .replace(/[^a-z\s-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  const phrase = words.join(' ')
  const whole = BRANDS.get(phrase)
  if (whole) return whole
  for (const w of words) {
    const generic = BRANDS.get(w)
    if (generic) return generic
  }
  return phrase
}
