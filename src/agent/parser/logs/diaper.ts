import { cutAll, type Input } from '../grammar.js'
import { resolveSubject } from '../subject.js'
import type { LogCommand } from '../types.js'
import { readWhen } from '../when.js'

const WET = /\b(?:wet|pee|peed|pees|peeing|wee|urine|soaked|soaking)\b|(?<!\S)(?:#\s?1|number (?:1|one))\b/g
const DIRTY =
  /\b(?:dirty|poop|poopy|pooped|poops|pooping|poo|pooey|poopie|bm|soiled|blowout|blow-out|blow out|messy)\b|(?<!\S)(?:#\s?2|number (?:2|two))\b/g
const BOTH = /\b(?:both|mixed)\b/g
const DIAPER = /\b(?:diaper change|diaper|changed|change)\b/g
/** "a wet one": the diaper, said again. */
const ONE = /\b(?:one)\b/g
/**
 * How big, which colour, how it looked: details a log keeps in no field, so they do not stop one. Red,
 * black or white stool and blood or mucus are not here: those are for a person to read.
 */
const DETAIL =
  /\b(?:big|huge|massive|giant|enormous|large|small|little|tiny|yellow|green|greenish|brown|mustard|orange|tan|seedy|runny|loose|soft|mushy|pasty|thick|up (?:the|her|his) back|everywhere|all over|a lot|lots|very|super|so)\b/g

/** "wet diaper", "dirty+wet", "poop", "#2", "changed a wet and dirty diaper at 3", "huge blowout". */
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
  const rest = cutAll(cutAll(diaper.rest, ONE).rest, DETAIL).rest
  const when = readWhen(rest.replace(/\b(?:with|had|has)\b/g, ' '), input.clock)
  if (!subject || !when) return undefined
  return { kind: 'log_diaper', subject, at: when.at, wet: isWet, dirty: isDirty }
}
