import { cutAll, type Input } from '../grammar.js'
import { resolveSubject } from '../subject.js'
import type { LogCommand } from '../types.js'
import { readWhen } from '../when.js'

const WET = /\b(?:wet|pee|peed|pees|peeing|wee|urine)\b/g
const DIRTY = /\b(?:dirty|poop|poopy|pooped|poops|poo|pooey|poopie|bm|soiled|blowout)\b/g
const BOTH = /\b(?:both|mixed)\b/g
const DIAPER = /\b(?:diaper change|diaper|changed|change)\b/g

/** "wet diaper", "dirty+wet", "poop", "changed a wet and dirty diaper at 3". */
export function parseDiaper(input: Input): LogCommand | undefined {
  const wet = cutAll(input.rest, WET)
  const dirty = cutAll(wet.rest, DIRTY)
  const both = cutAll(dirty.rest, BOTH)
  const diaper = cutAll(both.rest, DIAPER)
  const saysBoth = both.found.length > 0
  // "both" means wet and dirty only beside the word diaper ("both diapers"? "both kids"?).
  if (saysBoth && (diaper.found.length === 0 || wet.found.length + dirty.found.length > 0)) return undefined
  const isWet = wet.found.length > 0 || saysBoth
  const isDirty = dirty.found.length > 0 || saysBoth
  if (!isWet && !isDirty) return undefined
  const self = /\bchanged\b/.test(input.text) ? 'actor' : 'reject'
  const subject = resolveSubject(input.mentions, input.ctx, { pool: 'children', self })
  const when = readWhen(diaper.rest.replace(/\b(?:with|had|has)\b/g, ' '), input.clock)
  if (!subject || !when) return undefined
  return { kind: 'log_diaper', subject, at: when.at, wet: isWet, dirty: isDirty }
}
