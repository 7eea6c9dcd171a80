import { DateTime } from 'luxon'
import type { Schedule } from '../../domain/schedules/schema.js'
import { formatLocalTime } from '../../lib/timezone.js'

const DAY_NAMES: Record<string, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
}

/** "every day at 7:00 PM", "every Mon, Thu at 9:00 AM", "every 6 hours": the rules the chat creates. */
export function describeRepeat(s: Pick<Schedule, 'rrule' | 'dtstart'>): string | undefined {
  if (!s.rrule) return undefined
  const parts = Object.fromEntries(s.rrule.split(';').map((p) => p.split('=') as [string, string]))
  const start = DateTime.fromISO(s.dtstart)
  const hours = parts.BYHOUR ? parts.BYHOUR.split(',').map(Number) : [start.hour]
  const minute = parts.BYMINUTE ? Number(parts.BYMINUTE) : start.minute
  const at = hours.map((h) => DateTime.fromObject({ hour: h, minute }).toFormat('h:mm a')).join(' and ')
  const interval = Number(parts.INTERVAL ?? 1)
  if (parts.FREQ === 'HOURLY') return interval === 1 ? 'every hour' : `every ${interval} hours`
  if (parts.FREQ === 'DAILY') return `${interval === 1 ? 'every day' : `every ${interval} days`} at ${at}`
  if (parts.FREQ === 'WEEKLY' && parts.BYDAY === 'MO,TU,WE,TH,FR') return `every weekday at ${at}`
  if (parts.FREQ === 'WEEKLY' && parts.BYDAY === 'SA,SU') return `every weekend day at ${at}`
  if (parts.FREQ === 'WEEKLY' && parts.BYDAY) {
    return `every ${parts.BYDAY.split(',')
      .map((d) => DAY_NAMES[d] ?? d)
      .join(', ')} at ${at}`
  }
  return 'repeating'
}

const when = (s: Schedule) => (s.nextRunAt ? formatLocalTime(s.nextRunAt, s.timezone) : 'never again')

export function presentCreated(s: Schedule, recipient: string | undefined, defaultedTime: boolean): string {
  const who = recipient ?? 'you'
  const repeat = describeRepeat(s)
  const note = defaultedTime ? ' (no time given, so 9 AM; reply CANCEL and set it again to change it)' : ''
  if (repeat) return `Okay — ${repeat} I’ll remind ${who}: ${s.body}. First one ${when(s)}.`
  return `Okay — I’ll remind ${who} ${when(s)}${note}: ${s.body}.`
}

export function presentList(list: Schedule[], selfId: string): string {
  if (!list.length) return 'You have no reminders. Try “remind me tomorrow at 9 to call the pharmacy”.'
  const lines = list.map((s, i) => {
    const repeat = describeRepeat(s)
    const forWhom = s.memberId === selfId ? '' : ' (for someone else)'
    return `${i + 1}. ${repeat ? `${repeat}, next ${when(s)}` : when(s)} — ${s.body}${forWhom}`
  })
  return `Your reminders:\n${lines.join('\n')}\nReply CANCEL and a number to cancel one.`
}

export const presentNeedsTime = (body: string, about: boolean, recipient?: string) =>
  `When should I remind ${recipient ?? 'you'}? Say it with a time, e.g. “remind ${recipient ?? 'me'} Friday at 10 ${about ? 'about' : 'to'} ${body}”.`

export const presentCancelled = (s: Schedule) =>
  `Cancelled: ${s.body}${describeRepeat(s) ? ` (${describeRepeat(s)})` : ''}.`

export const presentSnoozed = (s: Schedule) => `Snoozed: ${s.body}. I’ll remind you again ${when(s)}.`
