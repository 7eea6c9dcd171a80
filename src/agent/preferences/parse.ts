/**
 * Digest and quiet-hours commands, deterministic: "digest on", "digest off", "digest at 9pm",
 * "quiet hours 10pm-7am", "quiet hours off", and "digest" / "quiet hours" alone to see the setting.
 * A clock time needs am/pm or the 24-hour form ("21:00"): "digest at 9" is asked about, not guessed.
 */
import { parseClock } from '../../lib/clock-words.js'

export type PreferenceCommand =
  | { kind: 'digest'; on: boolean; at?: string }
  | { kind: 'quiet'; start: string; end: string }
  | { kind: 'quiet_off' }
  | { kind: 'show' }
  | { kind: 'unclear_time'; what: 'digest' | 'quiet' }

const DIGEST = /^(?:(?:daily|my|the)\s+)?digests?(?:\s+(.*))?$/i
const QUIET = /^quiet\s*hours?(?:\s+(.*))?$/i
const RANGE = /^(?:from\s+)?(.+?)\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*(.+)$/i

export function parsePreference(raw: string): PreferenceCommand | undefined {
  const text = raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
  const d = DIGEST.exec(text)
  if (d) return parseDigest(d[1]?.trim().toLowerCase())
  const q = QUIET.exec(text)
  if (q) return parseQuiet(q[1]?.trim().toLowerCase())
  return undefined
}

function parseDigest(rest: string | undefined): PreferenceCommand | undefined {
  if (!rest) return { kind: 'show' }
  if (/^(on|start|yes|please)$/.test(rest)) return { kind: 'digest', on: true }
  if (/^(off|stop|no|none)$/.test(rest)) return { kind: 'digest', on: false }
  const at = /^(?:on\s+)?(?:at\s+)(.+)$/.exec(rest)?.[1]
  if (!at) return undefined
  const clock = parseClock(at)
  return clock ? { kind: 'digest', on: true, at: clock } : { kind: 'unclear_time', what: 'digest' }
}

function parseQuiet(rest: string | undefined): PreferenceCommand | undefined {
  if (!rest) return { kind: 'show' }
  if (/^(off|none|stop|clear)$/.test(rest)) return { kind: 'quiet_off' }
  const range = RANGE.exec(rest)
  if (!range?.[1] || !range[2]) return undefined
  const start = parseClock(range[1])
  const end = parseClock(range[2])
  return start && end ? { kind: 'quiet', start, end } : { kind: 'unclear_time', what: 'quiet' }
}
