/**
 * Reads a dose of acetaminophen, ibuprofen or aspirin out of a message: which drug (brands and misspellings
 * too), which product, how much, whether it was given or is being asked about, and how long ago.
 */
import { editDistance, isNegated, isQuestion, sentences, subjectBefore, windowBefore } from './text.js'

export type GuardedDrug = 'acetaminophen' | 'ibuprofen' | 'aspirin'

// health-facts.json `dosing.acetaminophen.aliases` and `dosing.ibuprofen.aliases`, plus misspellings seen in texts.
// Words that are matched fuzzily (one edit; two for nine letters or more) are marked `true`.
// biome-ignore format: alias tables read better packed
const ALIASES: Record<GuardedDrug, Record<string, boolean>> = {
  acetaminophen: {
    acetaminophen: true, paracetamol: true, tylenol: true, calpol: true, panadol: true,
    tempra: false, feverall: false, actamin: false, apap: false, tylenal: false, tylonol: false, tylanol: false,
    tyenol: false, tylnol: false, acetaminophin: false, acetominophen: false, acetaminofen: false,
    paracetemol: false, paracetomol: false, paracetamal: false, calpal: false,
  },
  ibuprofen: {
    ibuprofen: true, motrin: true, nurofen: true, calprofen: true,
    advil: false, brufen: false, ibu: false, ibuprofin: false, ibuprophen: false, ibuprofan: false,
    iboprofen: false, ibroprofen: false, motrim: false, advill: false, neurofen: false,
  },
  // DOSE-NO-ASPIRIN — [LVP-DOSING] "Aspirin should not be used in children to treat fever or pain".
  aspirin: { aspirin: true, asprin: false, aspirn: false, bayer: false },
}

const WORD_TO_DRUG = new Map<string, GuardedDrug>()
const FUZZY: [string, GuardedDrug][] = []
for (const [drug, words] of Object.entries(ALIASES) as [GuardedDrug, Record<string, boolean>][]) {
  for (const [w, fuzzy] of Object.entries(words)) {
    WORD_TO_DRUG.set(w, drug)
    if (fuzzy) FUZZY.push([w, drug])
  }
}

/** The drug a single word names, allowing small misspellings of the main names ("tylenal", "ibuprophen"). */
export function drugOfWord(word: string): GuardedDrug | undefined {
  const w = word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word
  const exact = WORD_TO_DRUG.get(w) ?? WORD_TO_DRUG.get(word)
  if (exact || w.length < 6) return exact
  for (const [alias, drug] of FUZZY) {
    // Misspellings keep the first letter ("tylenal", "ibuprophen"); checking it first saves most comparisons.
    if (alias[0] !== w[0]) continue
    const max = alias.length >= 9 ? 2 : 1
    if (editDistance(w, alias, max) <= max) return drug
  }
  return undefined
}

export interface DoseMention {
  drug: GuardedDrug
  /** The word the sender used ("tylenol"), for the reply. */
  word: string
  intent: 'given' | 'asked'
  ml?: number
  mg?: number
  /** A strength written in the message ("160mg/5ml"), in mg per mL. */
  mgPerMl?: number
  /** Product words: infant(s), drops, children's, six plus. */
  infant: boolean
  children: boolean
  sixPlus: boolean
  /** "20 min ago" → 20. */
  minutesAgo?: number
}

const STRENGTH = /(\d+(?:\.\d+)?)\s?mg\s?(?:\/|per|in|every)\s?(\d+(?:\.\d+)?)?\s?(?:ml|mls|cc)\b/
const MG = /(\d+(?:\.\d+)?)\s?(?:mg|milligrams?)\b/
const ML = /(\d+(?:\.\d+)?)\s?(?:ml|mls|millilit(?:er|re)s?|cc)\b/
// CONV-TSP — [AAP-APAP-TABLE] via [GOTOMV]: 1 level teaspoon = 5 mL; ½ tsp = 2.5 mL.
export const TSP_ML = 5
const TSP = /(?:(\d+(?:\.\d+)?)(?: (1[/⁄]2))?|(1[/⁄]2|half(?: a)?|a|one|two))\s?(?:tsp|tspn|teaspoons?)\b/
const AGO = /\b(\d+|a|an|one|two|three|half an?)\s?(mins?|minutes?|hrs?|hours?|h)\s?ago\b/
const ASK =
  /\b(?:can (?:i|we|she|he|they|you)|could (?:i|we|she|he)|should (?:i|we)|is it (?:ok|okay|safe|too soon|alright|fine)|(?:ok|okay|safe) to give|when can|how much|allowed|too soon|too early|due for|time for|more)\b/
const ASK_TO_GIVE = /\b(?:can (?:i|we)|could (?:i|we)|should (?:i|we)|ok to give|okay to give|safe to give|more)\b/
const GIVE =
  /\b(?:gave|given|give|giving|administered|dosed|had|has had|took|taken|got|just did|been given|dose of)\b|\bat \d/
// A question about the record, not about giving: "when was her last tylenol?", "did anyone give Sam tylenol?".
const QUERY_LAST =
  /\b(?:when (?:was|did)|what time (?:was|did)|how long (?:ago|since)|(?:did|has|have|was|were) (?:anyone|anybody|someone|somebody|you|he|she|they|we|\p{L}+) (?:give|given|get|gotten|had|have|been given))\b/u

/** Every guarded drug mentioned as a dose given or asked about; mentions that are negated or only queries are left out. */
export function findDoses(normalised: string, names: string[] = []): DoseMention[] {
  const out: DoseMention[] = []
  for (const s of sentences(normalised)) {
    for (const m of s.text.matchAll(/\p{L}+/gu)) {
      const drug = drugOfWord(m[0])
      if (!drug || out.some((d) => d.drug === drug)) continue
      const index = m.index ?? 0
      if (notADose(s.text, index, m[0], names)) continue
      const mention = readMention(drug, m[0], s.text, normalised)
      if (mention) out.push(mention)
    }
  }
  return out
}

/** A drug word that is not a dose to check: "aspirin-free", "didn't give tylenol", "when was her last…", "I took". */
function notADose(sentence: string, index: number, word: string, names: string[]): boolean {
  // "aspirin-free Excedrin", "acetaminophen free": the product does not contain it.
  if (/^[-\s]?free\b/.test(sentence.slice(index + word.length))) return true
  if (isNegated(windowBefore(sentence, index))) return true
  if (QUERY_LAST.test(sentence) && !ASK_TO_GIVE.test(sentence)) return true
  return takenBySender(sentence, index, names)
}

/**
 * The sender's own dose ("I took Tylenol for my headache", "took my advil") is not a dependent's: the gate
 * guards the dependents' doses. A caregiver's "gave her tylenol" is.
 */
function takenBySender(sentence: string, index: number, names: string[]): boolean {
  if (/\b(?:gave|give|giving|given)\b/.test(sentence)) return false
  const subject = subjectBefore(sentence, index, names)
  return subject !== 'other' && /\b(?:took|take|taking|taken|had)\b/.test(sentence)
}

function readMention(drug: GuardedDrug, word: string, sentence: string, whole: string): DoseMention | undefined {
  const strength = STRENGTH.exec(sentence)
  const withoutStrength = strength ? sentence.replace(strength[0], ' ') : sentence
  const mg = MG.exec(withoutStrength)
  const ml = ML.exec(withoutStrength) ?? undefined
  const tsp = TSP.exec(withoutStrength) ?? undefined
  const ago = AGO.exec(sentence) ?? undefined
  const asked = isQuestion(sentence.trim()) || isQuestion(whole) || ASK.test(sentence)
  const given = GIVE.test(sentence) || Boolean(ml || mg || tsp || ago)
  if (!asked && !given) return undefined
  const volume = ml ? Number(ml[1]) : tsp ? teaspoons(tsp) * TSP_ML : undefined
  return {
    drug,
    word,
    intent: asked && !/\b(?:gave|given|administered|dosed|took|just did)\b/.test(sentence) ? 'asked' : 'given',
    ...(volume !== undefined ? { ml: volume } : {}),
    ...(mg ? { mg: Number(mg[1]) } : {}),
    ...(strength ? { mgPerMl: Number(strength[1]) / Number(strength[2] ?? 1) } : {}),
    infant: /\b(?:infants?|drops)\b/.test(sentence),
    children: /\b(?:childrens?|kids|junior|jr)\b/.test(sentence),
    sixPlus: /\b(?:six plus|6 ?plus|6\+)/.test(sentence),
    ...(ago ? { minutesAgo: minutes(ago) } : {}),
  }
}

function teaspoons(m: RegExpExecArray): number {
  const whole = m[1] ? Number(m[1]) : 0
  if (m[2]) return whole + 0.5
  if (m[1]) return whole
  const w = m[3] ?? ''
  return w.startsWith('1') || w.startsWith('half') ? 0.5 : w === 'two' ? 2 : 1
}

function minutes(m: RegExpExecArray): number {
  const n = m[1]?.startsWith('half') ? 0.5 : Number(m[1]) || (m[1] === 'two' ? 2 : m[1] === 'three' ? 3 : 1)
  return /^h/.test(m[2] ?? '') ? n * 60 : n
}
