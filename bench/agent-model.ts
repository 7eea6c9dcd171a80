import { answer, call } from '../eval/fake-model.js'
import type { FakeAnthropicReply, FakeMessagesRequest } from '../tests/fakes/anthropic.js'

/** The question the agent bench sends: the fast path does not answer it, so the agent does. */
export const AGENT_QUESTION = 'Just got home, has the baby eaten recently?'
/** Its fast-path twin: the same read, answered by the parser and the same tool. */
export const FAST_PATH_QUESTION = 'when did Maya last eat?'

const compose = answer((r) => {
  const d = r.data<{ dependent: string; feed: { at: string; amountMl: number } }>('last_feed')
  return `${d.dependent} last ate at ${r.when(d.feed.at)} (${d.feed.amountMl} ml).`
})

/** A model that takes one tool round trip per turn: last_feed, then an answer from its result. */
export function roundTrip(req: FakeMessagesRequest): FakeAnthropicReply {
  const last = req.messages.at(-1)
  const answered = Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_result')
  if (!answered) return call('last_feed', { dependent: 'Maya' })
  return typeof compose === 'function' ? compose(req) : compose
}
