/**
 * Coverage of the fast path on the held-out corpus (bench/corpus, written before the parser was tuned):
 * the share of messages with a fast-path label that the parser gets exactly right, with wrong writes
 * (a log or correction that does not match, or any write where the label says "agent") counted apart.
 * Scoring follows bench/corpus/README.md. The baseline is the corpus's own label count.
 */
import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'
import { parseMessage } from '../src/agent/parser/index.js'
import type { ParseContext, ParsedCommand, SubjectRef } from '../src/agent/parser/types.js'
import type { Row } from './support.js'

type Label = 'agent' | ({ kind: string; subject?: string } & Record<string, unknown>)
interface Message {
  id: string
  sender: string
  text: string
  expect: Label
  context?: { sender: string; text: string }[]
  public?: boolean
}
interface Corpus {
  header: {
    now: string
    timeZone: string
    locale: string
    family: {
      members: { key: string; name: string; dependent?: string }[]
      dependents: { key: string; name: string; nicknames: string[] }[]
      regimens: { drug: string; dependent: string }[]
    }
  }
  messages: Message[]
}

const corpus = JSON.parse(readFileSync(new URL('./corpus/fast-path.json', import.meta.url), 'utf8')) as Corpus
const GOAL = 0.8

export async function coverage(): Promise<Row> {
  const { header } = corpus
  const now = DateTime.fromISO(header.now).toJSDate()
  const ctxFor = (sender: string): ParseContext => ({
    now,
    timezone: header.timeZone,
    locale: header.locale,
    dependents: header.family.dependents.map((d) => ({ id: d.key, name: d.name, nicknames: d.nicknames })),
    members: header.family.members.map((m) => ({ id: m.key, name: m.name, dependentId: m.dependent })),
    self: { memberId: sender, dependentId: header.family.members.find((m) => m.key === sender)?.dependent },
    medications: [...new Set(header.family.regimens.map((r) => r.drug))],
  })
  const started = performance.now()
  const { tally, hidden, misses, groups } = score(ctxFor, now, header.timeZone)
  const us = ((performance.now() - started) * 1000) / corpus.messages.length
  const share = tally.correct / tally.labelled
  const hiddenShare = hidden.correct / hidden.labelled
  console.log(`\ncoverage: ${corpus.messages.length} held-out messages (bench/corpus/fast-path.json)`)
  console.log(
    `  handled correctly: ${tally.correct} / ${tally.labelled} labelled = ${pct(share)} (non-public: ${pct(hiddenShare)})`,
  )
  console.log(
    `  deferred to the agent: ${tally.deferred}; asked "which child?": ${tally.asked}; agent-labelled left alone: ${tally.agentOk} / ${tally.agent}`,
  )
  console.log(
    `  wrong writes: ${tally.wrongWrite}; wrong reads: ${tally.wrongRead}; parser ${us.toFixed(0)} µs/message`,
  )
  for (const line of misses.slice(0, 15)) console.log(line)
  printGroups(groups)
  const met = share >= GOAL && tally.wrongWrite === 0
  return {
    scenario: 'coverage',
    figure: `${pct(share)} correct, ${tally.wrongWrite} wrong writes`,
    baseline: `${tally.labelled} labelled messages`,
    ratio: share,
    goal: `≥ ${pct(GOAL)}, 0 wrong writes`,
    met,
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

type Tally = Record<
  'correct' | 'deferred' | 'asked' | 'wrongWrite' | 'wrongRead' | 'labelled' | 'agentOk' | 'agent',
  number
>

function count(tally: Tally, hidden: { correct: number; labelled: number }, m: Message, verdict: Verdict) {
  if (m.expect === 'agent') {
    tally.agent++
    if (verdict === 'ok') tally.agentOk++
  } else {
    tally.labelled++
    if (verdict === 'ok') tally.correct++
    if (!m.public) hidden.labelled++
    if (!m.public && verdict === 'ok') hidden.correct++
  }
  const key = (
    { deferred: 'deferred', asked: 'asked', 'wrong-write': 'wrongWrite', 'wrong-read': 'wrongRead' } as const
  )[verdict as Exclude<Verdict, 'ok'>]
  if (key) tally[key]++
}

function score(ctxFor: (sender: string) => ParseContext, now: Date, zone: string) {
  const tally: Tally = {
    correct: 0,
    deferred: 0,
    asked: 0,
    wrongWrite: 0,
    wrongRead: 0,
    labelled: 0,
    agentOk: 0,
    agent: 0,
  }
  const hidden = { correct: 0, labelled: 0 }
  const misses: string[] = []
  const groups = new Map<string, Group>()
  for (const m of corpus.messages) {
    const verdict = judge(m.expect, parseWithContext(m, ctxFor), m.sender, now, zone)
    count(tally, hidden, m, verdict)
    tallyGroups(groups, m, verdict)
    if (verdict === 'wrong-write') misses.push(`  wrong write ${m.id}: ${JSON.stringify(m.text)}`)
  }
  return { tally, hidden, misses, groups }
}

/** Correct / labelled per kind and per sender: aggregates only, never a message. */
interface Group {
  correct: number
  total: number
}

function tallyGroups(groups: Map<string, Group>, m: Message, verdict: Verdict) {
  const kind = m.expect === 'agent' ? 'agent' : m.expect.kind
  for (const key of [`kind ${kind}`, `sender ${m.sender}`]) {
    const g = groups.get(key) ?? { correct: 0, total: 0 }
    g.total++
    if (verdict === 'ok') g.correct++
    groups.set(key, g)
  }
}

function printGroups(groups: Map<string, Group>) {
  const keys = [...groups.keys()].sort()
  for (const key of keys) {
    const g = groups.get(key)
    if (g) console.log(`  ${key.padEnd(20)} ${String(g.correct).padStart(3)} / ${String(g.total).padStart(3)}`)
  }
}

/** A reply to "Which child?" finishes the command the context message started (as the record stage does). */
function parseWithContext(m: Message, ctxFor: (s: string) => ParseContext): ParsedCommand | undefined {
  const last = m.context?.at(-1)
  if (last) {
    const earlier = parseMessage(last.text, ctxFor(last.sender))
    const ctx = ctxFor(m.sender)
    const wanted = m.text
      .trim()
      .toLowerCase()
      .replace(/[.!?]+$/, '')
    const pick = ctx.dependents.find(
      (d) => d.name.toLowerCase() === wanted || d.nicknames.some((n) => n.toLowerCase() === wanted),
    )
    if (earlier && 'subject' in earlier && 'ambiguous' in earlier.subject && pick) {
      return { ...earlier, subject: { dependentId: pick.id } } as ParsedCommand
    }
  }
  return narrow(parseMessage(m.text, ctxFor(m.sender)))
}

/** As the record stage does: an ambiguous dose or drug question is about the one dependent on that drug. */
function narrow(c: ParsedCommand | undefined): ParsedCommand | undefined {
  if (!c || !('subject' in c) || !('ambiguous' in c.subject) || !('drug' in c) || !c.drug) return c
  const candidates = c.subject.ambiguous
  const drug = c.drug.key
  const takers = new Set(
    corpus.header.family.regimens
      .filter((r) => r.drug === drug && candidates.includes(r.dependent))
      .map((r) => r.dependent),
  )
  return takers.size === 1 ? ({ ...c, subject: { dependentId: [...takers][0] } } as ParsedCommand) : c
}

/**
 * 'asked': the parser could not tell which child and the product asks "Which child?" (nothing is
 * written). It is not counted correct, and not a wrong write.
 */
type Verdict = 'ok' | 'deferred' | 'asked' | 'wrong-write' | 'wrong-read'
const WRITES = /^(log_|undo|amend_)/

function judge(label: Label, got: ParsedCommand | undefined, sender: string, now: Date, zone: string): Verdict {
  if (label === 'agent') return !got ? 'ok' : WRITES.test(got.kind) ? 'wrong-write' : 'wrong-read'
  if (!got) return 'deferred'
  const flat = flatten(got, sender, now, zone)
  if (flat.subject === 'ambiguous' && label.subject && label.subject !== 'ambiguous') return 'asked'
  const ok = Object.entries(label).every(([k, v]) => k === 'why' || matches(k, v, flat[k]))
  if (ok) return 'ok'
  return WRITES.test(got.kind) ? 'wrong-write' : 'wrong-read'
}

function matches(key: string, want: unknown, have: unknown): boolean {
  if (typeof want === 'number' && typeof have === 'number') {
    const tolerance = key === 'ml' ? 1 : key === 'celsius' ? 0.05 : key === 'kg' ? 0.01 : 0
    return Math.abs(want - have) <= tolerance + 1e-9
  }
  return want === have
}

/** The parser's command in the corpus's label vocabulary. */
function flatten(c: ParsedCommand, sender: string, now: Date, zone: string): Record<string, unknown> {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm")
  const when = (d: Date) => (Math.abs(d.getTime() - now.getTime()) < 60_000 ? undefined : local(d))
  const out: Record<string, unknown> = {}
  if ('subject' in c) out.subject = subjectKey(c.subject, sender)
  switch (c.kind) {
    case 'log_feed':
      return { ...out, ...flattenFeed(c.feed), at: when(c.at) }
    case 'log_sleep':
      if (c.event === 'range') {
        return {
          ...out,
          kind: 'sleep_range',
          start: local(c.at),
          end: local(c.end),
          minutes: Math.round((c.end.getTime() - c.at.getTime()) / 60_000),
        }
      }
      return { ...out, kind: `sleep_${c.event}`, at: when(c.at) }
    case 'log_diaper':
      return { ...out, kind: 'diaper', wet: c.wet, dirty: c.dirty, at: when(c.at) }
    case 'log_temperature':
      return {
        ...out,
        kind: 'temperature',
        celsius: Math.round(c.temperature.celsius * 10) / 10,
        site: c.temperature.site,
        at: when(c.at),
      }
    case 'log_growth':
      return { ...out, kind: 'growth', kg: c.measurements.find((x) => x.measure === 'weight')?.value }
    case 'log_dose':
      return {
        ...out,
        kind: 'dose',
        drug: c.drug?.key ?? (c.slot ? `${c.slot} meds` : undefined),
        ml: c.amount?.ml,
        mg: c.amount?.unit === 'mg' ? c.amount.value : undefined,
        at: when(c.at),
      }
    case 'log_note':
      return { ...out, kind: 'note' }
    case 'undo':
      return { kind: 'undo' }
    case 'amend_amount':
      return { kind: 'amend_amount', ml: c.amount.ml }
    case 'amend_time':
      return { kind: 'amend_time', at: local(c.at) }
    case 'adherence':
    case 'last_dose':
    case 'can_dose':
    case 'refill_days':
    case 'dose_info':
      return { ...out, kind: c.kind, drug: c.drug?.key ?? ('slot' in c && c.slot ? `${c.slot} meds` : undefined) }
    default:
      return { ...out, kind: c.kind }
  }
}

function flattenFeed(f: Extract<ParsedCommand, { kind: 'log_feed' }>['feed']): Record<string, unknown> {
  if (f.method === 'bottle') return { kind: 'feed', method: f.method, ml: Math.round(f.amountMl) }
  if (f.method === 'solids') return { kind: 'feed', method: f.method }
  const sides = new Set(f.parts.map((p) => p.side).filter(Boolean))
  const minutes = f.parts.reduce((s, p) => s + (p.minutes ?? 0), 0)
  return {
    kind: 'feed',
    method: f.method,
    side: sides.size === 2 ? 'both' : [...sides][0],
    ...(minutes ? { minutes } : {}),
  }
}

function subjectKey(s: SubjectRef | { family: true }, sender: string): string | undefined {
  if ('family' in s) return undefined
  if ('dependentId' in s) return s.dependentId
  if ('self' in s) return sender === 'joe' ? 'joe' : `self:${sender}`
  return 'ambiguous'
}
