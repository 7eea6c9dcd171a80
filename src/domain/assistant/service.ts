import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { assistantToolCalls, assistantUsage } from './schema.js'

/** Token counts of one turn, summed over its model calls. */
export interface TurnUsage {
  model: string
  outcome: 'answered' | 'fallback'
  modelCalls: number
  toolCalls: number
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  ms: number
}

export async function recordUsage(tx: Tx, actor: ActorContext, now: Date, inboxId: string, usage: TurnUsage) {
  await tx.insert(assistantUsage).values({
    id: newId('use'),
    familyId: actor.familyId,
    memberId: actor.memberId,
    inboxId,
    ...usage,
    createdAt: now,
  })
}

/** Every usage row of one inbound message (tests, the dev console). */
export async function usageForInbox(tx: Tx, actor: ActorContext, inboxId: string) {
  return await tx
    .select()
    .from(assistantUsage)
    .where(and(eq(assistantUsage.familyId, actor.familyId), eq(assistantUsage.inboxId, inboxId)))
}

/** Totals for the actor's family since `since`. */
export async function usageForFamily(tx: Tx, actor: ActorContext, since: Date) {
  const [row] = await tx
    .select({
      turns: sql<number>`count(*)`,
      inputTokens: sql<number>`coalesce(sum(${assistantUsage.inputTokens}), 0)`,
      outputTokens: sql<number>`coalesce(sum(${assistantUsage.outputTokens}), 0)`,
      cacheReadTokens: sql<number>`coalesce(sum(${assistantUsage.cacheReadTokens}), 0)`,
      cacheWriteTokens: sql<number>`coalesce(sum(${assistantUsage.cacheWriteTokens}), 0)`,
    })
    .from(assistantUsage)
    .where(and(eq(assistantUsage.familyId, actor.familyId), sql`${assistantUsage.createdAt} >= ${since.getTime()}`))
  return row ?? { turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
}

/** The recorded result of this write for this message, if an earlier attempt already made it. */
export async function findToolCall(tx: Tx, inboxId: string, callKey: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ result: assistantToolCalls.result })
    .from(assistantToolCalls)
    .where(and(eq(assistantToolCalls.inboxId, inboxId), eq(assistantToolCalls.callKey, callKey)))
  return row?.result
}

/** Records a write in the same transaction as the write itself. */
export async function recordToolCall(tx: Tx, now: Date, inboxId: string, callKey: string, result: string) {
  await tx.insert(assistantToolCalls).values({ id: newId('atc'), inboxId, callKey, result, createdAt: now })
}

/** Every family's assistant usage since `since`, per family (for the dev console; operators only). */
export async function usageByFamily(tx: Tx, since: Date) {
  return await tx
    .select({
      familyId: assistantUsage.familyId,
      turns: sql<number>`count(*)`,
      inputTokens: sql<number>`coalesce(sum(${assistantUsage.inputTokens}), 0)`,
      outputTokens: sql<number>`coalesce(sum(${assistantUsage.outputTokens}), 0)`,
      cacheReadTokens: sql<number>`coalesce(sum(${assistantUsage.cacheReadTokens}), 0)`,
      cacheWriteTokens: sql<number>`coalesce(sum(${assistantUsage.cacheWriteTokens}), 0)`,
    })
    .from(assistantUsage)
    .where(sql`${assistantUsage.createdAt} >= ${since.getTime()}`)
    .groupBy(assistantUsage.familyId)
}
