import { DateTime } from 'luxon'
import { LOG_KINDS, type LogKind } from './modal-view.js'

/** One field of a submitted view's state (docs.slack.dev/reference/interaction-payloads/view-interactions-payload). */
interface FieldState {
  selected_option?: { value: string } | null
  selected_options?: { value: string }[]
  selected_date?: string | null
  selected_time?: string | null
  value?: string | null
}
export type ViewValues = Record<string, Record<string, FieldState>>

/** A valid form, as the tool inputs want it. */
export type LogEntry =
  | {
      kind: 'feed'
      dependent: string
      at: Date
      method: 'bottle' | 'breast' | 'solids'
      amountMl?: number
      minutes?: number
    }
  | { kind: 'sleep'; dependent: string; at: Date; event: 'start' | 'end' | 'range'; endAt?: Date }
  | { kind: 'diaper'; dependent: string; at: Date; wet: boolean; dirty: boolean }
  | { kind: 'dose'; dependent: string; at: Date; drug: string; amount?: number; unit?: string }

/** What Slack shows under each block that is wrong (`response_action: errors`), keyed by block id. */
export type FieldErrors = Record<string, string>

/** Five minutes of slack for clocks that disagree; a time later than that is a typo. */
const FUTURE_MS = 5 * 60_000
/** A bottle over a litre is a typo (the care log's own limit, LogFeedInput). */
const MAX_ML = 1000

/**
 * Reads and checks a submitted `/nanny log` form. Every problem is returned under its block, so Slack
 * shows them all at once and nothing is written; the tools check again (roles, the record) on write.
 */
export function readLogForm(
  values: ViewValues,
  o: { kind?: LogKind; timezone: string; now: Date },
): { entry: LogEntry } | { errors: FieldErrors } {
  const errors: FieldErrors = {}
  const get = (block: string) => values[block]?.value
  const dependent = get('child')?.selected_option?.value
  if (!dependent) errors.child = 'Choose who this is for.'
  const kindValue = o.kind ?? get('kind')?.selected_option?.value
  const kind = LOG_KINDS.find((k) => k === kindValue)
  if (!kind) errors.kind = 'Choose what to log.'
  const at = readTime(get('date')?.selected_date, get('time')?.selected_time, o.timezone)
  if (!at) errors.time = 'Choose a date and a time.'
  else if (at.getTime() > o.now.getTime() + FUTURE_MS) errors.time = 'That’s in the future.'
  if (!kind || !dependent || !at || Object.keys(errors).length) return { errors }
  return READERS[kind](get, { dependent, at, now: o.now })
}

type Get = (block: string) => FieldState | undefined
type Base = { dependent: string; at: Date; now: Date }

const fail = (block: string, message: string): { errors: FieldErrors } => ({ errors: { [block]: message } })
const num = (s: string | null | undefined) => (s == null || s.trim() === '' ? undefined : Number(s))
const text = (s: string | null | undefined) => s?.trim() || undefined

const READERS: Record<LogKind, (get: Get, b: Base) => { entry: LogEntry } | { errors: FieldErrors }> = {
  feed(get, { dependent, at }) {
    const method = (get('feed_method')?.selected_option?.value ?? 'bottle') as 'bottle' | 'breast' | 'solids'
    const amountMl = num(get('feed_ml')?.value)
    const minutes = num(get('feed_minutes')?.value)
    if (method === 'bottle' && amountMl === undefined) return fail('feed_ml', 'How much was in the bottle?')
    if (amountMl !== undefined && !(amountMl > 0 && amountMl <= MAX_ML)) {
      return fail('feed_ml', `Between 1 and ${MAX_ML} ml.`)
    }
    if (minutes !== undefined && !(Number.isInteger(minutes) && minutes > 0 && minutes <= 180)) {
      return fail('feed_minutes', 'Between 1 and 180 minutes.')
    }
    return {
      entry: {
        kind: 'feed',
        dependent,
        at,
        method,
        ...(method === 'bottle' ? { amountMl } : {}),
        ...(method === 'breast' && minutes ? { minutes } : {}),
      },
    }
  },
  sleep(get, { dependent, at, now }) {
    const event = (get('sleep_event')?.selected_option?.value ?? 'start') as 'start' | 'end' | 'range'
    if (event !== 'range') return { entry: { kind: 'sleep', dependent, at, event } }
    const minutes = num(get('sleep_minutes')?.value)
    if (minutes === undefined || !(Number.isInteger(minutes) && minutes > 0 && minutes <= 24 * 60)) {
      return fail('sleep_minutes', 'How long was the nap, in minutes?')
    }
    const endAt = new Date(at.getTime() + minutes * 60_000)
    if (endAt.getTime() > now.getTime() + FUTURE_MS) return fail('sleep_minutes', 'That nap isn’t over yet.')
    return { entry: { kind: 'sleep', dependent, at, event, endAt } }
  },
  diaper(get, { dependent, at }) {
    const chosen = new Set((get('diaper')?.selected_options ?? []).map((o) => o.value))
    if (!chosen.size) return fail('diaper', 'Wet, dirty or both?')
    return { entry: { kind: 'diaper', dependent, at, wet: chosen.has('wet'), dirty: chosen.has('dirty') } }
  },
  dose(get, { dependent, at }) {
    const drug = text(get('dose_drug')?.value)
    const amount = num(get('dose_amount')?.value)
    const unit = text(get('dose_unit')?.value)
    if (!drug) return fail('dose_drug', 'Which medicine?')
    if (amount !== undefined && !(amount > 0 && amount < 10_000)) return fail('dose_amount', 'A positive amount.')
    return {
      entry: {
        kind: 'dose',
        dependent,
        at,
        drug,
        ...(amount !== undefined ? { amount } : {}),
        ...(unit ? { unit } : {}),
      },
    }
  },
}

/** A local date and time on the family's wall clock, as an instant (luxon places DST gaps forward). */
function readTime(date: string | null | undefined, time: string | null | undefined, zone: string): Date | undefined {
  if (!date || !time) return undefined
  const dt = DateTime.fromISO(`${date}T${time}`, { zone })
  return dt.isValid ? dt.toJSDate() : undefined
}
