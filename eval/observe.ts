/**
 * What the model side saw: every Messages API request the agent sent and the response it got, from the
 * fake (fake mode) or the recording proxy in front of the real API (real mode). Tool calls are read
 * from there, so both modes are checked the same way.
 */
import type { FakeBlock, FakeMessagesRequest } from '../tests/fakes/anthropic.js'
import { toolResultsOf } from '../tests/fakes/anthropic.js'

/** One request and its answer (absent for an error or a dropped connection). */
export interface Exchange {
  request: FakeMessagesRequest
  response?: { content: FakeBlock[]; usage?: Record<string, number> }
}

/** The model side of a run: where the agent sends requests, and what passed through. */
export interface ModelEndpoint {
  url: string
  apiKey: string
  exchanges(): readonly Exchange[]
  stop(): Promise<void>
}

/** A tool call the model made and what the agent sent back for it. */
export interface ObservedCall {
  name: string
  input: Record<string, unknown>
  /** The tool's result text as the agent returned it; undefined when it never came back. */
  result?: string
  /** The DomainError code of an `Error (code): …` result. */
  error?: string
}

/** The tool calls of a turn's exchanges, in order, each paired with its result. */
export function callsOf(exchanges: readonly Exchange[]): ObservedCall[] {
  const calls = new Map<string, ObservedCall>()
  for (const ex of exchanges) {
    for (const r of toolResultsOf(ex.request)) {
      const call = calls.get(r.toolUseId)
      if (!call) continue
      call.result = r.content
      call.error = /^Error \((\w+)\)/.exec(r.content)?.[1]
    }
    for (const b of ex.response?.content ?? []) {
      if (b.type !== 'tool_use') continue
      calls.set(String(b.id), {
        name: String(b.name),
        input: (b.input ?? {}) as Record<string, unknown>,
      })
    }
  }
  return [...calls.values()]
}
