import { parseCorrection } from './corrections.js'
import { HEDGE, type Input, QUESTION_LIKE, withoutChatter } from './grammar.js'
import { parseDiaper } from './logs/diaper.js'
import { parseDose } from './logs/dose.js'
import { parseFeed } from './logs/feed.js'
import { parseGrowth } from './logs/growth.js'
import { parseNote } from './logs/note.js'
import { parseSleep } from './logs/sleep.js'
import { parseTemperature } from './logs/temperature.js'
import { normalize } from './normalize.js'
import { parseQuestion } from './questions.js'
import { findMentions } from './subject.js'
import type { LogCommand, ParseContext, ParsedCommand } from './types.js'
import { isTimezone } from './zone.js'

export type * from './types.js'

/** Longer than a care-log text: a story, a forwarded message, a paste. The agent reads those. */
const MAX_LENGTH = 300

const LOGS: ((input: Input) => LogCommand | undefined)[] = [
  parseFeed,
  parseSleep,
  parseDiaper,
  parseTemperature,
  parseGrowth,
  parseDose,
]

/**
 * The command a message states, or undefined when the parser is not sure: then the agent reads it.
 * Pure: time comes from `ctx.now`, places from `ctx.timezone`. A wrong guess is worse than no guess,
 * so a message two grammars both read, or with words no grammar consumed, is undefined.
 */
export function parseMessage(text: string, ctx: ParseContext): ParsedCommand | undefined {
  if (text.length > MAX_LENGTH || Number.isNaN(ctx.now.getTime()) || !isTimezone(ctx.timezone)) return undefined
  const note = parseNote(text, ctx)
  if (note) return note
  const normalized = withoutChatter(normalize(text))
  if (normalized === '') return undefined
  const correction = parseCorrection(normalized, ctx)
  if (correction) return correction
  const mentions = findMentions(normalized, ctx)
  const input: Input = {
    text: normalized,
    rest: mentions.rest,
    mentions,
    ctx,
    clock: { now: ctx.now, timezone: ctx.timezone },
  }
  const question = parseQuestion(input)
  if (question) return question
  if (QUESTION_LIKE.test(mentions.marked) || HEDGE.test(mentions.rest)) return undefined
  const logs = LOGS.map((parse) => parse(input)).filter((c) => c !== undefined)
  return logs.length === 1 ? logs[0] : undefined
}
