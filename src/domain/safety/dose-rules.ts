/**
 * DOSE-* limits — health-facts.md §2 and health-facts.json `dosing`. US AAP/FDA limits by default; en-GB
 * families get the NHS daily counts and minimum ages (§2.2 "Dosing gate choice").
 */
import type { DoseMention } from './dose-parse.js'
import { isUk, region } from './replies.js'
import type { Drug } from './types.js'

const HOUR = 3_600_000

export interface DrugLimits {
  /** Minimum time between two doses of the same drug, any brand, given by anyone. */
  intervalMs: number
  /** The most doses in any rolling 24 h, this one included. */
  max24h: number
  /** Youngest age in days. */
  minAgeDays: number
  /** The largest single dose in mg/kg. */
  maxMgPerKg: number
}

export function limitsFor(drug: Drug, locale: string, ageDays: number | undefined): DrugLimits {
  const uk = isUk(locale)
  if (drug === 'acetaminophen') {
    return {
      // DOSE-APAP-INTERVAL — [GOTOMV] "Repeat every 4–6 hours as needed"; [STANFORD-DOSING]; [NHS-PARA-CHILD] "at least 4 hours".
      intervalMs: 4 * HOUR,
      // DOSE-APAP-MAX24 — [FDA-OTC-APAP] "more than 5 doses in 24 hours, which is the maximum daily amount".
      // en-GB: [NHS-PARA-CHILD], [MHRA-2012] "up to 4 times a day"; at 2–3 months "up to 2 times a day".
      max24h: uk ? (ageDays !== undefined && ageDays < UK_APAP_FULL_DAYS ? 2 : 4) : 5,
      // DOSE-APAP-AGE — [CMG], [AAP-APAP-TABLE] "Do not use acetaminophen under 12 weeks" (§0: < 84 days).
      // en-GB: [NHS-PARA-CHILD] from 2 months (61 days), with the 2–3-month conditions below.
      minAgeDays: uk ? 61 : 84,
      // DOSE-APAP-MGKG — [AAP-ANTIPYRETIC-2011] "10 to 15 mg/kg per dose"; block above 15.
      maxMgPerKg: 15,
    }
  }
  return {
    // DOSE-IBU-INTERVAL — [LVP-DOSING], [MEDSCHOOL-PHARM] "every 6–8 hours". UK leaflets allow 4 h [CALPROFEN-SMPC];
    // §2.2: "The stricter of the two interval rules, 6 h for ibuprofen, may be kept everywhere" — kept.
    intervalMs: 6 * HOUR,
    // DOSE-IBU-MAX24 — [TPMG-HANDOUT] "Do not give your child more than 4 doses in 24 hours";
    // en-GB: [NHS-IBU-TABLE] 3 for most ages ("3–4" at 6–11 months and 12–17 years: the lower is kept).
    max24h: uk ? 3 : 4,
    // DOSE-IBU-AGE — [LVP-DOSING], [TPMG-HANDOUT] "Not to be used under 6 months" (183 days);
    // en-GB: [EMC-BOOTS-IBU], [CALPROFEN-SMPC] "3 months and over 5 kg".
    minAgeDays: uk ? 90 : 183,
    // DOSE-IBU-MGKG — [AMS-META] "5–10 mg/kg"; [HADASSAH-IBU]; block above 10.
    maxMgPerKg: 10,
  }
}

// DOSE-APAP-AGE (en-GB) — [NHS-PARA-CHILD]: from 2 months "if over 4 kg and born after 37 weeks: 2.5 mL, up to 2 times
// a day"; from 3 months the ordinary limits. Gestation is not in the record, so it is not checked.
export const UK_APAP_FULL_DAYS = 90
export const UK_APAP_2_3M = { minWeightKgExclusive: 4, maxMl: 2.5, mgPerMl: 24 }
// DOSE-IBU-AGE (en-GB) — [EMC-BOOTS-IBU], [CALPROFEN-SMPC]: "over 5 kg". Checked under 6 months, where it matters.
export const UK_IBU_MIN_WEIGHT_KG_EXCLUSIVE = 5

// DOSE-NO-ASPIRIN — [LVP-DOSING] "Aspirin should not be used in children". Under 18 years; an adult's daily
// aspirin (grandpa's) is not touched, and without a birth date the gate does not guess.
export const ASPIRIN_MIN_AGE_DAYS = 18 * 365

/**
 * mg per mL of the product the sender means: the strength written in the message, the product words in it
 * ("infant drops", "children's"), the strength on file for the dependent, or the locale's product from §2.1:
 * US acetaminophen 160 mg/5 mL [FDA-OTC-APAP]; UK infant paracetamol 120 mg/5 mL [NHS-PARA-CHILD], [MHRA-2012];
 * US infants' ibuprofen drops 50 mg/1.25 mL [FDA-OTC-IBU-INF]; children's ibuprofen 100 mg/5 mL [FDA-OTC-IBU-CH],
 * UK [EMC-BOOTS-IBU]. Returns every strength the words allow (two for US ibuprofen with no product named), or
 * none when the reference does not know the product (other countries, Calpol Six Plus).
 */
export function strengthsFor(drug: Drug, m: DoseMention, locale: string, onFile?: number): number[] {
  if (m.mgPerMl) return [m.mgPerMl]
  const r = region(locale)
  const us = r === 'US' || r === undefined
  if (drug === 'acetaminophen') {
    if (onFile) return [onFile]
    if (us) return [160 / 5]
    return r === 'GB' && !m.sixPlus ? [120 / 5] : []
  }
  if (us && m.infant && !m.children) return [50 / 1.25]
  if (us && m.children && !m.infant) return [100 / 5]
  if (onFile) return [onFile]
  if (r === 'GB') return [100 / 5]
  return us ? [100 / 5, 50 / 1.25] : []
}

// "Dose within the ceiling but above the weight-band dose → warn" (§2.2). US bands by lowest weight of the band (kg,
// derived from lb × 0.4536): acetaminophen [STANFORD-DOSING], [ALLINA-DOSING], [LVP-DOSING];
// ibuprofen [ALLINA-DOSING], [LVP-DOSING], [MEDLINEPLUS-IBU]. A weight between two bands gets the lower band.
// biome-ignore format: tables read better packed
const BANDS: Record<Drug, [kgMin: number, mg: number][]> = {
  acetaminophen: [
    [2.7, 40], [5.4, 80], [8.2, 120], [10.9, 160], [16.3, 240], [21.8, 320], [27.2, 400], [32.7, 480], [43.5, 640],
  ],
  ibuprofen: [[5.4, 50], [8.2, 75], [10.9, 100], [16.3, 150], [21.8, 200], [27.2, 250], [32.7, 300]],
}
// The ibuprofen table ends at 95 lb (43.1 kg); above it there is no band to compare with.
const IBU_TABLE_MAX_KG = 43.1

/** The US weight-band dose in mg, or undefined below the first band or above the table. */
export function bandDoseMg(drug: Drug, weightKg: number): number | undefined {
  if (drug === 'ibuprofen' && weightKg > IBU_TABLE_MAX_KG) return undefined
  const bands = BANDS[drug]
  let mg: number | undefined
  for (const [kgMin, dose] of bands) if (weightKg >= kgMin) mg = dose
  return mg
}
