import { getCountry } from 'countries-and-timezones'
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js'
// The package maps this path to a JS module under ESM (exports "import"), so no JSON import attribute.
import metadata from 'libphonenumber-js/metadata.min.json'

/**
 * Phone numbers through libphonenumber-js (Google's libphonenumber metadata): parsing, E.164, country.
 * We accept "possible" numbers, not only "valid" ones, so test ranges (+1 555…) and brand-new number
 * blocks still work; Twilio rejects truly undeliverable numbers and we report that.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | undefined {
  const cleaned = input.replace(/^whatsapp:/i, '').trim()
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry)
  if (!parsed?.isPossible()) return undefined
  return parsed.number
}

/** A number as someone typed it: without a country code, it is read in the country of their own number. */
export function toE164Near(typed: string, ownAddress: string): string | undefined {
  const home = ownAddress.startsWith('+') ? countryOf(ownAddress) : undefined
  return toE164(typed, home)
}

/** The country a number belongs to, or the main country of its calling code (+1 → US, +44 → GB). */
export function countryOf(e164: string): CountryCode | undefined {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return undefined
  if (parsed.country) return parsed.country
  const codes = (metadata as { country_calling_codes: Record<string, string[]> }).country_calling_codes
  return codes[parsed.countryCallingCode]?.[0] as CountryCode | undefined
}

/**
 * Where most people of a multi-zone country live; a guess the newcomer confirms or corrects.
 * Single-zone countries need no entry.
 */
const POPULOUS_ZONE: Partial<Record<string, string>> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  RU: 'Europe/Moscow',
  MX: 'America/Mexico_City',
  ID: 'Asia/Jakarta',
  AR: 'America/Argentina/Buenos_Aires',
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  DE: 'Europe/Berlin',
  CN: 'Asia/Shanghai',
  CL: 'America/Santiago',
  KZ: 'Asia/Almaty',
  NZ: 'Pacific/Auckland',
}

/** Best guess at a number's time zone, from its country. */
export function guessTimezone(e164: string): string | undefined {
  const country = countryOf(e164)
  if (!country) return undefined
  return POPULOUS_ZONE[country] ?? getCountry(country)?.timezones[0]
}

/** A locale for a number's country: en-US for +1, en-GB for +44… English until we translate. */
export function guessLocale(e164: string): string {
  const country = countryOf(e164)
  return country ? `en-${country}` : 'en-US'
}

export function isPhoneAddress(address: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(address)
}

/** "+1 555 123 4567" style, for showing a number back to the person who typed it. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
}
