/**
 * The scripted model of the eval's fake mode. A turn's script is a list of steps; a tool call can be
 * fixed (`call`), and the answer is a function of the request (`answer`): it reads the tool results the
 * agent sent back and the family context in the system prompt, and writes its text from them. So an
 * answer that says "7:40 pm" says it because the seeded record, read through the tool with the
 * sender's ctx, held 7:40 pm in the family's zone, not because the script said so.
 */
import { DateTime } from 'luxon'
import {
  type FakeAnthropicReply,
  type FakeAnthropicStep,
  type FakeMessagesRequest,
  toolResultsOf,
} from '../tests/fakes/anthropic.js'

/** One tool result as the scripted model reads it. */
export interface Result {
  name: string
  input: unknown
  /** The DomainError code when the tool answered `Error (code): …`. */
  error?: string
  /** The error's words (after the code), for the model to pass on. */
  message?: string
  /** The parsed JSON of a successful result (undefined when the tool returned nothing). */
  data: unknown
}

/** What the scripted model can read in a request. */
export class Reading {
  readonly results: Result[]
  readonly zone: string
  readonly now: DateTime
  readonly context: string

  constructor(req: FakeMessagesRequest) {
    this.results = toolResultsOf(req).map(parseResult)
    const system = Array.isArray(req.system) ? req.system.map((b) => b.text ?? '').join('\n') : (req.system ?? '')
    this.context = system
    const m = /Now: (.+?) \(([^)]+)\)\./.exec(system)
    if (!m?.[1] || !m[2]) throw new Error('no "Now:" line in the system prompt')
    this.zone = m[2]
    this.now = DateTime.fromFormat(m[1], 'cccc d LLLL yyyy, h:mm a', { zone: this.zone })
  }

  /** The result of `name` in this request; throws when the agent sent none (the answer then says so). */
  result(name: string): Result {
    const r = this.results.find((x) => x.name === name)
    if (!r) throw new Error(`no ${name} result in the request`)
    return r
  }

  /** The successful result of `name` as T; throws on a tool error. */
  data<T>(name: string): T {
    const r = this.result(name)
    if (r.error) throw new Error(`${name} failed: ${r.error}`)
    return r.data as T
  }

  /** "7:40 pm", "yesterday at 8:30 pm" or "Mon 16 Nov at 8:05 am", in the family's zone. */
  when(iso: string | undefined): string {
    if (!iso) return 'an unknown time'
    const t = DateTime.fromISO(iso, { zone: this.zone })
    const time = t.toFormat('h:mm a').toLowerCase()
    const days = Math.round(this.now.startOf('day').diff(t.startOf('day'), 'days').days)
    if (days === 0) return time
    if (days === 1) return `yesterday at ${time}`
    return `${t.toFormat('ccc d LLL')} at ${time}`
  }

  /** Names of the children in the family context (dependents under 18). */
  children(): string[] {
    const line = /Dependents: (.+)\./.exec(this.context)?.[1] ?? ''
    return line
      .split('; ')
      .filter((d) => /(days|months) old|\b([0-9]|1[0-7]) years old/.test(d))
      .map((d) => d.split(' ')[0] ?? d)
  }
}

function parseResult(r: ReturnType<typeof toolResultsOf>[number]): Result {
  const err = /^Error \((\w+)\):\s*(.*)$/s.exec(r.content)
  const base = { name: r.name ?? '?', input: r.input }
  if (err) return { ...base, error: err[1], message: err[2], data: undefined }
  try {
    return { ...base, data: JSON.parse(r.content) }
  } catch {
    return { ...base, data: r.content }
  }
}

/** The model asks for one tool call. */
export const call = (name: string, input: Record<string, unknown> = {}): FakeAnthropicReply => ({
  toolUse: [{ name, input }],
})

/** The model asks for several tool calls at once (parallel tool use). */
export const calls = (...list: [string, Record<string, unknown>][]): FakeAnthropicReply => ({
  toolUse: list.map(([name, input]) => ({ name, input })),
})

/** The model's final answer, written from what the request holds. */
export const answer =
  (compose: (r: Reading) => string): FakeAnthropicStep =>
  (req) => ({ text: compose(new Reading(req)) })

/** The model's next tool call, chosen from what the request holds (e.g. a list it just read). */
export const next =
  (choose: (r: Reading) => FakeAnthropicReply): FakeAnthropicStep =>
  (req) =>
    choose(new Reading(req))

/** The refusal words of a failed tool (its own message), or a fallback. */
export const refusal = (r: Reading, name: string, otherwise: string) => {
  const res = r.result(name)
  return res.error ? (res.message ?? otherwise) : otherwise
}
