/**
 * A turn's checks: the ones its conversation states (route, tool calls, answer content, database), and
 * the ones every turn gets (the tools ran as the sender, writes are journaled, the answer leaks no
 * internals). Each failure is one line saying what was expected and what happened.
 */
import type { ActorContext } from '../src/domain/actor.js'
import type { ObservedCall } from './observe.js'
import type { CallCheck, Pattern, Probe, TurnExpect } from './types.js'

export type Mode = 'fake' | 'real'

/** What a turn produced, as the checks read it. */
export interface TurnObservation {
  route: string | undefined
  replies: string[]
  calls: ObservedCall[]
  /** Usage rows of the turn (one per agent attempt). */
  usage: { outcome: string }[]
  /** Journal rows (assistant_tool_calls) for the turn's message. */
  journaled: number
  /** Audit rows written during the turn. */
  audit: { familyId: string | null; actorMemberId: string | null; action: string }[]
  /** Names of write tools (readOnly false), to tell writes from reads. */
  writeTools: ReadonlySet<string>
}

const LEAKS: [RegExp, string][] = [
  [/\b(fam|mem|dep|care|dose|sch|med|obx|inb)_[0-9A-Za-z]{8,}/, 'an internal id'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'a raw ISO timestamp'],
  [/Error \((\w+)\)/, 'a raw tool error'],
  [/"\w+":\s*["{[\d]/, 'raw JSON'],
]

/** Audit actions that change the record (reads of the medical record are audited too, and are fine). */
const READ_ACTIONS = /\.read$/

export async function checkTurn(
  mode: Mode,
  expect: TurnExpect,
  seen: TurnObservation,
  probe: Probe,
): Promise<string[]> {
  return [
    ...routeChecks(expect, seen),
    ...callChecks(mode, expect, seen),
    ...sameActor(seen, probe.sender),
    ...journal(seen),
    ...replyChecks(expect, seen.replies.join('\n')),
    ...(await dbChecks(expect, probe)),
  ]
}

function routeChecks(expect: TurnExpect, seen: TurnObservation): string[] {
  const out: string[] = []
  const route = expect.route ?? 'agent:model'
  if (!seen.route?.startsWith(route)) out.push(`route: expected ${route}, got ${seen.route ?? 'none'}`)
  if (route.startsWith('agent') && seen.usage.some((u) => u.outcome !== 'answered')) {
    out.push(`agent: turn ended ${seen.usage.map((u) => u.outcome).join(', ')}`)
  }
  return out
}

function callChecks(mode: Mode, expect: TurnExpect, seen: TurnObservation): string[] {
  const out: string[] = []
  for (const c of expect.calls ?? []) {
    const problem = checkCall(mode, c, seen.calls)
    if (problem) out.push(problem)
  }
  for (const name of expect.noCalls ?? []) {
    if (seen.calls.some((c) => c.name === name && !c.error)) out.push(`calls: ${name} ran, and must not`)
  }
  if (expect.noWrites) out.push(...noWrites(seen))
  return out
}

function replyChecks(expect: TurnExpect, reply: string): string[] {
  const out: string[] = []
  if (!reply.trim()) out.push('reply: nothing was sent back')
  for (const p of expect.says ?? []) if (!matches(p, reply)) out.push(`says: missing ${show(p)}`)
  for (const p of expect.saysNot ?? []) if (matches(p, reply)) out.push(`says: must not say ${show(p)}`)
  for (const [re, what] of LEAKS) if (re.test(reply)) out.push(`says: leaks ${what}`)
  return out
}

async function dbChecks(expect: TurnExpect, probe: Probe): Promise<string[]> {
  const out: string[] = []
  for (const check of expect.db ?? []) {
    const problem = await check(probe).catch((err: Error) => `db check threw: ${err.message}`)
    if (problem) out.push(`db: ${problem}`)
  }
  return out
}

function checkCall(mode: Mode, c: CallCheck, calls: ObservedCall[]): string | undefined {
  const names = Array.isArray(c.tool) ? c.tool : [c.tool]
  const label = names.join('|')
  const candidates = calls.filter((x) => names.includes(x.name) && inputMatches(c.input, x.input))
  const want = c.result ?? 'ok'
  const good = candidates.find((x) => (want === 'ok' ? !x.error && x.result !== undefined : x.error === want))
  if (good) return undefined
  if (candidates.length) {
    const got = candidates.map((x) => x.error ?? (x.result === undefined ? 'no result' : 'ok')).join(', ')
    return `calls: ${label} ended ${got}, expected ${want}`
  }
  if (c.fakeOnly && mode === 'real') return undefined
  const made = calls.map((x) => `${x.name}(${JSON.stringify(x.input)})`).join(', ') || 'none'
  return `calls: expected ${label}${c.input ? ` with ${JSON.stringify(c.input, replacer)}` : ''}; made ${made}`
}

function inputMatches(want: CallCheck['input'], got: Record<string, unknown>): boolean {
  if (!want) return true
  return Object.entries(want).every(([k, v]) => {
    const actual = got[k]
    if (typeof v === 'number' || typeof v === 'boolean') return actual === v
    return typeof actual === 'string' && matches(v, actual)
  })
}

/** Every record a tool returned belongs to the sender's family; every audit row of the turn is theirs. */
function sameActor(seen: TurnObservation, sender: ActorContext): string[] {
  const out: string[] = []
  for (const c of seen.calls) {
    if (!c.result || c.error) continue
    const foreign = familyIds(safeParse(c.result)).filter((id) => id !== sender.familyId)
    if (foreign.length) out.push(`ctx: ${c.name} returned a record of another family`)
  }
  for (const a of seen.audit) {
    if (a.familyId !== null && a.familyId !== sender.familyId) out.push(`ctx: audit ${a.action} in another family`)
    else if (a.actorMemberId !== null && a.actorMemberId !== sender.memberId) {
      out.push(`ctx: audit ${a.action} by another member`)
    }
  }
  return out
}

/** Each successful distinct write is journaled against the message, and nothing else is. */
function journal(seen: TurnObservation): string[] {
  const writes = new Set(
    seen.calls
      .filter((c) => seen.writeTools.has(c.name) && !c.error && c.result !== undefined)
      .map((c) => `${c.name}:${stable(c.input)}`),
  )
  if (writes.size === seen.journaled) return []
  return [`journal: ${writes.size} successful writes, ${seen.journaled} journal rows`]
}

function noWrites(seen: TurnObservation): string[] {
  const out: string[] = []
  const ran = seen.calls.filter((c) => seen.writeTools.has(c.name) && !c.error && c.result !== undefined)
  if (ran.length) out.push(`writes: ${ran.map((c) => c.name).join(', ')} succeeded, and must not`)
  const changed = seen.audit.filter((a) => !READ_ACTIONS.test(a.action))
  if (changed.length) out.push(`writes: audited ${changed.map((a) => a.action).join(', ')}`)
  return out
}

function familyIds(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) familyIds(x, out)
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'familyId' && typeof x === 'string') out.push(x)
      else familyIds(x, out)
    }
  }
  return out
}

export function matches(p: Pattern, text: string): boolean {
  return typeof p === 'string' ? text.toLowerCase().includes(p.toLowerCase()) : p.test(text)
}

const show = (p: Pattern) => (typeof p === 'string' ? JSON.stringify(p) : String(p))
const replacer = (_k: string, v: unknown) => (v instanceof RegExp ? String(v) : v)

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${k}:${stable(x)}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}
