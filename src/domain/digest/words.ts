import { formatLocalTime } from '../../lib/timezone.js'
import type { DependentDigest, Flag } from './compose.js'

/** "9h 30m", "45m". */
export function durationText(minutes: number): string {
  const min = Math.round(minutes)
  return min >= 60 ? `${Math.floor(min / 60)}h ${String(min % 60).padStart(2, '0')}m` : `${min}m`
}
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function flagText(f: Flag, zone: string): string {
  const at = formatLocalTime(f.at, zone)
  if (f.kind === 'dose') return `${f.drugName} dose at ${at} was flagged by the dose check`
  if (f.kind === 'fever') {
    const shown =
      f.unit === 'F' ? `${Math.round(((f.celsius * 9) / 5 + 32) * 10) / 10} °F` : `${f.celsius.toFixed(1)} °C`
    return `temperature ${shown} at ${at}`
  }
  const text = f.text.length > 80 ? `${f.text.slice(0, 79)}…` : f.text
  return `note at ${at}: ${text}`
}

/** One dependent's period: their name, then a line per kind of care, then what was flagged. */
export function dependentLines(d: DependentDigest, zone: string): string[] {
  const lines: string[] = []
  if (d.feeds) lines.push(`• Feeds: ${d.feeds}${d.bottleMl ? ` (${d.bottleMl} ml)` : ''}`)
  if (d.naps) lines.push(`• Sleep: ${durationText(d.sleptMinutes)} (${plural(d.naps, 'nap')})`)
  if (d.wet || d.dirty) lines.push(`• Diapers: ${d.wet} wet, ${d.dirty} dirty`)
  lines.push(...dosesLine(d), ...flagLines(d, zone))
  return [d.name, ...(lines.length ? lines : ['• Nothing logged.'])]
}

/** "• Doses: Tylenol ×2, Metformin ×1", or nothing. */
export function dosesLine(d: DependentDigest): string[] {
  return d.doses.length ? [`• Doses: ${d.doses.map(([name, n]) => `${name} ×${n}`).join(', ')}`] : []
}

/** One line per flag (⚠️), or per note when every note was asked for (📝). */
export function flagLines(d: DependentDigest, zone: string): string[] {
  return d.flags.map((f) => `${f.kind === 'note' && !f.flagged ? '📝' : '⚠️'} ${flagText(f, zone)}`)
}

/** The daily digest: one block per dependent, then how to stop it. */
export function digestText(list: DependentDigest[], to: Date, zone: string): string {
  const head = `🌙 Daily digest — the 24 hours to ${formatLocalTime(to, zone)}`
  const body = list.length ? list.flatMap((d) => dependentLines(d, zone)) : ['No one is in your family’s record yet.']
  return [head, ...body, 'Reply DIGEST OFF to stop these.'].join('\n')
}
