/**
 * Text helpers for the gate: one normal form for every rule, and the qualifiers that keep a sign
 * phrase from firing when it is negated, historical, hypothetical or figurative. The cue lists follow
 * `emergency.false_positive_guidance` in health-facts.json ("Do not fire on negated, resolved-and-normal,
 * historical, hypothetical, third-party objects, hyperbole … When unsure, escalate to a human"), so each
 * list is kept narrow: a cue that is too broad would silence a real emergency.
 */

/**
 * Lower case, one kind of apostrophe and quote, apostrophes inside words dropped ("can't" → "cant",
 * "Maya's" → "mayas"), a decimal comma read as a point ("38,4" → "38.4"), whitespace collapsed.
 */
export function normalise(text: string): string {
  return text
    .replace(/º/g, '°')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(/\b(\d{2,3}),(\d)\b/g, '$1.$2')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A sentence of the normalised text and where it starts in it. */
export interface Sentence {
  text: string
  start: number
}

/** Splits at . ! ? ; and newlines, but not inside a decimal number ("38.4"). */
export function sentences(normalised: string): Sentence[] {
  const out: Sentence[] = []
  const re = /[^.!?;\n]+(?:\.(?=\d)[^.!?;\n]*)*/g
  for (const m of normalised.matchAll(re)) {
    const text = m[0]
    if (text.trim()) out.push({ text, start: m.index })
  }
  return out
}

// A clause boundary for the look-back window: punctuation or a conjunction that starts a new statement.
// "or"/"nor" are not boundaries, so "no fever or seizures" stays negated.
const CLAUSE_BREAK =
  /(?:[,:()]|\b(?:and|but|however|although|though|now|then|so|because|cause|plus|also|while|after|until|when)\b)/g

// Look-back and look-ahead are bounded, so a 60,000-character message costs linear time, not quadratic.
const REACH = 160

/** Up to `words` words before `index` in `sentence`, stopping at the last clause boundary. */
export function windowBefore(sentence: string, index: number, words = 4): string {
  const before = sentence.slice(Math.max(0, index - REACH), index)
  let cut = 0
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = m.index + m[0].length
  return before.slice(cut).trim().split(' ').filter(Boolean).slice(-words).join(' ')
}

// Not negations: uncertainty ("not sure if it's a seizure"), continuation ("she hasn't stopped seizing") and
// "no" as an interjection before a subject ("NO he is choking").
const NOT_NEGATION =
  /\b(?:not|dont|didnt|doesnt|cant|cannot) (?:sure|certain|know|tell|think)\b|\b(?:not|never|hasnt|havent|hadnt|didnt|doesnt|dont|isnt|wasnt|wont) (?:stopped|stopping|stop|ended|ending|finished|quit)\b|\bno (?=(?:she|he|they|i|im|baby|the baby|it|its|hes|shes|my|her|his|theyre)\b)/g
const NEGATION =
  /\b(?:no|not|never|without|isnt|wasnt|arent|werent|hasnt|havent|hadnt|didnt|doesnt|dont|aint|nor|zero|denies|free of)\b(?!,)/

/** "no seizure", "she isn't choking", "hasn't had trouble breathing". */
export function isNegated(window: string): boolean {
  return NEGATION.test(window.replace(NOT_NEGATION, ' '))
}

// An explicit time in the past. "Yesterday", "last night", "earlier" and "in the past hour" are recent: they fire.
// Each cue is narrow: "when she was eating" and "the worst headache I've ever had" are not history.
const HISTORY =
  /\b(?:last (?:year|month|week|summer|winter|spring|fall|autumn|christmas|time)|(?:\d+|a|an|one|two|three|four|five|six|few|couple(?: of)?|several) (?:days|weeks|months|years|year|month|week) ago|years? ago|months? ago|weeks? ago|when (?:she|he|they|i) (?:was|were) (?:a baby|a newborn|an infant|little|younger|small|tiny|born|\d+)|history of|used to|in the past(?! (?:\d+ |few |couple of |half an? )?(?:hours?|minutes?|mins?|day|24|hour))|as a (?:baby|newborn|toddler)|back then|back in (?:19|20)\d\d|in (?:19|20)\d\d|once before|(?:has|have|had|did) (?:she|he|they|you|\p{L}+) ever)\b/u
const PRESENT = /\b(?:right now|rn|currently|again|at the moment|as we speak|happening now|still)\b/

/**
 * "had a seizure last year", "history of febrile seizures" — unless the sentence says it is happening now.
 * With `index`, only the clause around that position counts ("she was fine last week, now not breathing").
 */
export function isHistorical(sentence: string, index?: number): boolean {
  if (flags(sentence).present) return false
  return HISTORY.test(index === undefined ? sentence : clauseAround(sentence, index))
}

/** The clause of `sentence` that contains `index`: between the clause boundaries around it. */
export function clauseAround(sentence: string, index: number): string {
  const from = Math.max(0, index - REACH)
  let start = from
  for (const m of sentence.slice(from, index).matchAll(CLAUSE_BREAK)) start = from + m.index + m[0].length
  const rest = sentence.slice(index, index + REACH)
  const end = [...rest.matchAll(CLAUSE_BREAK)].find((m) => m.index > 0)?.index
  return sentence.slice(start, index + (end ?? rest.length))
}

let lastFlags: { sentence: string; present: boolean; joke: boolean; general: boolean } | undefined

/** Whole-sentence cues, computed once per sentence however many matches it holds. */
function flags(sentence: string) {
  if (lastFlags?.sentence !== sentence) {
    lastFlags = {
      sentence,
      present: PRESENT.test(sentence),
      joke: JOKE.test(sentence.replace(NOT_A_JOKE, ' ')),
      general: GENERAL_QUESTION.test(sentence),
    }
  }
  return lastFlags
}

// Jokes and hyperbole anywhere in the sentence ("I'm about to have a seizure lol").
const JOKE = /(?:\b(?:lol+|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|jk|jking|kidding|joking)\b|😂|🤣|😆|😅|😜|🙃|😹)/u
// "Not joking", "no joke", "this isn't a joke": the opposite of a joke.
const NOT_A_JOKE = /\b(?:not|no|isnt|im not|i am not|aint|not even) (?:joking|kidding|a joke|joke|lying)\b/g
// Hypothetical or general questions just before the sign ("what should I do if she has a seizure").
const HYPOTHETICAL =
  /\b(?:what if|in case|(?:what|how) (?:should|would|do|can) (?:i|we) (?:do|know|tell)(?: if)?|how to (?:tell|know)|what are the signs|what does .{0,30}look like|if (?:she|he|they|baby|the baby|my \w+) (?:ever|starts?|gets?|has|had|were)|(?:about|going|gonna|gunna) to (?:have|get|give)|(?:ill|id|i will|i would|i could|i might|i may) (?:have|get)|(?:almost|nearly) (?:gave|give|had)|(?:gave|give|giving) me)\b/
// A pet, a toy, a character or a device as the subject of the sign ("the dog is choking", "her doll's lips are
// blue", "the baby monitor isn't responding"): the word right before it, past "is", "keeps" and the like.
const THIRD_PARTY =
  /\b(?:dogs?|cats?|pupp(?:y|ies)|kittens?|dolls?|dolly|teddy|teddies|hamsters?|fish|birds?|parrots?|pets?|characters?|cartoon|monitor|phone|app|wifi|router|laptop|computer|printer|alexa|remote)(?: (?:is|are|was|s|has|keeps|kept|just|started|seems))*$/
// A question about the sign in general ("what does a seizure look like?", "is it normal for newborns to …").
const GENERAL_QUESTION = /\bwhat (?:does|do|would) .{0,40}\blook like\b|\bis it normal (?:for|that|when)\b/
// Something seen or read, anywhere before the sign ("watched a show where a kid had a seizure", "on TV").
const MEDIA =
  /\b(?:(?:show|movie|film|episode|video|clip|book|story|article|cartoon|documentary|podcast|post|reel)s? (?:where|about|in which|of|on)|on (?:tv|the news|youtube|tiktok|instagram|facebook))\b/

/** True when the sign in this sentence is a joke, a hypothetical, about a pet or toy, or seen on a screen. */
export function isFigurative(sentence: string, index: number): boolean {
  const f = flags(sentence)
  if (f.joke || f.general) return true
  if (HYPOTHETICAL.test(windowBefore(sentence, index, 7))) return true
  if (MEDIA.test(sentence.slice(Math.max(0, index - REACH), index))) return true
  return THIRD_PARTY.test(windowBefore(sentence, index, 5))
}

/** The pattern occurs somewhere in the message, not negated and not figurative ("no vomiting" does not count). */
export function occurs(pattern: RegExp, normalised: string): boolean {
  for (const s of sentences(normalised)) {
    for (const m of s.text.matchAll(globalOf(pattern))) {
      const i = m.index ?? 0
      if (!isNegated(windowBefore(s.text, i)) && !isFigurative(s.text, i)) return true
    }
  }
  return false
}

const globals = new WeakMap<RegExp, RegExp>()

/** The same pattern with the g flag, compiled once, for matchAll. */
export function globalOf(pattern: RegExp): RegExp {
  let g = globals.get(pattern)
  if (!g) {
    g = pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`)
    globals.set(pattern, g)
  }
  return g
}

const SELF = new Set(['i', 'im', 'ive', 'id', 'me', 'my', 'myself', 'mine'])
// biome-ignore format: a word list reads better packed
const OTHER = new Set([
  'she', 'shes', 'he', 'hes', 'her', 'him', 'his', 'they', 'theyre', 'them', 'baby', 'babys', 'son', 'daughter',
  'kid', 'child', 'toddler', 'newborn', 'infant', 'boy', 'girl', 'grandpa', 'grandma', 'dad', 'mom', 'husband',
])

/**
 * Who the nearest subject before `index` is: the sender ("I'm very sleepy"), someone else ("she has a stiff
 * neck", a dependent's name), or nobody named.
 */
export function subjectBefore(sentence: string, index: number, names: string[]): 'self' | 'other' | 'none' {
  const tokens = sentence
    .slice(Math.max(0, index - REACH), index)
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .slice(-8)
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] ?? ''
    if (SELF.has(t)) return 'self'
    if (OTHER.has(t) || names.some((n) => t === n || t === `${n}s`)) return 'other'
  }
  return 'none'
}

/** A question rather than a statement: a trailing "?" or a question word first. */
export function isQuestion(normalised: string): boolean {
  return (
    /\?\s*$/.test(normalised) ||
    /^(?:can|could|may|should|is|are|does|do|how|when|what|why|where|which|who)\b/.test(normalised)
  )
}

/** Words as they appear, for fuzzy brand matching. */
export function words(normalised: string): string[] {
  return normalised.match(/[\p{L}]+(?:'[\p{L}]+)?/gu) ?? []
}

/** Damerau–Levenshtein (optimal string alignment) distance, capped: returns max+1 once it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    rows.push(row)
  }
  return rows[a.length]?.[b.length] ?? max + 1
}
