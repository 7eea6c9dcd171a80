import type { AmendUnit, CorrectionCommand, ParseContext } from './types.js'
import { bareBottleUnit, ML_PER_TSP, NUM, ozToMl, round, toNumber } from './units.js'
import { readWhen } from './when.js'

/** Openers that mark a correction and carry nothing else: "oops, make that 90ml". */
const OPENER = /^(?:(?:no|nope|sorry|oops|oh|wait|actually|correction|wrong|my bad|err|um)\b[\s,:!.-]*)+/
const UNDO =
  /^(?:undo(?: that| it| last| the last one| last entry| the last entry)?|delete (?:that|it|last|the last one|last entry|the last entry)|scratch that|cancel (?:that|last)|that was wrong|wrong entry)$/
const LEAD =
  /^(?:make (?:that|it)|change (?:that|it) to|(?:it|that) should (?:be|have been)|should (?:be|have been)|(?:it|that) was(?: actually)?|was actually|i meant|meant|(?:the )?time (?:was|is|should be))\s+(.+)$/
/** "she only had 60": a feed amount restated; the number is read as a bare bottle number. */
const HAD_ONLY = new RegExp(
  `^(?:(?:she|he|they|it) )?(?:(only|actually|just) )*(?:had|drank|took|ate|finished)(?: only)? (${NUM})$`,
)
const AMOUNT = new RegExp(String.raw`^(${NUM})\s*(ml|oz|tsp|mg|kg|g|lb|c|f|min)$`)

/** "undo", "make that 90ml", "that was at 2:30 not 3": about the sender's own last entry. */
export function parseCorrection(text: string, ctx: ParseContext): CorrectionCommand | undefined {
  const opened = text.replace(OPENER, '')
  const hadOpener = opened !== text
  const t = opened.trim()
  if (UNDO.test(t)) return { kind: 'undo' }
  const only = restated(t, hadOpener, ctx)
  if (only) return only
  const lead = LEAD.exec(t)
  // "oops 90ml" is a correction; a bare "90ml" is a new bottle.
  const body = lead?.[1] ?? (hadOpener ? t : undefined)
  if (!body) return undefined
  const [said, not] = body.split(/\s*,?\s+(?:not|instead of)\s+/)
  if (said === undefined || body.split(/\s+(?:not|instead of)\s+/).length > 2) return undefined
  const amount = amountOf(said)
  if (amount) return not === undefined || amountOf(not) || toNumber(not) !== undefined ? amount : undefined
  const clock = { now: ctx.now, timezone: ctx.timezone }
  const when = readWhen(said, clock)
  if (!when || when.end || !/\d|noon|midnight|ago/.test(said)) return undefined
  if (not === undefined) return { kind: 'amend_time', at: when.at }
  const was = readWhen(/^\d/.test(not) ? `at ${not}` : not, clock)
  return was && !was.end && /\d|noon|midnight|ago/.test(not)
    ? { kind: 'amend_time', at: when.at, was: was.at }
    : undefined
}

/** "no wait she only had 60" (ml), "actually she drank 3" (oz): after an opener or with "only"/"actually". */
function restated(text: string, hadOpener: boolean, ctx: ParseContext): CorrectionCommand | undefined {
  const m = HAD_ONLY.exec(text)
  const value = toNumber(m?.[2] ?? '')
  if (!m || value === undefined || !(hadOpener || m[1] || / only /.test(text))) return undefined
  const unit = bareBottleUnit(value, ctx.locale)
  if (!unit) return undefined
  const ml = unit === 'oz' ? ozToMl(value) : value
  return { kind: 'amend_amount', amount: { value, unit, ml } }
}

function amountOf(text: string): CorrectionCommand | undefined {
  const m = AMOUNT.exec(text.trim())
  const value = toNumber(m?.[1] ?? '')
  if (!m || value === undefined || value <= 0) return undefined
  const unit = (m[2] === 'c' || m[2] === 'f' ? m[2].toUpperCase() : m[2]) as AmendUnit
  const amount: Extract<CorrectionCommand, { kind: 'amend_amount' }>['amount'] = { value, unit }
  if (unit === 'ml') amount.ml = value
  if (unit === 'oz') amount.ml = ozToMl(value)
  if (unit === 'tsp') amount.ml = round(value * ML_PER_TSP, 2)
  return { kind: 'amend_amount', amount }
}
