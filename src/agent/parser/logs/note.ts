import { findMentions, resolveSubject } from '../subject.js'
import type { LogCommand, ParseContext } from '../types.js'

/** "note: …", "Note Maya has a rash" (voice-to-text drops the colon); "add a note: …" and "log: …" need the colon or dash. */
const NOTE = /^\s*(?:notes?\s*(?::|-|–|—)?|(?:add (?:a )?note|log)\s*(?::|-|–|—))\s+(\S[\s\S]*)$/i

/**
 * "note: Maya was fussy after her shots". The text is kept as typed; it is about the one dependent it
 * names, or about the family's only dependent; naming two is not guessed.
 */
export function parseNote(raw: string, ctx: ParseContext): LogCommand | undefined {
  const m = NOTE.exec(raw)
  const text = m?.[1]?.trim()
  if (!text) return undefined
  const mentions = findMentions(text.toLowerCase().normalize('NFKC'), ctx)
  // The nanny named in a note is who said or saw it, not whom it is about.
  const subject = resolveSubject({ ...mentions, otherMember: false }, ctx, { pool: 'all', self: 'actor' })
  if (!subject) return undefined
  return { kind: 'log_note', subject, at: ctx.now, text }
}
