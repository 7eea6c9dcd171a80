/**
 * Finds an emergency sign happening now: EMERG-SOS, EMERG-MATERNAL-*, EMERG-CHILD-* (gate_rules). A phrase
 * fires unless it is negated, historical, figurative or (where the sign allows it) resolved; see text.ts.
 */
import { CHILD_SIGNS } from './child-signs.js'
import { MATERNAL_SIGNS, MATERNAL_TEXT } from './maternal-signs.js'
import type { Sign } from './signs.js'
import {
  globalOf,
  isFigurative,
  isHistorical,
  isNegated,
  occurs,
  type Sentence,
  sentences,
  subjectBefore,
  windowBefore,
} from './text.js'

export interface EmergencyContext {
  /** The sender is pregnant or within 12 months postpartum, by the record. */
  maternalRecord: boolean
  /** Names and nicknames of the family's dependents, normalised: a sentence about one is not about the sender. */
  dependentNames: string[]
}

export interface EmergencyHit {
  sign: Sign
  maternal: boolean
}

// EMERG-SOS — product rule (architecture.md: "SOS" reaches every emergency contact): the message starts or ends
// with the word SOS, or is the /sos command. A question about the feature ("how does sos work?") is not one.
const SOS = /^\/?sos\b|\bsos[\s!.]*$/
const SOS_QUESTION = /^(?:how|what|where|why|when|does|do|can|is|are|who|which)\b/

export const SOS_SIGN: Sign = { id: 'EMERG-SOS', label: 'an SOS', patterns: [SOS], call911: true }

export function findEmergency(normalised: string, ctx: EmergencyContext): EmergencyHit | undefined {
  if (SOS.test(normalised) && !SOS_QUESTION.test(normalised)) return { sign: SOS_SIGN, maternal: false }
  const maternalText = MATERNAL_TEXT.test(normalised)
  for (const sentence of sentences(normalised)) {
    for (const sign of MATERNAL_SIGNS) {
      if (sign.needsMaternalContext && !ctx.maternalRecord && !maternalText) continue
      const fires = (s: Sentence, index: number) =>
        !sign.needsMaternalContext || maternalText || subjectBefore(s.text, index, ctx.dependentNames) !== 'other'
      if (signFires(sign, sentence, normalised, ctx, fires)) return { sign, maternal: true }
    }
    for (const sign of CHILD_SIGNS) {
      if (signFires(sign, sentence, normalised, ctx)) return { sign, maternal: false }
    }
  }
  return undefined
}

function signFires(
  sign: Sign,
  sentence: Sentence,
  whole: string,
  ctx: EmergencyContext,
  extra?: (s: Sentence, index: number) => boolean,
): boolean {
  if (!anyPattern(sign).test(sentence.text)) return false
  if (sign.except?.test(sentence.text)) return false
  if (sign.requires && !occurs(sign.requires, whole)) return false
  for (const pattern of sign.patterns) {
    for (const m of sentence.text.matchAll(globalOf(pattern))) {
      if (qualifies(sign, m, sentence, whole, ctx, extra)) return true
    }
  }
  return false
}

const unions = new WeakMap<Sign, RegExp>()

/** All of a sign's patterns as one regex: one cheap test decides whether the sentence needs a closer look. */
function anyPattern(sign: Sign): RegExp {
  let re = unions.get(sign)
  if (!re) {
    re = new RegExp(sign.patterns.map((p) => `(?:${p.source})`).join('|'))
    unions.set(sign, re)
  }
  return re
}

/** The match is happening now, to the person the sign is about. */
function qualifies(
  sign: Sign,
  m: RegExpMatchArray,
  sentence: Sentence,
  whole: string,
  ctx: EmergencyContext,
  extra?: (s: Sentence, index: number) => boolean,
): boolean {
  const index = m.index ?? 0
  if (isHistorical(sentence.text, index)) return false
  if (isNegated(windowBefore(sentence.text, index))) return false
  if (isFigurative(sentence.text, index)) return false
  if (sign.notSelf && subjectBefore(sentence.text, index, ctx.dependentNames) === 'self') return false
  if (sign.resolvedBy?.test(whole.slice(sentence.start + index + m[0].length))) return false
  return !extra || extra(sentence, index)
}
