import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import { createAgent, createMiddleware, modelRetryMiddleware } from 'langchain'
import type { Logger } from 'pino'
import type { ActorContext } from '../../domain/actor.js'
import { recordUsage } from '../../domain/assistant/service.js'
import type { Tool } from '../../domain/tools.js'
import { isSharedConversation } from '../../pipeline/conversation.js'
import type { Agent, Outcome } from '../../pipeline/types.js'
import { familyContext } from './context.js'
import { recall } from './memory.js'
import type { Prompts } from './prompts.js'
import { systemBlocks } from './prompts.js'
import type { ModelProvider } from './provider.js'
import { textOf } from './text.js'
import { bindTools, type TurnCounter } from './tools.js'
import { UsageTally } from './usage.js'

/** Bounds of one turn (one inbound message answered by the model). */
export interface AgentLimits {
  /** Tool calls per turn; past it a call answers with an error and the model must answer. */
  toolCalls: number
  /** The whole turn, retries included; past it the sender gets the offline answer and a notice. */
  turnTimeoutMs: number
  /** Retries of a failed model call (429, 529, 5xx, dropped connection) within the turn. */
  retries: number
  /** First backoff delay; doubles per retry, with jitter. */
  retryDelayMs: number
  /**
   * Characters of earlier turns replayed word for word (about a quarter as many tokens); past it the
   * older turns are summarized (docs/decisions/0024).
   */
  memoryChars: number
}

export const DEFAULT_LIMITS: AgentLimits = {
  toolCalls: 8,
  turnTimeoutMs: 45_000,
  retries: 3,
  retryDelayMs: 500,
  memoryChars: 6_000,
}

export interface ModelAgentDeps {
  provider: ModelProvider
  prompts: Prompts
  tools: readonly Tool[]
  /** Answers when the model cannot: the offline agent, whose reply carries the notice. */
  fallback: Agent
  log: Logger
  limits?: Partial<AgentLimits>
}

class TurnTimeoutError extends Error {
  override name = 'TurnTimeoutError'
}

/**
 * The agent over a model: LangChain's createAgent with the registry's tools bound to the sender, the
 * prompts from prompts/, retries within the turn's budget, and the offline answer when that runs out.
 * Never throws for a model failure: the sender always hears something.
 */
export function createModelAgent(deps: ModelAgentDeps): Agent {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  return {
    async respond(input) {
      const { db, clock, actor, message } = input
      const started = performance.now()
      const counter: TurnCounter = { calls: 0, errors: 0 }
      const usage = new UsageTally()
      let outcome: Outcome
      let failure: string | undefined
      try {
        outcome = await answer(deps, limits, input, counter, usage)
      } catch (err) {
        failure = (err as Error)?.name ?? 'Error'
        outcome = await deps.fallback.respond(input)
      }
      const ms = Math.round(performance.now() - started)
      await db.transaction((tx) =>
        recordUsage(tx, actor, clock.now(), message.id, {
          model: deps.provider.model,
          outcome: failure ? 'fallback' : 'answered',
          modelCalls: usage.modelCalls,
          toolCalls: counter.calls,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          cacheReadTokens: usage.cacheReadTokens,
          cacheWriteTokens: usage.cacheWriteTokens,
          ms,
        }),
      )
      logTurn(deps.log, actor, { route: outcome.route, failure, counter, usage, ms })
      return outcome
    },
  }
}

async function answer(
  deps: ModelAgentDeps,
  limits: AgentLimits,
  input: Parameters<Agent['respond']>[0],
  counter: TurnCounter,
  usage: UsageTally,
): Promise<Outcome> {
  const { db, clock, actor, message, text } = input
  const { provider } = deps
  const scope = { db, clock, actor, inboxId: message.id, limit: limits.toolCalls, log: deps.log }
  const result = await withTimeout(limits.turnTimeoutMs, async (signal) => {
    const context = await familyContext(db, clock, actor)
    const memory = await recall({
      db,
      clock,
      actor,
      threadKey: message.conversationKey,
      provider,
      summaryPrompt: deps.prompts.summary,
      budgetChars: limits.memoryChars,
      signal,
      usage,
      log: deps.log,
    })
    const agent = createAgent({
      model: provider.chatModel(),
      tools: bindTools(toolsFor(deps.tools, message.conversationKey), provider, scope, counter),
      systemPrompt: new SystemMessage({
        content: systemBlocks(deps.prompts, actor.channel, withSummary(context, memory.summary), provider.cacheMarker),
      }),
      middleware: [
        createMiddleware({ name: 'UsageTally', afterModel: (state) => void usage.add(state.messages.at(-1)) }),
        modelRetryMiddleware({
          maxRetries: limits.retries,
          retryOn: (err) => provider.retryable(err),
          initialDelayMs: limits.retryDelayMs,
          backoffFactor: 2,
          maxDelayMs: limits.turnTimeoutMs,
          jitter: true,
          onFailure: 'error',
        }),
      ],
    })
    return await agent.invoke(
      { messages: [...memory.messages, new HumanMessage(text)] },
      // A tool round is three graph steps (model, usage hook, tools). The tool-call limit stops tools;
      // this stops a model that keeps asking for them anyway (the turn then falls back).
      { signal, recursionLimit: 3 * (limits.toolCalls + 4) },
    )
  })
  const reply = textOf(result.messages.at(-1)?.content)
  if (!reply) throw new Error('the model gave no answer')
  // A chart or visit summary made by a tool goes with the answer, as from the fast path.
  // An answer built on cycle tracking is not remembered: a member she shares with would keep it after
  // she stops sharing, as the fast path's cycle answers are not (docs/decisions/0028).
  // A safety warning from a tool is said by code, not left to the model's wording (docs/decisions/0036).
  const extra = (counter.warnings ?? []).filter((w) => !reply.includes(w))
  const said = extra.length ? `${reply}\n${extra.join('\n')}` : reply
  return { route: 'agent:model', replies: [said], mediaId: counter.mediaId, remember: !counter.private }
}

/** Runs `work` with a signal that aborts after `ms`; rejects with TurnTimeoutError at that moment. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TurnTimeoutError(`turn took over ${ms} ms`)
      controller.abort(err)
      reject(err)
    }, ms)
  })
  try {
    return await Promise.race([work(controller.signal), expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The tools a turn may use. In a conversation others read (a Slack channel), the private ones — cycle
 * tracking — are not offered at all, so no answer about anyone's cycle can land there (0028).
 */
function toolsFor(tools: readonly Tool[], conversationKey: string): readonly Tool[] {
  return isSharedConversation(conversationKey) ? tools.filter((t) => t.permission !== 'cycles:own') : tools
}

/** The family context, then what the model remembers of older turns, both after the cache breakpoint. */
function withSummary(context: string, summary: string | undefined): string {
  if (!summary) return context
  return `${context}\n\n# Earlier in this conversation (a summary; the record is the authority)\n${summary}`
}

/** Ids, counts, tokens and durations: never the message or the answer. */
function logTurn(
  log: Logger,
  actor: ActorContext,
  t: { route: string; failure?: string; counter: TurnCounter; usage: UsageTally; ms: number },
) {
  const fields = {
    familyId: actor.familyId,
    memberId: actor.memberId,
    route: t.route,
    modelCalls: t.usage.modelCalls,
    toolCalls: t.counter.calls,
    toolErrors: t.counter.errors,
    inputTokens: t.usage.inputTokens,
    outputTokens: t.usage.outputTokens,
    cacheReadTokens: t.usage.cacheReadTokens,
    cacheWriteTokens: t.usage.cacheWriteTokens,
    ms: t.ms,
  }
  if (t.failure) log.warn({ ...fields, errorName: t.failure }, 'agent turn failed; offline answer sent')
  else log.info(fields, 'agent turn answered')
}
