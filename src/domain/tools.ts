import type { z } from 'zod'
import type { Tx } from '../db/client.js'
import type { Clock } from '../lib/clock.js'
import type { ActorContext } from './actor.js'
import { DomainError } from './errors.js'
import { can, type Permission } from './permissions.js'
import type { GateFinding } from './safety/types.js'

/** What a tool runs with: the transaction, the verified actor and the clock. Effects go to the outbox via `tx`. */
export interface ToolContext {
  tx: Tx
  actor: ActorContext
  clock: Clock
  /**
   * What the red-flag gate already said about this message's doses, when a stage ran it first: a dose
   * tool does not repeat its allergy warning and alerts (domain/medications/allergy.ts).
   */
  gateFindings?: readonly GateFinding[]
}

/**
 * A tool is data: the same object serves the fast path, the agent (as a model tool definition), Slack
 * commands and tests. `run` never sees a family id from its input; the actor carries it.
 */
export interface Tool<I extends z.ZodType = z.ZodType, O = unknown> {
  name: string
  /** Written for the model: when to use it. */
  description: string
  input: I
  permission: Permission
  readOnly: boolean
  run(ctx: ToolContext, input: z.output<I>): Promise<O>
}

export const defineTool = <I extends z.ZodType, O>(tool: Tool<I, O>): Tool<I, O> => tool

/** Validates the input with the tool's schema and checks the actor's role, then runs it. */
export async function runTool<I extends z.ZodType, O>(tool: Tool<I, O>, ctx: ToolContext, raw: unknown): Promise<O> {
  if (!can(ctx.actor.role, tool.permission)) {
    throw new DomainError('forbidden', `${ctx.actor.role} lacks ${tool.permission} for ${tool.name}`)
  }
  const parsed = tool.input.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    // Our own rules (custom issues) are written for people; zod's generic ones are not.
    const words =
      first?.code === 'custom' ? `${first.message.charAt(0).toUpperCase()}${first.message.slice(1)}.` : undefined
    throw new DomainError('invalid_input', `${tool.name}: ${first?.path.join('.')}: ${first?.message}`, words)
  }
  return tool.run(ctx, parsed.data)
}
