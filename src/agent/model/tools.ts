import { createHash } from 'node:crypto'
import { tool } from 'langchain'
import type { Logger } from 'pino'
import { z } from 'zod'
import type { Db } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { findToolCall, recordToolCall } from '../../domain/assistant/service.js'
import { isDomainError } from '../../domain/errors.js'
import { runTool, type Tool } from '../../domain/tools.js'
import type { Clock } from '../../lib/clock.js'
import type { ModelProvider } from './provider.js'

/** Everything a tool call of one turn runs with, fixed by the server before the model says anything. */
export interface TurnScope {
  db: Db
  clock: Clock
  /** The verified sender: the family, member and role every call runs as. */
  actor: ActorContext
  /** The inbound message: writes are recorded against it so a re-run turn does not repeat them. */
  inboxId: string
  /** Tool calls allowed in this turn. */
  limit: number
  log: Logger
}

/** Counts of one turn, read by the agent for logs and usage rows. */
export interface TurnCounter {
  calls: number
  errors: number
  /** A chart or document a tool made this turn (make_chart, visit_summary): sent with the reply. */
  mediaId?: string
  /** A private tool ran (cycle tracking): the exchange must not join the conversation's memory (0028). */
  private?: boolean
  /**
   * Safety warnings a tool returned (a dose or plan an allergy rules out): added to the answer by code,
   * whatever the model writes (docs/decisions/0036).
   */
  warnings?: string[]
}

/** Any object: the tool's own zod schema validates inside runTool, so its errors reach the model. */
const AnyInput = z.looseObject({})

/**
 * The registry's tools as LangChain tools for one turn. The model chooses a tool and its input, never
 * the context: `actor` is bound here. The model sees each tool's real input schema (the provider's own
 * definition, the last one marked as a cache breakpoint).
 */
export function bindTools(registry: readonly Tool[], provider: ModelProvider, scope: TurnScope, counter: TurnCounter) {
  return registry.map((t, i) =>
    tool((input: unknown) => callTool(t, input, scope, counter), {
      name: t.name,
      description: t.description,
      schema: AnyInput,
      extras: {
        providerToolDefinition: provider.toolDefinition(
          { name: t.name, description: t.description, inputSchema: inputSchemaOf(t) },
          i === registry.length - 1,
        ),
      },
    }),
  )
}

/** A tool's JSON Schema never changes: converted once, not on every turn (the agent bench measured ~3 ms a turn). */
const schemas = new WeakMap<Tool, Record<string, unknown>>()

/** JSON Schema of a tool's input as the model should fill it (dates are ISO strings). */
export function inputSchemaOf(t: Tool): Record<string, unknown> {
  const known = schemas.get(t)
  if (known) return known
  const schema = toInputSchema(t)
  schemas.set(t, schema)
  return schema
}

function toInputSchema(t: Tool): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return schema.type === 'object' ? schema : { type: 'object', properties: {} }
}

/**
 * One call: its own transaction, the role check and zod validation of runTool, and every failure
 * turned into text the model can explain. A write is recorded with the message it answers, and a
 * repeat of the same write for the same message returns the recorded result instead of writing again.
 */
async function callTool(t: Tool, input: unknown, scope: TurnScope, counter: TurnCounter): Promise<string> {
  counter.calls++
  if (t.permission === 'cycles:own') counter.private = true
  if (counter.calls > scope.limit) {
    counter.errors++
    return `Error (limit_exceeded): no more tool calls for this message (limit ${scope.limit}). Answer with what you have, and say what you could not check.`
  }
  const { db, clock, actor, inboxId } = scope
  try {
    return await db.transaction(async (tx) => {
      const ctx = { tx, actor, clock }
      if (t.readOnly) return JSON.stringify(await runTool(t, ctx, input))
      const key = callKey(t.name, input)
      const done = await findToolCall(tx, inboxId, key)
      if (done !== undefined) return noteWarnings(counter, noteMedia(counter, done))
      const result = noteWarnings(counter, noteMedia(counter, JSON.stringify(await runTool(t, ctx, input)) ?? 'null'))
      await recordToolCall(tx, clock.now(), inboxId, key, result)
      return result
    })
  } catch (err) {
    counter.errors++
    if (isDomainError(err)) return `Error (${err.code}): ${err.userMessage ?? err.message}`
    scope.log.error({ tool: t.name, errorName: (err as Error)?.name }, 'agent tool failed')
    return 'Error (internal): this tool failed. Tell the person it could not be done right now.'
  }
}

/** Remembers the media a tool's result names (the last one wins), and passes the result on. */
function noteMedia(counter: TurnCounter, result: string): string {
  if (result.includes('"mediaId"')) {
    const id = (JSON.parse(result) as { mediaId?: unknown }).mediaId
    if (typeof id === 'string') counter.mediaId = id
  }
  return result
}

/** Keeps the warnings a tool's result carries (`allergyWarning`, `allergyWarnings`), each once. */
function noteWarnings(counter: TurnCounter, result: string): string {
  if (!result.includes('"allergyWarning')) return result
  const r = JSON.parse(result) as { allergyWarning?: unknown; allergyWarnings?: unknown }
  const found = [r.allergyWarning, ...(Array.isArray(r.allergyWarnings) ? r.allergyWarnings : [])]
  for (const w of found) {
    if (typeof w !== 'string' || counter.warnings?.includes(w)) continue
    counter.warnings = [...(counter.warnings ?? []), w]
  }
  return result
}

/** The tool and its input, independent of key order. */
function callKey(name: string, input: unknown): string {
  return `${name}:${createHash('sha256').update(stableJson(input)).digest('hex').slice(0, 32)}`
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}
