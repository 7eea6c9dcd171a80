import { and, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { inbox } from '../inbox/schema.js'
import { outbox } from '../outbox/schema.js'

/** Rows blanked per statement, so a first purge of a large file never holds the write lock for long. */
const BATCH = 1000

/** The outbox kind of a reply that carries a secret (a calendar link): blanked as soon as it is sent. */
export const SECRET_REPLY = 'secret_reply'

/**
 * Message text is kept only while it is needed (docs/decisions/0016): a handled inbound message and a
 * finished outbound one (a dead one waits for a person to look at it) keep their row — ids, times, status, for idempotency and the audit — but lose
 * their body after `days`. What the family recorded lives in the record, sealed; this is only the chat.
 * Returns the rows blanked.
 */
export async function purgeMessageText(tx: Tx, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000)
  const inboxIds = tx
    .select({ id: inbox.id })
    .from(inbox)
    .where(and(eq(inbox.status, 'done'), isNotNull(inbox.handledAt), lt(inbox.handledAt, before), ne(inbox.body, '')))
    .limit(BATCH)
  const a = await tx.update(inbox).set({ body: '' }).where(inArray(inbox.id, inboxIds))
  const outboxIds = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ['sent', 'delivered', 'undelivered', 'failed', 'suppressed']),
        lt(outbox.updatedAt, before),
        ne(outbox.body, ''),
      ),
    )
    .limit(BATCH)
  const b = await tx.update(outbox).set({ body: sql`''` }).where(inArray(outbox.id, outboxIds))
  // A secret is kept only until it is sent, whatever `days` says (docs/decisions/0029).
  const secrets = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.kind, SECRET_REPLY),
        inArray(outbox.status, ['sent', 'delivered', 'undelivered', 'failed', 'suppressed']),
        ne(outbox.body, ''),
      ),
    )
    .limit(BATCH)
  const c = await tx.update(outbox).set({ body: sql`''` }).where(inArray(outbox.id, secrets))
  return a.changes + b.changes + c.changes
}
