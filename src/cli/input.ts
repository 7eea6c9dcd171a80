import { familyNameProblem, personNameProblem } from '../domain/families/names.js'
import { type InvitedRole, parseRole } from '../domain/families/roles.js'
import { toE164 } from '../lib/phone.js'
import { findTimezone, isTimezone } from '../lib/timezone.js'
import { CliError } from './context.js'

/**
 * Checks for what people type on the command line. Each error names the option and what to type instead.
 */

/** E.164 from an international number; a local number is refused, since we can't know its country. */
export function phoneOption(option: string, raw: string): string {
  const typed = raw.trim()
  if (!typed.startsWith('+')) {
    throw new CliError(`${option} "${raw}" needs the international format with a country code, e.g. +15551234567`)
  }
  const e164 = toE164(typed)
  if (!e164) throw new CliError(`${option} "${raw}" is not a phone number`)
  return e164
}

/** An IANA zone, in its canonical spelling ("europe/london" → "Europe/London"). */
export function timezoneOption(raw: string): string {
  const typed = raw.trim()
  if (isTimezone(typed)) return findTimezone(typed) ?? typed
  const guess = findTimezone(typed)
  const hint = guess ? `; did you mean ${guess}?` : '; use an IANA name such as America/New_York'
  throw new CliError(`--timezone "${raw}" is not a time zone${hint}`)
}

/** A BCP 47 tag in its canonical form ("en-us" → "en-US"). */
export function localeOption(raw: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(raw.trim())
    if (canonical) return canonical
  } catch {
    // RangeError: not a well-formed tag; answered below.
  }
  throw new CliError(`--locale "${raw}" is not a locale; use a tag such as en-US or es-MX`)
}

/** A Slack identity as MedNanny stores it: team id and user id, `T0123:U0456`. */
export function slackOption(raw: string): string {
  const typed = raw.trim().toUpperCase()
  if (!/^T[A-Z0-9]+:[UW][A-Z0-9]+$/.test(typed)) {
    throw new CliError(`--slack "${raw}" should be TEAM:USER, the Slack team and user ids, e.g. T0123ABC:U0456DEF`)
  }
  return typed
}

/** A person's or a family's name, by the same rule as chat (domain/families/names.ts). */
export function nameOption(option: string, raw: string, kind: 'person' | 'family'): string {
  const typed = raw.trim()
  const problem = kind === 'person' ? personNameProblem(typed) : familyNameProblem(typed)
  if (problem) throw new CliError(`${option} "${raw}": ${problem}`)
  return typed
}

/** "nanny" → caregiver, "parent" → admin, "grandparent" → member; "emergency contact" → a viewer reached by SOS. */
export function roleOption(raw: string): { role: InvitedRole; emergencyContact: boolean } {
  const found = parseRole(raw)
  if (!found) {
    throw new CliError(
      `--role "${raw}" is not a role; use admin, caregiver, member or viewer (or parent, nanny, grandparent)`,
    )
  }
  return found
}
