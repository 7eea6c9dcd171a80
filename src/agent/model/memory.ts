import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { type RememberedTurn, recallConversation, summarizeConversation } from '../../domain/conversation/memory.js'
import type { Clock } from '../../lib/clock.js'
import type { ModelProvider } from './provider.js'
import { textOf } from './text.js'
import type { UsageTally } from './usage.js'

/** A turn longer than this is cut when replayed: memory is for following the thread, not an archive. */
const TURN_CHARS = 1_500

export interface Recollection {
  /** The summary of older turns, for the family-context block (after the cache breakpoint). */
  summary?: string
  /** The recent turns as alternating user / assistant messages, oldest first. */
  messages: BaseMessage[]
}

export interface MemoryDeps {
  db: Db
  clock: Clock
  actor: ActorContext
  threadKey: string
  provider: ModelProvider
  /** prompts/summary.md */
  summaryPrompt: string
  /** The budget, in characters, of turns replayed word for word (docs/decisions/0024). */
  budgetChars: number
  signal?: AbortSignal
  usage: UsageTally
  log: Logger
}

/**
 * What the model remembers of this conversation. Within the budget, every turn word for word. Past
 * it, the older turns are summarized by the model (with the previous summary folded in), the summary
 * replaces them in the database, and only the recent half-budget is replayed. If summarizing fails the
 * turn still goes on with the recent turns; the older ones wait for the next attempt.
 */
export async function recall(deps: MemoryDeps): Promise<Recollection> {
  const { db, actor, threadKey } = deps
  const conversation = await db.read((tx) => recallConversation(tx, actor, threadKey))
  const { older, recent } = splitByBudget(conversation.turns, deps.budgetChars)
  let summary = conversation.summary
  if (older.length) {
    try {
      summary = await summarize(deps, conversation.summary, older)
      const written = summary
      await db.transaction((tx) =>
        summarizeConversation(tx, actor, deps.clock.now(), threadKey, { summary: written, covers: older }),
      )
    } catch (err) {
      if (deps.signal?.aborted) throw err
      deps.log.warn(
        { familyId: actor.familyId, memberId: actor.memberId, errorName: (err as Error)?.name },
        'conversation summary failed; replaying recent turns only',
      )
    }
  }
  return { summary, messages: recent.flatMap(asMessages) }
}

/**
 * Splits the turns into those replayed word for word and those to summarize: all of them fit when
 * their size is within the budget; otherwise the most recent ones up to half the budget (at least the
 * last one) are kept and the rest summarized, so a summary is not rewritten on every message.
 */
export function splitByBudget(
  turns: readonly RememberedTurn[],
  budgetChars: number,
): { older: RememberedTurn[]; recent: RememberedTurn[] } {
  const size = (t: RememberedTurn) => Math.min(t.said.length, TURN_CHARS) + Math.min(t.answered.length, TURN_CHARS)
  const total = turns.reduce((n, t) => n + size(t), 0)
  if (total <= budgetChars) return { older: [], recent: [...turns] }
  let kept = 0
  let start = turns.length
  while (start > 0) {
    const next = kept + size(turns[start - 1] as RememberedTurn)
    if (start < turns.length && next > budgetChars / 2) break
    kept = next
    start--
  }
  return { older: turns.slice(0, start), recent: turns.slice(start) }
}

async function summarize(deps: MemoryDeps, previous: string | undefined, turns: RememberedTurn[]): Promise<string> {
  const transcript = turns.map((t) => `Member: ${clip(t.said)}\nMedNanny: ${clip(t.answered)}`).join('\n\n')
  const input = previous ? `Earlier summary:\n${previous}\n\nTranscript since:\n${transcript}` : transcript
  const answer = await deps.provider
    .chatModel()
    .invoke([new SystemMessage(deps.summaryPrompt), new HumanMessage(input)], { signal: deps.signal })
  deps.usage.add(answer)
  const text = textOf(answer.content)
  if (!text) throw new Error('empty summary')
  return text
}

function asMessages(t: RememberedTurn): BaseMessage[] {
  return [new HumanMessage(clip(t.said) || '(empty message)'), new AIMessage(clip(t.answered) || '(no reply)')]
}

const clip = (s: string) => (s.length > TURN_CHARS ? `${s.slice(0, TURN_CHARS)}…` : s)
