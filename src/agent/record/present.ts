import { DateTime } from 'luxon'

/** Wording for the family record: short, SMS-friendly, times in the family's zone and the sender's locale. */

export function clock(at: Date, timezone: string, locale: string, now?: Date): string {
  const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale(locale)
  const time = t.toLocaleString(DateTime.TIME_SIMPLE)
  if (!now) return time
  const today = DateTime.fromJSDate(now, { zone: timezone })
  if (t.hasSame(today, 'day')) return time
  if (t.hasSame(today.minus({ days: 1 }), 'day')) return `yesterday ${time}`
  return `${t.toLocaleString({ weekday: 'short', month: 'short', day: 'numeric' })} ${time}`
}

export function ago(at: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000))
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m ? `${h} h ${m} min ago` : `${h} h ago`
}

export const usesImperial = (locale: string) => locale === 'en-US'

export function volume(ml: number, locale: string): string {
  return usesImperial(locale)
    ? `${Math.round((ml / 29.5735) * 10) / 10} oz (${Math.round(ml)} ml)`
    : `${Math.round(ml)} ml`
}

export function temperature(celsius: number, unit: 'C' | 'F'): string {
  return unit === 'F' ? `${Math.round(((celsius * 9) / 5 + 32) * 10) / 10} °F` : `${celsius} °C`
}

export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h ? `${h} h ${m} min` : `${m} min`
}

export function list(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** "1 feed", "3 feeds". */
export const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
