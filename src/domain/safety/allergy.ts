/**
 * Does a recorded allergy rule out a drug? Pure, deterministic, and deliberately cautious: a match only
 * ever produces a warning to ask a doctor or pharmacist first (and an alert to the parents when a dose
 * was given), never a silent refusal. The families' words are free text ("penicillin", "Motrin",
 * "NSAIDs", "Ibuprophen"), so both the allergy and the drug are read through the brand table doses use
 * (drug-names.ts), the dose guard's spelling-tolerant names (dose-parse.ts), and the drug groups the
 * products' own labels name:
 *
 * - [AMOX-LABEL] amoxicillin (DailyMed, amoxicillin capsules, §4 Contraindications): "contraindicated in
 *   patients who have experienced a serious hypersensitivity reaction … to amoxicillin … or to other
 *   β-lactam antibacterial drugs (e.g., penicillins and cephalosporins)"; §5.1: "careful inquiry should
 *   be made regarding previous hypersensitivity reactions to penicillins, cephalosporins"; "individuals
 *   with a history of penicillin hypersensitivity … have experienced severe reactions when treated with
 *   cephalosporins". Every penicillin (the -cillins: amoxicillin, ampicillin, penicillin V; Augmentin is
 *   amoxicillin with clavulanate) and cephalosporin (cef-/ceph-: cephalexin, cefdinir) is a β-lactam.
 *   https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=f049551b-4708-eb13-e053-2a95a90afd1f
 * - [IBU-OTC-LABEL] ibuprofen OTC Drug Facts: "Do not use if you have ever had an allergic reaction to any
 *   other pain reliever/fever reducer"; "Allergy alert: Ibuprofen may cause a severe allergic reaction,
 *   especially in people allergic to aspirin"; it lists "other drugs containing an NSAID [aspirin,
 *   ibuprofen, naproxen, or others]". http://www.directoryofdrugs.com/ibuprofen.htm (label text)
 * - [APAP-OTC-LABEL] children's acetaminophen Drug Facts: "Do not use … if your child is allergic to
 *   acetaminophen" — the same drug only. https://drugs-library.com/drugs/acetaminophen_36f1d428.html
 *
 * See docs/decisions/0036-allergy-checks.md.
 */
import { DRUG_NAMES } from '../medications/drug-names.js'
import { drugKey } from '../medications/drugs.js'
import { drugOfWord } from './dose-parse.js'

export interface AllergyRecord {
  substance: string
  reaction?: string | null
}

export interface AllergyConflict {
  allergy: AllergyRecord
  /** The drug key (drug-names.ts) it rules out. */
  drug: string
  /** Why, in a clause for a reply; empty when the allergy names the drug itself (any brand). */
  why: string
}

type DrugClass = 'penicillin' | 'cephalosporin' | 'nsaid' | 'pain_reliever'

/**
 * The drugs a text names: its whole phrase ("penicillin vk", known or not), and each word that is a
 * drug we know by any brand or spelling ("Motrin", "Ibuprophen"). Unknown single words ("vitamin",
 * "drops") are not drugs, so "vitamin E" never matches "Vitamin D drops".
 */
function drugsNamed(text: string): Set<string> {
  const lower = text.toLowerCase()
  const keys = new Set<string>()
  const whole = drugKey(lower)
  if (whole) keys.add(whole)
  for (const w of lower.split(/[^\p{L}-]+/u).filter((x) => x.length > 2)) {
    const key = drugKey(w)
    if (DRUG_NAMES[key]) keys.add(key)
    const guarded = drugOfWord(w)
    if (guarded) keys.add(guarded)
  }
  return keys
}

// [AMOX-LABEL]: the -cillins and Augmentin; cef-/ceph- names and the common brands of cephalosporins.
const PENICILLIN =
  /cill?ins?\b|\bamox\b|\baugmentin\b|\bco-?amoxiclav\b|\bamox-?clav\b|\bpen(?:icillin)? ?v ?k\b|\bpcn\b/u
const CEPHALOSPORIN = /\bce(?:f|ph)\p{L}+|\bkeflex\b|\bomnicef\b|\bceftin\b|\bsuprax\b|\bduricef\b/u
const BETA_LACTAM = /(?:beta|β)[- ]?lactams?/u
// [IBU-OTC-LABEL]: "other drugs containing an NSAID [aspirin, ibuprofen, naproxen, or others]".
const NSAID_WORDS =
  /\bnsaids?\b|\bnon-?steroidal\b|\banti-?inflammator(?:y|ies)\b|\bnaproxen\b|\baleve\b|\bcelecoxib\b/u
const PAIN_RELIEVER_WORDS = /\bpain ?(?:relievers?|killers?|medicines?)\b|\bfever ?reducers?\b/u
const NSAID_KEYS = new Set(['ibuprofen', 'aspirin'])
const PAIN_RELIEVER_KEYS = new Set(['ibuprofen', 'aspirin', 'acetaminophen'])

function classesOf(text: string, named: Set<string>): Set<DrugClass> {
  const lower = text.toLowerCase()
  const out = new Set<DrugClass>()
  const keys = [...named]
  if (PENICILLIN.test(lower) || keys.some((k) => /cill?in/.test(k))) out.add('penicillin')
  if (CEPHALOSPORIN.test(lower) || keys.some((k) => CEPHALOSPORIN.test(k))) out.add('cephalosporin')
  if (NSAID_WORDS.test(lower) || keys.some((k) => NSAID_KEYS.has(k))) out.add('nsaid')
  if (out.has('nsaid') || PAIN_RELIEVER_WORDS.test(lower) || keys.some((k) => PAIN_RELIEVER_KEYS.has(k))) {
    out.add('pain_reliever')
  }
  return out
}

interface Rule {
  /** The drug's class (or ibuprofen itself, whose label names every pain reliever). */
  drug: DrugClass | 'ibuprofen'
  /** Whether an allergy with these classes rules it out, and why, in a clause; undefined when it does not. */
  why: (drug: string, allergy: Set<DrugClass>, text: string) => string | undefined
}

const betaLactam = (c: Set<DrugClass>, text: string) =>
  c.has('penicillin') || c.has('cephalosporin') || BETA_LACTAM.test(text)

const RULES: Rule[] = [
  // [AMOX-LABEL]
  {
    drug: 'penicillin',
    why: (d, c, t) =>
      c.has('penicillin') ? `${d} is a penicillin` : betaLactam(c, t) ? `${d} is a penicillin, a β-lactam` : undefined,
  },
  {
    drug: 'cephalosporin',
    why: (d, c, t) =>
      c.has('cephalosporin')
        ? `${d} is a cephalosporin`
        : betaLactam(c, t)
          ? `people allergic to penicillin have reacted to cephalosporins like ${d}`
          : undefined,
  },
  // [IBU-OTC-LABEL]
  {
    drug: 'ibuprofen',
    why: (_, c) =>
      c.has('pain_reliever')
        ? 'ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer'
        : undefined,
  },
  { drug: 'nsaid', why: (d, c) => (c.has('nsaid') ? `${d} is an NSAID` : undefined) },
]

/**
 * The first recorded allergy that rules out `drug` (a drug key, or a name as typed: "Penicillin VK 250",
 * "Motrin"), or undefined.
 */
export function allergyConflict(drug: string, allergies: readonly AllergyRecord[]): AllergyConflict | undefined {
  const key = drugKey(drug)
  const drugNames = drugsNamed(drug)
  if (!key && drugNames.size === 0) return undefined
  const label = key || drug.toLowerCase()
  // The drug itself, by any of its names or spellings [APAP-OTC-LABEL], [AMOX-LABEL].
  const same = allergies.find((a) => {
    const named = drugsNamed(a.substance)
    return [...drugNames].some((k) => named.has(k))
  })
  if (same) return { allergy: same, drug: label, why: '' }
  const drugClasses = classesOf(drug, drugNames)
  const isIbuprofen = drugNames.has('ibuprofen')
  for (const rule of RULES) {
    const applies = rule.drug === 'ibuprofen' ? isIbuprofen : drugClasses.has(rule.drug)
    if (!applies) continue
    for (const allergy of allergies) {
      const why = rule.why(
        label,
        classesOf(allergy.substance, drugsNamed(allergy.substance)),
        allergy.substance.toLowerCase(),
      )
      if (why) return { allergy, drug: label, why }
    }
  }
  return undefined
}

/** "penicillin (hives)" — what the record says, for a reply. */
export function allergyText(a: AllergyRecord): string {
  return a.reaction ? `${a.substance} (${a.reaction})` : a.substance
}
