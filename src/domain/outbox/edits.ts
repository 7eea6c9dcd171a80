/**
 * Messages rewritten in place after delivery (docs/decisions/0026-slack-interactivity.md): when someone
 * answers an SOS alert, a reminder or a dose warning, the message that carried the buttons is edited to
 * say so. Only Slack can edit a delivered message; an SMS stays as it was sent.
 */
import { and, eq, gte, inArray, isNull, lt } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { OutboxPayload } from './payload.js'
import { outbox } from './schema.js'
import { enqueueOutboxMany, MAX_BODY, type NewOutboxMessage, type OutboxRow } from './service.js'

/** Channels whose delivered messages can be rewritten. */
export const EDITABLE_CHANNELS = ['slack']

/** The row kind of an edit; never an `sos_alert`, which stops being sent once the SOS is answered. */
export const EDIT_KIND = 'edit'

/**
 * Delivered messages on an editable channel, originals only (not earlier edits): those of a kind whose
 * idempotency key starts with `keyPrefix` (an SOS's alerts), or the one with this provider id.
 */
export async function editableMessages(
  tx: Tx,
  where: { kind: string; keyPrefix: string } | { providerMessageId: string },
): Promise<OutboxRow[]> {
  const which =
    'providerMessageId' in where
      ? eq(outbox.providerMessageId, where.providerMessageId)
      : // A range on the unique key index rather than LIKE, which SQLite would answer with a scan.
        and(
          eq(outbox.kind, where.kind),
          gte(outbox.idempotencyKey, where.keyPrefix),
          lt(outbox.idempotencyKey, `${where.keyPrefix}\uffff`),
        )
  const rows = await tx
    .select()
    .from(outbox)
    .where(
      and(
        which,
        inArray(outbox.channel, EDITABLE_CHANNELS),
        inArray(outbox.status, ['sent', 'delivered']),
        isNull(outbox.editsMessage),
      ),
    )
  return rows.filter((r) => r.providerMessageId && !r.providerMessageId.endsWith('/'))
}

/**
 * Enqueues an edit of each row: the new text and payload, once per row and `what` (the key
 * `edit:<row>:<what>` makes a repeated answer a no-op). Edits are urgent: they notify nobody, so quiet
 * hours have nothing to protect, and a stale Acknowledge button should not linger.
 */
export async function enqueueEdits(
  tx: Tx,
  now: Date,
  rows: OutboxRow[],
  edit: { what: string; body: (row: OutboxRow) => string; payload: (row: OutboxRow) => OutboxPayload },
): Promise<number> {
  const messages: NewOutboxMessage[] = rows.map((row) => ({
    idempotencyKey: `edit:${row.id}:${edit.what}`,
    channel: row.channel as NewOutboxMessage['channel'],
    toAddress: row.toAddress,
    // One message is edited by one message: never split.
    body: edit.body(row).slice(0, MAX_BODY.slack),
    kind: EDIT_KIND,
    familyId: row.familyId,
    memberId: row.memberId,
    urgent: true,
    payload: edit.payload(row),
    editsMessage: row.providerMessageId,
  }))
  return await enqueueOutboxMany(tx, now, messages)
}
