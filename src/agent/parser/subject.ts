import { editDistance } from '../../domain/safety/text.js'
import type { ParseContext, SubjectRef } from './types.js'

/** Who a message mentions, and the text with those mentions cut out for the grammars. */
export interface Mentions {
  rest: string
  /** The text with each name as "@": "May took 4oz" is "@ took 4oz", not a question that starts with "may". */
  marked: string
  /** One candidate set of dependent ids per name or nickname found ("Maya's" → [dep_maya]). */
  named: string[][]
  /** A member who is not a dependent was named (the nanny): giver or subject, the parser cannot tell. */
  otherMember: boolean
  /** she, he, her, him, they… */
  pronoun: boolean
  /** "the baby", "my son": a child without a name. */
  child: boolean
  /** "I", "me", "my" appeared. */
  self: boolean
}

/**
 * What "I/my" means in a grammar: `subject` ("took my metformin"), `actor` ("I gave her tylenol": the
 * sender is the giver) or `reject` ("I'm awake" is not about a child: give up).
 */
export type SelfRole = 'subject' | 'actor' | 'reject'

export interface SubjectRule {
  /** Whom a pronoun or a missing name can mean: `children` for feeds, sleep and diapers, else `all`. */
  pool: 'children' | 'all'
  self: SelfRole
  /** With no name at all, a sender who is a dependent means themselves ("took morning pills"). */
  implicitSelf?: boolean
}

const CHILD =
  /\b(?:(?:the|my|our|your)\s+)?(?:baby (?:girl|boy)|(?:little|lil) (?:one|girl|boy|man|guy|lady)|baby|kiddo|kid|son|daughter|infant|newborn)\b/g
const PRONOUN = /\b(?:she|he|her|him|his|hers|herself|himself|they|them|their)\b/g
const SELF = /\b(?:i|me|my|myself|mine)\b/g

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const clean = (s: string) => s.toLowerCase().normalize('NFKC').replace(/\s+/g, ' ').trim()

/** Every word that names someone → the dependent ids it can mean (`member:` for a non-dependent). */
function aliases(ctx: ParseContext): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>()
  const add = (alias: string, target: string) => {
    const key = clean(alias)
    if (key.length < 2) return
    const set = map.get(key) ?? new Set<string>()
    set.add(target)
    map.set(key, set)
  }
  for (const d of ctx.dependents) {
    for (const alias of [d.name, d.name.split(/\s+/)[0] ?? '', ...d.nicknames]) {
      // "Leo-bear" is typed "leo bear" and "leobear" too.
      for (const spelled of new Set([alias, alias.replace(/[-\s]+/g, ' '), alias.replace(/[-\s]+/g, '')])) {
        add(spelled, d.id)
      }
    }
  }
  for (const m of ctx.members) {
    const target = m.dependentId ?? `member:${m.id}`
    for (const alias of [m.name, m.name.split(/\s+/)[0] ?? '']) add(alias, target)
  }
  return map
}

/**
 * Words that are never a typo of a name, even one edit from one: who else a family talks about, and
 * the common English words a care log starts with ("been" is one edit from "Bean", "mama" from "Maya").
 */
const NOT_A_NAME = new Set(
  `mama mamma momma mom mum mommy mummy dad dada daddy papa grandma grandpa gramma grampa granny nana nanna
  nanny baby babe aunt auntie uncle sister brother kids
  the this that these those then than they them their there here were where when what who whom whose which
  why how have has had having was been being are is am be did does done doing went gone goes going come came
  just only also even ever still very much more most less some many any all both each every none
  with from into onto over under about after before again once since until till while during
  she her hers him his its our ours your yours mine
  one two three four five six seven eight nine ten
  ate eat eats fed feed feeds fell fine good great well made make makes male mayo meds med nap naps nope
  yes yeah yep okay sure thanks thank please sorry oops wait maybe lol haha ugh
  seen been bean bear dear deer near year lean mean meal leak leap lead read real heal
  mile mill miles mind mine line link like lime time tide ride side wide wife life lift left lent
  nine none nose note noted notes`.split(/\s+/),
)

/** Names of 4+ letters, where one typo still leaves them unmistakable ("Leo" one edit off is "leg"). */
const FUZZY_MIN = 4

/**
 * Where a typo'd name can stand: first in the message, after a care verb or "for/to", or possessive
 * ("Mya's bottle"). Anywhere else a word one edit from a name is more likely a word.
 */
const NAME_SLOT = /(?:^\s*|\b(?:fed|gave|changed|nursed|breastfed|for|to)\s+)$/

/**
 * A word one edit away (a swap counts as one) from a name of 4+ letters, with the same first letter:
 * "mayaa", "Mya" are Maya. Only when exactly one person is that close and the word is not itself a
 * common word; undefined else.
 */
function nearName(word: string, names: Map<string, Set<string>>): Set<string> | undefined {
  if (word.length < 3 || NOT_A_NAME.has(word) || names.has(word)) return undefined
  const near = new Set<string>()
  for (const [alias, targets] of names) {
    // A typo keeps the first letter: "muddy" is not "Buddy".
    if (alias.length < FUZZY_MIN || !/^[a-z]+$/.test(alias) || alias[0] !== word[0]) continue
    if (editDistance(word, alias, 1) <= 1) for (const t of targets) near.add(t)
  }
  return near.size === 1 ? near : undefined
}

/** Names that are also verbs: "may i give her tylenol" asks permission, it does not name May. */
const MODALS = new Set(['may', 'will', 'can'])

/** Finds names (possessive too), child nouns, pronouns and I/me/my, longest name first. */
export function findMentions(text: string, ctx: ParseContext): Mentions {
  const names = aliases(ctx)
  const order = ctx.dependents.map((d) => d.id)
  const named: string[][] = []
  let otherMember = false
  let rest = text
  if (names.size > 0) {
    const alternatives = [...names.keys()]
      .sort((a, b) => b.length - a.length)
      .map((n) => (MODALS.has(n) ? `${escapeRegExp(n)}(?!\\s+(?:i|we|you|she|he|they|it)\\b)` : escapeRegExp(n)))
    const re = new RegExp(`(?<![\\p{L}\\p{N}'])(${alternatives.join('|')})(?:'s|s'|')?(?![\\p{L}\\p{N}])`, 'gu')
    rest = rest.replace(re, (_, name: string) => {
      const targets = [...(names.get(name) ?? [])]
      if (targets.some((t) => t.startsWith('member:'))) otherMember = true
      const ids = order.filter((id) => targets.includes(id))
      if (ids.length > 0) named.push(ids)
      return ' @ '
    })
    rest = rest.replace(/(?<![\p{L}\p{N}'@])([a-z]+)('s)?(?![\p{L}\p{N}'])/gu, (...m) => {
      const [word, bare, possessive, at, whole] = m as [string, string, string | undefined, number, string]
      const slot = possessive !== undefined || NAME_SLOT.test(whole.slice(0, at))
      const near = slot ? nearName(bare, names) : undefined
      if (!near) return word
      const targets = [...near]
      if (targets.some((t) => t.startsWith('member:'))) otherMember = true
      else named.push(targets)
      return ' @ '
    })
  }
  const marked = rest.replace(/\s+/g, ' ').trim()
  rest = rest.replace(/ @ /g, ' ')
  const noChild = rest.replace(CHILD, ' ')
  const noPronoun = noChild.replace(PRONOUN, ' ')
  const noSelf = noPronoun.replace(SELF, ' ')
  return {
    rest: noSelf.replace(/\s+/g, ' ').trim(),
    marked,
    named,
    otherMember,
    child: noChild !== rest,
    pronoun: noPronoun !== noChild,
    self: noSelf !== noPronoun,
  }
}

/** Explicit names win, then "the baby", then pronouns, then I/my; nobody named → the rule's pool. */
export function resolveSubject(m: Mentions, ctx: ParseContext, rule: SubjectRule): SubjectRef | undefined {
  if (m.otherMember) return undefined
  const distinct = [...new Map(m.named.map((ids) => [ids.join(','), ids])).values()]
  if (distinct.length > 1) return undefined
  const [ids] = distinct
  if (ids) return refOf(ids)
  if (m.child) return poolRef(ctx, 'children')
  if (m.pronoun) return poolRef(ctx, rule.pool)
  if (m.self && rule.self === 'subject') return { self: true }
  if (m.self && rule.self === 'reject') return undefined
  if (rule.self === 'subject' && rule.implicitSelf && ctx.self.dependentId) return { self: true }
  return poolRef(ctx, rule.pool)
}

function refOf(ids: string[]): SubjectRef | undefined {
  const [only] = ids
  if (!only) return undefined
  return ids.length === 1 ? { dependentId: only } : { ambiguous: ids }
}

/** The subject is a child, or one of several children: never an adult cared for, never the sender. */
export function isChild(ref: SubjectRef, ctx: ParseContext): boolean {
  const ids = 'dependentId' in ref ? [ref.dependentId] : 'ambiguous' in ref ? ref.ambiguous : []
  const children = new Set(childrenOf(ctx).map((d) => d.id))
  return ids.length > 0 && ids.every((id) => children.has(id))
}

function childrenOf(ctx: ParseContext): ParseContext['dependents'] {
  const adults = new Set(ctx.members.map((m) => m.dependentId).concat(ctx.self.dependentId))
  return ctx.dependents.filter((d) => !adults.has(d.id))
}

/**
 * The dependents a pronoun or a missing name can mean. Children are dependents who are not also
 * members (grandpa texts for himself): a family with one child and grandpa needs no name for a feed.
 */
function poolRef(ctx: ParseContext, pool: 'children' | 'all'): SubjectRef | undefined {
  const children = childrenOf(ctx)
  const chosen = pool === 'children' && children.length > 0 ? children : ctx.dependents
  return refOf(chosen.map((d) => d.id))
}
