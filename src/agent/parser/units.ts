/**
 * Numbers, units and the conversions the parser does. The conventions are health-facts.md §0; each
 * constant says where it comes from. Results are rounded so a command compares exactly in tests.
 */

/** Exact: 1 US fl oz = 29.5735 ml (health-facts §0; AAP pairs 4 oz with 120 ml, which is rounder). */
export const ML_PER_FL_OZ = 29.5735
/** 1 level tsp = 5 ml, ½ tsp = 2.5 ml (health-facts §0, AAP-APAP-TABLE). */
export const ML_PER_TSP = 5
/** 1 tbsp = 3 tsp = 15 ml (derived from the above). */
export const ML_PER_TBSP = 15
/** The international pound, exactly (the gate's 0.4536 kg/lb in §0 is this, rounded). */
export const KG_PER_LB = 0.45359237
/** The avoirdupois ounce (mass, not fluid): 1/16 lb. */
export const KG_PER_OZ = KG_PER_LB / 16
export const CM_PER_IN = 2.54

/** A number as people type it: "4", "2.5", ".5", "1/2", "1 1/2". The fast path never guesses "1,5". */
export const NUM = String.raw`(?:\d+\s+\d\/\d|\d\/\d|\d+(?:\.\d+)?|\.\d+)`

export function toNumber(text: string): number | undefined {
  const t = text.trim()
  const mixed = /^(\d+)\s+(\d)\/(\d)$/.exec(t)
  const frac = /^(\d)\/(\d)$/.exec(t)
  const n = mixed ? Number(mixed[1]) + fraction(mixed[2], mixed[3]) : frac ? fraction(frac[1], frac[2]) : Number(t)
  return Number.isFinite(n) && t !== '' ? n : undefined
}

function fraction(top = '', bottom = ''): number {
  const b = Number(bottom)
  return b === 0 ? Number.NaN : Number(top) / b
}

export const round = (n: number, places: number) => {
  const f = 10 ** places
  return Math.round(n * f) / f
}

export const ozToMl = (oz: number) => round(oz * ML_PER_FL_OZ, 1)
export const fahrenheitToCelsius = (f: number) => round(((f - 32) * 5) / 9, 2)

/**
 * A bare reading's unit, by health-facts §0: 34–43 is °C and 93–110 is °F; anything else (72: a room)
 * is not a body temperature.
 */
export function bareTemperatureUnit(value: number): 'C' | 'F' | undefined {
  if (value >= 34 && value <= 43) return 'C'
  if (value >= 93 && value <= 110) return 'F'
  return undefined
}

/** A stated reading must still be a living body's (30–44 °C): 45 °C or 60 °F is a typo or not a person. */
export function plausibleTemperature(value: number, unit: 'C' | 'F'): boolean {
  return unit === 'C' ? value >= 30 && value <= 44 : value >= 86 && value <= 111.2
}

/** Regions that write bottles in fl oz; everyone else uses ml. An unreadable locale has no default. */
const FL_OZ_REGIONS = new Set(['US', 'LR', 'MM'])

export function bareVolumeUnit(locale: string): 'ml' | 'oz' | undefined {
  try {
    const region = new Intl.Locale(locale).region
    if (!region) return undefined
    return FL_OZ_REGIONS.has(region) ? 'oz' : 'ml'
  } catch {
    return undefined
  }
}

/** A bottle a baby or toddler can drink: 5–400 ml. Outside it the message goes to the agent. */
export const plausibleBottleMl = (ml: number) => ml >= 5 && ml <= 400

/**
 * The unit of a bare bottle number, or undefined when it is not sure. Where bottles are written in fl oz
 * (the corpus conventions, health-facts §0), 1–12 is ounces and 20–400 is ml: nobody gives a 20 oz
 * bottle, and 13–19 could be either. Elsewhere 10–400 is ml and a small number is not guessed.
 */
export function bareBottleUnit(value: number, locale: string): 'ml' | 'oz' | undefined {
  const unit = bareVolumeUnit(locale)
  if (unit === 'oz' && value >= 0.5 && value <= 12) return 'oz'
  if (unit === 'oz' && value >= 20 && value <= 400) return 'ml'
  if (unit === 'ml' && value >= 10 && value <= 400) return 'ml'
  return undefined
}
