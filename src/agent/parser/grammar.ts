import type { Mentions } from './subject.js'
import type { ParseContext } from './types.js'
import type { Clock } from './when.js'

/** What every grammar reads: the normalized text, the same without the people in it, and the context. */
export interface Input {
  /** Normalized (normalize.ts): lower case, units and typos in one spelling. */
  text: string
  /** `text` with names, pronouns and I/me/my cut out (subject.ts). */
  rest: string
  mentions: Mentions
  ctx: ParseContext
  clock: Clock
}

/** Cuts every match of `re` (global) out of `text`, returning the matches and what is left. */
export function cutAll(text: string, re: RegExp): { rest: string; found: RegExpExecArray[] } {
  const found = [...text.matchAll(re)] as RegExpExecArray[]
  return { rest: text.replace(re, ' ').replace(/\s+/g, ' ').trim(), found }
}

/** Words that make a message unsure, a plan or a refusal rather than a record: the agent reads it. */
export const HEDGE =
  /\b(?:not|no|never|nothing|none|without|refused|refuses|missed|forgot|forget|skip|skipped|maybe|might|probably|think|thought|guess|should|would|could|will|gonna|going|need|needs|want|wants|please|remind|reminder|tomorrow|later|plan|planning|schedule|every|daily|twice|times|due|if|when|until|till|almost|nearly|tried|trying|try|vomit|vomited|threw|spit|spat|give|take|giving|taking|again)\b|\?/

/** A message that asks: it is answered by a question grammar or goes to the agent, never logged. */
export const QUESTION_LIKE =
  /\?|^(?:when|what|what's|how|can|could|may|is|are|am|did|does|do|has|have|should|which|who|why|where|will|would|shall)\b/

/**
 * Chatter around a fact that adds nothing to log: "lol she was starving", "new record", "ugh". Cut out
 * before the grammars read the text; a message that is only chatter is left with nothing to log.
 */
const CHATTER =
  /\b(?:lol+|lmao|haha+|hehe+|yay+|ugh+|omg|phew|whew|woo+hoo+|finally|thank (?:god|goodness)|new record|so proud|good (?:girl|boy|job)|poor (?:thing|baby|girl|boy|guy)|(?:she|he) was (?:so |super |very )?(?:hungry|starving|thirsty)|(?:and )?(?:(?:she|he) )?burped(?: (?:well|a lot|twice))?|like(?= ~?\d))\b/g

export function withoutChatter(text: string): string {
  return text.replace(CHATTER, ' ').replace(/\s+/g, ' ').trim()
}
