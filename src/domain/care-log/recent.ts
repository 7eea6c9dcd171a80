import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { doses } from '../medications/schema.js'
import { diapers, feeds, sleeps } from './schema.js'

/**
 * The dependent this member logged for most recently (a feed, sleep, diaper or dose), for pre-filling a
 * form: a nanny who looks after one child of three gets that child. Undefined when they never logged.
 */
export async function lastLoggedDependent(tx: Tx, actor: ActorContext): Promise<string | undefined> {
  const latest = async (t: typeof feeds | typeof sleeps | typeof diapers) => {
    const [row] = await tx
      .select({ dependentId: t.dependentId, createdAt: t.createdAt })
      .from(t)
      .where(and(eq(t.familyId, actor.familyId), eq(t.loggedBy, actor.memberId), isNull(t.deletedAt)))
      .orderBy(desc(t.createdAt))
      .limit(1)
    return row
  }
  const [dose] = await tx
    .select({ dependentId: doses.dependentId, createdAt: doses.createdAt })
    .from(doses)
    .where(and(eq(doses.familyId, actor.familyId), eq(doses.givenBy, actor.memberId), isNull(doses.deletedAt)))
    .orderBy(desc(doses.createdAt))
    .limit(1)
  const rows = [await latest(feeds), await latest(sleeps), await latest(diapers), dose].filter((r) => r !== undefined)
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
  return rows[0]?.dependentId
}
