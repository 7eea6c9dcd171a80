import { formatLocalTime } from '../../lib/timezone.js'
import type { Schedule } from './schema.js'

/** "⏰ Reminder: call in my medication", from someone else "⏰ Reminder from Ana: …", late says when it was due. */
export function reminderText(s: Schedule, creatorName: string | undefined, lateFrom?: Date): string {
  const from = s.createdBy !== s.memberId && creatorName ? ` from ${creatorName}` : ''
  const late = lateFrom ? ` (late: it was due ${formatLocalTime(lateFrom, s.timezone)})` : ''
  return `⏰ Reminder${from}${late}: ${s.body}\nReply DONE when it’s done, or SNOOZE 15.`
}

/** One message for everything an outage made us miss, never one per occurrence. */
export function missedSummary(list: { schedule: Schedule; at: Date }[], timezone: string): string {
  const shown = list.slice(0, 5).map(({ schedule, at }) => `• ${schedule.body} (${formatLocalTime(at, timezone)})`)
  const more = list.length > shown.length ? `\n…and ${list.length - shown.length} more` : ''
  const n = list.length
  return `MedNanny was offline and missed ${n} reminder${n === 1 ? '' : 's'}:\n${shown.join('\n')}${more}`
}
