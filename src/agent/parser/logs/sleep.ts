import { cutAll, type Input } from '../grammar.js'
import { resolveSubject } from '../subject.js'
import type { LogCommand, SubjectRef } from '../types.js'
import { type Clock, readWhen } from '../when.js'

const RANGE = /\b(?:nap|napped|naps|slept|sleep|asleep|sleeping|nap time)\b/g
const START =
  /\b(?:fell asleep|went to sleep|(?:went |is |put )?down for (?:a |her |his )?nap|went down|put down|is down|nap started|started (?:a )?nap|sleep started|out cold|passed out|conked out|dozed off|zz+|asleep|sleeping|napping|down)\b/g
/** Going to bed for the night: "at 8" is 8 in the evening. */
const BEDTIME =
  /\b(?:went to bed|(?:went |is |put )?down for (?:the )?night|(?:put |went )?(?:in|to) (?:bed|(?:her|his|the) crib)|bedtime)\b/g
const EVENING = (hour: number) => hour >= 17 || hour < 5
const END =
  /\b(?:woke up|woke|woken up|waking up|awake|up from (?:a |the |her |his )?nap|nap over|nap ended|nap done|done napping|is up|up)\b/g
/** Where the sleep happened: a detail the log keeps in no field. */
const PLACE =
  /\b(?:in (?:the |her |his |my )?(?:car seat|carseat|car|stroller|pram|crib|cot|bassinet|carrier|swing|arms|lap)|on (?:me|my chest|the couch|dad|mom))\b/g
/** "since 2": a state that began then ("napping since 2" started at 2). */
const SINCE = /\bsince\b/g
/** How long: "45 min", "2 hr", "1.5 hrs", "an hour and a half", "1h30", "1 hr 15 min"; never "an hour ago". */
const DURATION =
  /\b(?:for\s+)?(?:(an?|\d+(?:\.\d+)?|\d+ 1\/2|half an?)\s*(?:h|hr|hrs|hour|hours)\b(?:\s*(?:and\s+)?(?:(a half)|(\d{1,2})\s*min\b))?|(\d{1,2})h(\d{2})\b|(\d{1,3})\s*min\b)(?!\s*ago)/g
/** Words a duration brings along: "after a 2 hr nap", "had a good long nap", "took a 40 min nap". */
const SPAN_WORDS = /\b(?:after|from|took|had|a|an|the|good|great|long|short|quick|solid|nice|little)\b/g

const MIN_SPAN = 5
const MAX_SPAN = 16 * 60
/** A length with no waking time ended now only if it is a nap: "slept 8 hours" at 4 pm was last night. */
const MAX_NAP = 3 * 60

/** "nap 1:15-2:40", "she's asleep" (start now), "awake" (end now), "woke up at 6", "slept 45 min". */
export function parseSleep(input: Input): LogCommand | undefined {
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'children', self: 'reject' })
  if (!subject) return undefined
  const range = cutAll(input.rest, RANGE)
  if (range.found.length > 0) {
    const span = spanned(range.rest, subject, input.clock)
    if (span) return span
    const when = readWhen(range.rest, input.clock, { range: true })
    if (when?.end) return { kind: 'log_sleep', subject, event: 'range', at: when.at, end: when.end }
  }
  return startOrEnd(input, subject)
}

/** "asleep", "down for the night at 7", "napping since 2", "woke up at 6". */
function startOrEnd(input: Input, subject: SubjectRef): LogCommand | undefined {
  const bed = cutAll(cutAll(input.rest, PLACE).rest, BEDTIME)
  const start = cutAll(bed.rest, START)
  const end = cutAll(bed.rest, END)
  const starts = start.found.length + bed.found.length
  if ((starts > 0 && end.found.length > 0) || (starts === 0 && end.found.length === 0)) return undefined
  const [event, rest] = starts > 0 ? (['start', start.rest] as const) : (['end', end.rest] as const)
  const when = readWhen(rest.replace(SINCE, 'at'), input.clock, bed.found.length > 0 ? { hours: EVENING } : {})
  if (!when) return undefined
  return { kind: 'log_sleep', subject, event, at: when.at }
}

/**
 * A sleep told by its length: "slept 45 min" ended now; "woke at 3:45 after a 2 hr nap" ended at 3:45.
 * A time without a waking word ("2 hr nap at 1": began or ended then?) is not guessed.
 */
function spanned(text: string, subject: SubjectRef, clock: Clock): LogCommand | undefined {
  const durations = cutAll(text, DURATION)
  const [d] = durations.found
  if (!d || durations.found.length > 1) return undefined
  const minutes = spanMinutes(d)
  if (minutes === undefined || minutes < MIN_SPAN || minutes > MAX_SPAN) return undefined
  const woke = cutAll(cutAll(durations.rest, SPAN_WORDS).rest, END)
  if (woke.found.length > 1 || cutAll(woke.rest, START).found.length > 0) return undefined
  const when = readWhen(woke.rest, clock)
  if (!when) return undefined
  if (woke.found.length === 0 && (when.at.getTime() !== clock.now.getTime() || minutes > MAX_NAP)) return undefined
  const at = new Date(when.at.getTime() - minutes * 60_000)
  return { kind: 'log_sleep', subject, event: 'range', at, end: when.at }
}

function spanMinutes(m: RegExpExecArray): number | undefined {
  const [, hours, half, extra, h, hm, mins] = m
  if (mins !== undefined) return Number(mins)
  if (h !== undefined) return Number(h) * 60 + Number(hm)
  if (hours === undefined) return undefined
  const base = /^an?$/.test(hours)
    ? 1
    : hours.startsWith('half')
      ? 0.5
      : hours.includes('1/2')
        ? Number.parseInt(hours, 10) + 0.5
        : Number(hours)
  return Math.round(base * 60 + (half ? 30 : 0) + (extra ? Number(extra) : 0))
}
