/**
 * The generic behind what people type, so a dose of "Calpol" and one of "infant Tylenol" count as the
 * same drug when the dose guard checks the interval (health-facts §8: "counting every brand").
 * Brands from health-facts §2 (Tylenol, Calpol, Panadol; Motrin, Advil, Nurofen).
 */
const BRANDS: Record<string, string> = {
  tylenol: 'acetaminophen',
  calpol: 'acetaminophen',
  panadol: 'acetaminophen',
  paracetamol: 'acetaminophen',
  acetaminophen: 'acetaminophen',
  apap: 'acetaminophen',
  motrin: 'ibuprofen',
  advil: 'ibuprofen',
  nurofen: 'ibuprofen',
  ibuprofen: 'ibuprofen',
}

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
  for (const w of words) {
    const generic = BRANDS[w]
    if (generic) return generic
  }
  return words.join(' ')
}
