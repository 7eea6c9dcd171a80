/**
 * Does a recorded allergy rule out a drug? Pure, deterministic, and deliberately cautious: a match only
 * ever produces a warning to ask a doctor or pharmacist first (and an alert to the parents when a dose
 * was given), never a silent refusal. The families' words are free text ("penicillin", "Motrin",
 * "NSAIDs"), so a substance is read through the same brand table as doses (drug-names.ts), plus the
 * drug groups the products' own labels name:
 *
 * - [AMOX-LABEL] amoxicillin (DailyMed, amoxicillin capsules, §4 Contraindications): "contraindicated in
 *   patients who have experienced a serious hypersensitivity reaction … to amoxicillin … or to other
 *   β-lactam antibacterial drugs (e.g., penicillins and cephalosporins)"; §5.1: "careful inquiry should
 *   be made regarding previous hypersensitivity reactions to penicillins, cephalosporins". Augmentin is
 *   amoxicillin with clavulanate. https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=f049551b-4708-eb13-e053-2a95a90afd1f
 * - [CEPH-BETALACTAM] the same label: "individuals with a history of penicillin hypersensitivity who have
 *   experienced severe reactions when treated with cephalosporins" — so cephalexin after a penicillin
 *   allergy is a question for the doctor.
 * - [IBU-OTC-LABEL] ibuprofen OTC Drug Facts: "Do not use if you have ever had an allergic reaction to any
 *   other pain reliever/fever reducer"; "Allergy alert: Ibuprofen may cause a severe allergic reaction,
 *   especially in people allergic to aspirin"; it lists "other drugs containing an NSAID [aspirin,
 *   ibuprofen, naproxen, or others]". http://www.directoryofdrugs.com/ibuprofen.htm (label text)
 * - [APAP-OTC-LABEL] children's acetaminophen Drug Facts: "Do not use … if your child is allergic to
 *   acetaminophen" — the same drug only. https://drugs-library.com/drugs/acetaminophen_36f1d428.html
 *
 * See docs/decisions/0036-allergy-checks.md.
 */
import { drugKey } from '../medications/drugs.js'

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

interface Group {
  /** What an allergy says when it covers the drugs below. */
  names: RegExp
  drugs: string[]
  why: string
}

const PENICILLINS = /\b(?:penicillins?|pcn|amoxicillin|amoxil|augmentin|ampicillin|beta[- ]?lactams?|β[- ]?lactams?)\b/
const PAIN_RELIEVERS =
  /\b(?:nsaids?|non-?steroidal|anti-?inflammator(?:y|ies)|aspirin|naproxen|aleve|acetaminophen|paracetamol|tylenol|calpol|panadol|pain ?relievers?|pain ?killers?|fever ?reducers?)\b/

const GROUPS: Group[] = [
  // [AMOX-LABEL]
  {
    names: PENICILLINS,
    drugs: ['amoxicillin', 'amoxicillin-clavulanate'],
    why: 'amoxicillin is a penicillin',
  },
  // [CEPH-BETALACTAM]
  {
    names: /\b(?:penicillins?|pcn|amoxicillin|amoxil|augmentin|cephalosporins?|beta[- ]?lactams?|β[- ]?lactams?)\b/,
    drugs: ['cephalexin'],
    why: 'people allergic to penicillin have reacted to cephalosporins like cephalexin',
  },
  // [IBU-OTC-LABEL]
  {
    names: PAIN_RELIEVERS,
    drugs: ['ibuprofen'],
    why: 'ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer',
  },
  // [IBU-OTC-LABEL]: aspirin is one of the NSAIDs the label lists with ibuprofen and naproxen.
  {
    names: /\b(?:nsaids?|non-?steroidal|ibuprofen|motrin|advil|nurofen|naproxen|aleve)\b/,
    drugs: ['aspirin'],
    why: 'aspirin is an NSAID like ibuprofen',
  },
]

/** The first recorded allergy that rules out `drug` (a drug key or a name as typed), or undefined. */
export function allergyConflict(drug: string, allergies: readonly AllergyRecord[]): AllergyConflict | undefined {
  const key = drugKey(drug)
  // The drug itself, by any of its names ("Motrin" for ibuprofen) [APAP-OTC-LABEL], [AMOX-LABEL].
  const same = allergies.find((a) => drugKey(a.substance) === key || namesDrug(a.substance, key))
  if (same) return { allergy: same, drug: key, why: '' }
  for (const g of GROUPS) {
    if (!g.drugs.includes(key)) continue
    const allergy = allergies.find((a) => g.names.test(a.substance.toLowerCase()))
    if (allergy) return { allergy, drug: key, why: g.why }
  }
  return undefined
}

/** "an allergy to Tylenol and latex" names acetaminophen: any word of the substance that is the drug. */
function namesDrug(substance: string, key: string): boolean {
  return substance
    .toLowerCase()
    .split(/[^a-z-]+/)
    .some((w) => w.length > 2 && drugKey(w) === key)
}

/** "penicillin (hives)" — what the record says, for a reply. */
export function allergyText(a: AllergyRecord): string {
  return a.reaction ? `${a.substance} (${a.reaction})` : a.substance
}
