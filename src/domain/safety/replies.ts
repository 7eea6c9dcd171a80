/**
 * The gate's words: short, plain, SMS-sized English. Numbers that a channel may want to localise travel
 * beside them (GateOutcome.details, nextDoseAllowedAt); clock times are never printed here, because the
 * gate does not format dates: a wait is said as "in 2 h 10 min".
 */
import type { Sign } from './signs.js'

/** The region of a BCP 47 locale: 'en-GB' → 'GB'; undefined for a bare language. */
export function region(locale: string): string | undefined {
  return locale.split(/[-_]/)[1]?.toUpperCase()
}

/** NHS limits apply to en-GB families; everyone else gets the US AAP/FDA limits (health-facts.json `locale_rule`). */
export const isUk = (locale: string) => region(locale) === 'GB'

/**
 * The number to call. 911: [CHOP-EMERG], [ICS-911] (US) and [ALBERTA-PP] (Canada); 999: [NHS-RST] "Always dial
 * 999", [NHS-HT-U3M] (UK). The reference names no other number, so other regions get "your local emergency number".
 */
export function emergencyNumber(locale: string): string | undefined {
  const r = region(locale)
  if (r === 'US' || r === 'CA') return '911'
  if (r === 'GB') return '999'
  return undefined
}

const callNow = (locale: string) => {
  const n = emergencyNumber(locale)
  return n ? `Call ${n} now.` : 'Call your local emergency number now.'
}

/** "2 h 10 min", "45 min", "1 min": a wait, rounded up to the minute so it is never too short. */
export function formatWait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (!h) return `${m} min`
  return m ? `${h} h ${m} min` : `${h} h`
}

/** "38.4 °C (101.1 °F)", in the unit it was given first. */
export function formatTemperature(r: { value: number; unit: 'C' | 'F'; celsius: number }): string {
  const f = Math.round(((r.celsius * 9) / 5 + 32) * 10) / 10
  return r.unit === 'F' ? `${r.value} °F (${r.celsius.toFixed(1)} °C)` : `${r.value} °C (${f} °F)`
}

/**
 * Who to call for an urgent fever. Under 3 months in the UK: [NHS-HT-U3M] "Go to the nearest A&E or phone 999";
 * otherwise NHS "contact your GP urgently" [NHS-FEVER-GP] or NHS 111 (§4.1 table); US: [AAP-FEVER-CALL] "Call your
 * child's doctor right away".
 */
export function doctorAdvice(locale: string, phone: string | undefined, under3Months: boolean): string {
  const on = phone ? ` (${phone})` : ''
  if (isUk(locale)) {
    return under3Months
      ? `Go to A&E or call 999 now. Your GP${on} can also advise.`
      : `Contact your GP urgently${on} or call NHS 111 now.`
  }
  if (region(locale) === 'US' || region(locale) === 'CA' || !region(locale)) {
    return `Call your pediatrician now${on}, day or night. If you can't reach them, go to the ER.`
  }
  return `Call your doctor now${on}. If you can't reach them, go to the emergency department.`
}

// Sign-specific first steps, only where the reference gives one.
const FIRST_STEP: Record<string, (locale: string) => string> = {
  // [CHOP-EMERG] "Start CPR if not breathing".
  'EMERG-CHILD-BREATHING': () => 'If they are not breathing, start CPR.',
  // [AAP-ANAPH-PRACTICE] "Epinephrine should be given right away followed by a call to 911".
  'EMERG-CHILD-ANAPHYLAXIS': () => 'Use the epinephrine auto-injector (EpiPen) now if you have one.',
  // [CHOP-EMERG] breathing and acting normally → Poison Control on 800-222-1222 (a US number).
  'EMERG-CHILD-POISON': (locale) =>
    region(locale) === 'US' ? 'If they are breathing and acting normally, call Poison Control: 1-800-222-1222.' : '',
}

/** The reply and the parents' alert for an emergency sign. */
export function emergencyWords(
  sign: Sign,
  maternal: boolean,
  locale: string,
  who: string | undefined,
): { reply: string; alert: string } {
  const first = FIRST_STEP[sign.id]?.(locale) ?? ''
  const n = emergencyNumber(locale) ?? 'emergency services'
  if (sign.id === 'EMERG-SOS') {
    return {
      reply: `SOS received. I'm alerting your family now. If anyone is in danger, ${callNow(locale).toLowerCase()}`,
      alert: 'SOS from your family. Please check on them now.',
    }
  }
  if (maternal && !sign.call911) {
    // [AWHONN-POSTBIRTH]: call your healthcare provider, 911 if you cannot reach them; [CDC-HEARHER]: seek care now.
    const provider = isUk(locale) ? 'your midwife or maternity unit' : 'your OB or midwife'
    return {
      reply: `This is an urgent warning sign (${sign.label}). Call ${provider} now. If you can't reach them, call ${n}. I'm alerting your family.`,
      alert: `Urgent: the sender reported ${sign.label} (pregnancy/postpartum warning sign). They were told to call their provider now, or ${n}.`,
    }
  }
  const about = maternal ? 'the sender' : (who ?? 'a child')
  return {
    reply: [`${callNow(locale)} This sounds like an emergency (${sign.label}).`, first, "I'm alerting your family."]
      .filter(Boolean)
      .join(' '),
    alert: `Emergency: ${sign.label} reported for ${about}. The sender was told to call ${n} now.`,
  }
}
