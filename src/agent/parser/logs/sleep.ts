import { cutAll, type Input } from '../grammar.js'
import { resolveSubject } from '../subject.js'
import type { LogCommand } from '../types.js'
import { readWhen } from '../when.js'

const RANGE = /\b(?:nap|napped|naps|slept|sleep|asleep|sleeping|nap time)\b/g
const START =
  /\b(?:fell asleep|went to sleep|went to bed|(?:went |is |put )?down for (?:a |the )?nap|went down|put down|is down|nap started|started (?:a )?nap|sleep started|asleep|sleeping|napping|down)\b/g
const END =
  /\b(?:woke up|woke|woken up|waking up|awake|up from (?:a |the )?nap|nap over|nap ended|nap done|done napping|is up|up)\b/g

/** "nap 1:15-2:40", "she's asleep" (start now), "awake" (end now), "woke up at 6". */
export function parseSleep(input: Input): LogCommand | undefined {
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'children', self: 'reject' })
  if (!subject) return undefined
  const range = cutAll(input.rest, RANGE)
  if (range.found.length > 0) {
    const when = readWhen(range.rest, input.clock, { range: true })
    if (when?.end) return { kind: 'log_sleep', subject, event: 'range', at: when.at, end: when.end }
  }
  const start = cutAll(input.rest, START)
  const end = cutAll(input.rest, END)
  if (start.found.length > 0 && end.found.length > 0) return undefined
  const [event, rest] = start.found.length > 0 ? (['start', start.rest] as const) : (['end', end.rest] as const)
  if (start.found.length === 0 && end.found.length === 0) return undefined
  const when = readWhen(rest, input.clock)
  if (!when) return undefined
  return { kind: 'log_sleep', subject, event, at: when.at }
}
