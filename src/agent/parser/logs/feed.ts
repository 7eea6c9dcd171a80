import { cutAll, type Input } from '../grammar.js'
import { resolveSubject, type SubjectRule } from '../subject.js'
import type { BreastPart, Feed, LogCommand } from '../types.js'
import { bareBottleUnit, NUM, ozToMl, plausibleBottleMl, round, toNumber } from '../units.js'
import { leftover, readWhen, splitWhen } from '../when.js'

const BREAST_VERB = /\b(?:nursed|nursing|breast ?fed|breastfeeding|bf)\b/g
const SIDE_FIRST = /\b(left|right|l|r)(?: side)?\s*(?:for\s+)?(\d{1,2})\s*(?:m|min)?\b(?!\s*(?:ago|:|\.\d))/g
const MINUTES_FIRST = /\b(\d{1,2})\s*(?:m|min)?\s*(?:on\s+)?(?:the\s+)?(left|right|l|r)\b(?: side)?/g
const BOTH = /\bboth(?: sides)?\b(?:\s+(?:for\s+)?(\d{1,2})\s*min(?: each)?)?/g
const ONE_SIDE = /\b(?:(?:from|on) (?:the )?)?(left|right)(?: side| breast| boob)?\b/g
const TOTAL_MINUTES = /\b(?:for\s+)?(\d{1,3})\s*min\b(?!\s*ago)/g
/**
 * "nursed for 20", "nursed 25": a unitless number after nursing is minutes when it cannot be a clock hour
 * ("for", or 13–90); "nursed 10" could be 10 o'clock and is not read.
 */
const NURSE_MINUTES =
  /^(?:for\s+(\d{1,2})|(1[3-9]|[2-8]\d|90))(?![\d:.])(?!\s*(?:am|pm|oz|ml|ago|min|m|h|hrs?|hours?)\b)/
/** "nursing session": the same nursing, said in more words. */
const SESSION = /\b(?:session|feed|feeding)\b/g
const VOLUME = new RegExp(String.raw`(${NUM})\s*(ml|oz)\b`, 'g')
const BARE = new RegExp(
  String.raw`\b(?:fed|bottle|drank|had|took|finished|feed)\s+(?:a\s+)?(?:bottle\s+)?(?:of\s+)?(${NUM})(?![\w.:/])(?!\s*(?:am|pm|min|h|hrs?|hours?|ago|ml|oz)\b)`,
  'g',
)
const MILK =
  /\b(formula|similac|enfamil|kendamil|bobbie|nutramigen|alimentum|breastmilk|expressed milk|pumped milk|ebm|(?:(?:whole|cow'?s|oat|almond|soy|toddler)\s+)?milk)\b/g
/** "15 min each side": both sides, that long each. */
/** "L then R", "left and right": both sides, no minutes. */
const THEN =
  /\b(?:(?:l|left)(?: side)?\s*(?:then|and|&|\+|\/|,)\s*(?:r|right)|(?:r|right)(?: side)?\s*(?:then|and|&|\+|\/|,)\s*(?:l|left))(?: side)?\b/g
const EACH =
  /\b(?:for\s+)?(\d{1,2})\s*min\s+(?:on\s+)?(?:each|per|a)\s+side\b|\beach side\s+(?:for\s+)?(\d{1,2})\s*min\b/g
/** Without a nursing verb, "fed" with a side is a breastfeed: "fed on left side 10 min". */
const FED_SIDE = /\bfed\b.*\b(?:left|right|both sides|[lr]\s*\d)/
const VERB =
  /\b(?:fed|drank|ate|had|took|finished|bottle ?fed|bottle|gave|feed|done|downed|down|(?:the )?(?:whole|entire)|all(?: of)?(?: (?:her|his|the))?)\b/g
/** Under 30 ml an amount could be a dose: only a feed word or a milk makes it a feed. */
const FEEDISH = /\b(?:fed|drank|ate|finished|bottle|feed|formula|breastmilk|ebm|milk)\b/

const rule = (text: string): SubjectRule => ({
  pool: 'children',
  self: /\b(?:fed|gave|nursed|breastfed)\b/.test(text) ? 'actor' : 'reject',
})

/** "fed 120ml at 3", "4oz formula 20 min ago", "nursed L 15 R 10", "ate banana". */
export function parseFeed(input: Input): LogCommand | undefined {
  // "feed 120ml" is a log line; "feed her 4oz at 3" is an instruction for later.
  if (/\bfeed\b/.test(input.text) && !/^feed:?\s+\d/.test(input.text)) return undefined
  const feed = breast(input.rest) ?? bottle(input.rest, input.ctx.locale) ?? solids(input)
  if (!feed) return undefined
  const subject = resolveSubject(input.mentions, input.ctx, rule(input.text))
  const when = readWhen(feed.rest, input.clock)
  if (!subject || !when) return undefined
  return { kind: 'log_feed', subject, at: when.at, feed: feed.feed }
}

type Found = { feed: Feed; rest: string } | undefined

function minutes(text: string | undefined): number | undefined {
  const n = Number(text)
  return n >= 1 && n <= 90 ? n : Number.NaN
}

const sideOf = (s: string | undefined): 'L' | 'R' => (s?.startsWith('l') ? 'L' : 'R')

function breast(text: string): Found {
  const verb = cutAll(text, BREAST_VERB)
  let t = verb.rest.replace(/\bfed\b/, ' ')
  let parts: BreastPart[] = []
  const sideFirst = cutAll(t, SIDE_FIRST)
  const minutesFirst = cutAll(t, MINUTES_FIRST)
  if (sideFirst.found.length > 0) {
    parts = sideFirst.found.map((m) => ({ side: sideOf(m[1]), minutes: minutes(m[2]) }))
    t = sideFirst.rest
  } else if (minutesFirst.found.length > 0) {
    parts = minutesFirst.found.map((m) => ({ side: sideOf(m[2]), minutes: minutes(m[1]) }))
    t = minutesFirst.rest
  }
  // Without a verb only two sides with minutes say "breast": "L 15 R 10"; or "fed" with a side.
  if (verb.found.length === 0 && parts.length < 2 && !FED_SIDE.test(text)) return undefined
  t = cutAll(t, SESSION).rest
  if (parts.length === 0) ({ parts, rest: t } = unpaired(t))
  if (parts.length === 0 && verb.found.length > 0) ({ parts, rest: t } = bareMinutes(t))
  if (parts.some((p) => Number.isNaN(p.minutes))) return undefined
  return { feed: { method: 'breast', parts }, rest: t }
}

function bareMinutes(text: string): { parts: BreastPart[]; rest: string } {
  const m = NURSE_MINUTES.exec(text)
  if (!m) return { parts: [], rest: text }
  return { parts: [{ minutes: minutes(m[1] ?? m[2]) }], rest: text.slice(m[0].length) }
}

type Parts = { parts: BreastPart[]; rest: string }

/** "both sides 10 min each", "left side", "for 20 min": sides and minutes not written as pairs. */
function unpaired(text: string): Parts {
  const both = bothSides(text)
  if (both) return both
  const one = cutAll(text, ONE_SIDE)
  const total = cutAll(one.rest, TOTAL_MINUTES)
  if (one.found.length > 1 || total.found.length > 1) return { parts: [], rest: text }
  const [s] = one.found
  const [tm] = total.found
  const part: BreastPart = {}
  if (s) part.side = sideOf(s[1])
  if (tm) part.minutes = minutes(tm[1])
  return { parts: s || tm ? [part] : [], rest: total.rest }
}

/** Both sides: "15 min each side", "L then R", "both sides 10 min each"; undefined when none is said. */
function bothSides(text: string): Parts | undefined {
  const pair = (m: number | undefined, first: 'L' | 'R' = 'L'): BreastPart[] => {
    const side = (s: 'L' | 'R'): BreastPart => (m === undefined ? { side: s } : { side: s, minutes: m })
    return first === 'L' ? [side('L'), side('R')] : [side('R'), side('L')]
  }
  const each = cutAll(text, EACH)
  const [e] = each.found
  if (e)
    return each.found.length === 1 ? { parts: pair(minutes(e[1] ?? e[2])), rest: each.rest } : { parts: [], rest: text }
  const then = cutAll(text, THEN)
  const [t] = then.found
  if (t)
    return then.found.length === 1
      ? { parts: pair(undefined, t[0].startsWith('r') ? 'R' : 'L'), rest: then.rest }
      : { parts: [], rest: text }
  const both = cutAll(text, BOTH)
  const [b] = both.found
  if (!b) return undefined
  const m = b[1] === undefined ? undefined : minutes(b[1])
  return both.found.length === 1 ? { parts: pair(m), rest: both.rest } : { parts: [], rest: text }
}

interface BottleAmount {
  value: number
  unit: 'ml' | 'oz'
  source: 'stated' | 'inferred'
  /** The text without the amount. */
  rest: string
}

/** "120ml", "4 oz"; or a bare "bottle 4" read in the locale's unit where that is plausible. */
function bottleAmount(text: string, locale: string): BottleAmount | undefined {
  const volumes = cutAll(text, VOLUME)
  const [v] = volumes.found
  if (v) {
    if (volumes.found.length > 1) return undefined
    const value = toNumber(v[1] ?? '') ?? Number.NaN
    return { value, unit: v[2] === 'oz' ? 'oz' : 'ml', source: 'stated', rest: volumes.rest }
  }
  const bare = [...text.matchAll(BARE)]
  const [b] = bare
  if (!b || bare.length > 1) return undefined
  const value = toNumber(b[1] ?? '') ?? Number.NaN
  const unit = bareBottleUnit(value, locale)
  if (!unit) return undefined
  return {
    value,
    unit,
    source: 'inferred',
    rest: `${text.slice(0, b.index)} bottle ${text.slice(b.index + b[0].length)}`,
  }
}

function milkOf(word: string | undefined): 'formula' | 'breastmilk' | undefined {
  if (word !== undefined && /^(?:formula|similac|enfamil|kendamil|bobbie|nutramigen|alimentum)$/.test(word))
    return 'formula'
  return word !== undefined && /^(?:breastmilk|expressed milk|pumped milk|ebm)$/.test(word) ? 'breastmilk' : undefined
}

function bottle(text: string, locale: string): Found {
  const amount = bottleAmount(text, locale)
  if (!amount) return undefined
  const ml = amount.unit === 'oz' ? ozToMl(amount.value) : round(amount.value, 1)
  if (!plausibleBottleMl(ml)) return undefined
  // "120ml" alone is a bottle; "5ml" or "took 5ml" could be a dose.
  if (!FEEDISH.test(amount.rest) && ml < 30) return undefined
  const milks = cutAll(amount.rest, MILK)
  if (milks.found.length > 1) return undefined
  const milk = milkOf(milks.found[0]?.[1])
  const feed: Feed = {
    method: 'bottle',
    amountMl: ml,
    original: { value: amount.value, unit: amount.unit },
    unitSource: amount.source,
  }
  if (milk) feed.milk = milk
  return { feed, rest: cutAll(milks.rest, VERB).rest }
}

/** Words after "ate" that are not a food: how it went, or who. */
const NOT_FOOD =
  /\b(?:well|good|great|fine|ok|okay|poorly|badly|bad|lots|lot|little|nothing|everything|all|much|more|less|enough|dog|cat|it|that|this|something|anything|food|lunch|dinner|breakfast|snack|meal)\b/

/** "for lunch": which meal it was, not when (no clock time); kept out of the food's name. */
const MEAL = /\s+for (?:breakfast|lunch|dinner|supper|(?:a |her |his )?snack)$/

/** "ate banana", "solids: rice cereal", "ate mac n cheese for lunch" ("had" is not eating: "had a bath"). */
function solids(input: Input): Found {
  const m = /^(?:(?:had |ate )?(?:breakfast|lunch|dinner|supper|snack)\s*(?::|-|–|—)|ate|solids\s*:?)\s*(.+)$/.exec(
    input.rest,
  )
  if (!m?.[1]) return undefined
  const split = splitWhen(m[1], input.clock)
  if (!split) return undefined
  const food = split.head
    .replace(MEAL, '')
    .replace(/^(?:(?:some|a|an|the|a bit of|a little|half (?:a|an|of)|1\/2(?: (?:a|an|of))?)\s+)+/, '')
    .trim()
  if (!/^[a-z][a-z ,'&-]*$/.test(food) || food.split(' ').length > 8 || NOT_FOOD.test(food)) return undefined
  if (leftover(food) === '') return undefined
  return { feed: { method: 'solids', food }, rest: split.timeText }
}
