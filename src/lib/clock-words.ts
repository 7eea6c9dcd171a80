/**
 * A clock time someone typed, for settings (a digest time, quiet hours, the family channel's digest):
 * it needs am/pm or the 24-hour form ("21:00"), so "9" alone is asked about, not guessed.
 */
import { DateTime } from 'luxon'

const TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$/i

/** "9pm" → "21:00", "21:30" → "21:30", "7 am" → "07:00"; undefined when unclear ("9", "25:00"). */
export function parseClock(raw: string): string | undefined {
  const m = TIME.exec(raw.trim().replace(/^at\s+/i, ''))
  if (!m) return undefined
  let hour = Number(m[1])
  const minute = m[2] ? Number(m[2]) : 0
  const half = m[3]?.toLowerCase().replaceAll('.', '')
  if (minute > 59) return undefined
  if (half) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (half === 'pm' ? 12 : 0)
  } else if (!m[2] || hour > 23) {
    return undefined // "9" alone: morning or evening?
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

/** "19:30" → "7:30 PM": a stored clock time, for a reply. */
export const clockText = (hhmm: string) => DateTime.fromFormat(hhmm, 'HH:mm').toFormat('h:mm a')
