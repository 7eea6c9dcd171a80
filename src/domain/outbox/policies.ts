/**
 * Two rules every outbound message passes right before it is claimed, so no caller can skip them
 * (docs/decisions/0020): a member's quiet hours, and WhatsApp's 24-hour customer-service window.
 */
import { and, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { families } from '../families/schema.js'
import { inbox } from '../inbox/schema.js'
import { quietUntil } from '../preferences/quiet-hours.js'
import { memberPreferences } from '../preferences/schema.js'
import { outbox } from './schema.js'

/** WhatsApp lets a business send free-form text for 24 hours after the person's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000
/** We stop short of it: a message claimed in the last minutes could reach WhatsApp after it closed. */
export const WHATSAPP_WINDOW_MARGIN_MS = 10 * 60_000

const dueNow = (now: Date) => and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now))

/**
 * Moves due, non-urgent messages to a member who is in their quiet hours to the end of them. Urgent
 * messages (SOS, red-flag alerts) never wait; neither do replies to a message the member sent (they are
 * awake: they just wrote). Retries and fallbacks are held too, since they pass here again.
 */
export async function holdForQuietHours(tx: Tx, now: Date): Promise<number> {
  const rows = await tx
    .select({
      id: outbox.id,
      start: memberPreferences.quietStart,
      end: memberPreferences.quietEnd,
      zone: families.timezone,
    })
    .from(outbox)
    .innerJoin(memberPreferences, eq(memberPreferences.memberId, outbox.memberId))
    .innerJoin(families, eq(families.id, memberPreferences.familyId))
    .where(
      and(dueNow(now), eq(outbox.urgent, false), isNull(outbox.inReplyTo), isNotNull(memberPreferences.quietStart)),
    )
    .limit(1000)
  const byEnd = new Map<number, string[]>()
  for (const r of rows) {
    if (!r.start || !r.end) continue
    const until = quietUntil(now, { start: r.start, end: r.end }, r.zone)
    if (until) byEnd.set(until.getTime(), [...(byEnd.get(until.getTime()) ?? []), r.id])
  }
  let held = 0
  for (const [until, ids] of byEnd) {
    await tx
      .update(outbox)
      .set({ nextAttemptAt: new Date(until), updatedAt: now })
      .where(inArray(outbox.id, ids))
    held += ids.length
  }
  return held
}

/** Whether `address` wrote to us on WhatsApp recently enough for a free-form message now. */
export async function whatsappWindowOpen(tx: Tx, now: Date, address: string): Promise<boolean> {
  const [last] = await tx
    .select({ receivedAt: inbox.receivedAt })
    .from(inbox)
    .where(and(eq(inbox.conversationKey, `whatsapp:${address}`), eq(inbox.channel, 'whatsapp')))
    .orderBy(desc(inbox.receivedAt))
    .limit(1)
  if (!last) return false
  return now.getTime() - last.receivedAt.getTime() < WHATSAPP_WINDOW_MS - WHATSAPP_WINDOW_MARGIN_MS
}

/**
 * Due free-form WhatsApp messages to someone outside the window: sent through the approved template
 * when there is one (the row keeps its body, as the template's variable), otherwise given up on this
 * channel by `giveUp`, which falls back to the member's next channel (SMS).
 */
export async function applyWhatsAppWindow(
  tx: Tx,
  now: Date,
  templateId: string | undefined,
  giveUp: (row: typeof outbox.$inferSelect) => Promise<unknown>,
): Promise<void> {
  const rows = await tx
    .select()
    .from(outbox)
    .where(and(dueNow(now), eq(outbox.channel, 'whatsapp'), isNull(outbox.templateId)))
    .limit(500)
  const open = new Map<string, boolean>()
  for (const row of rows) {
    if (!open.has(row.toAddress)) open.set(row.toAddress, await whatsappWindowOpen(tx, now, row.toAddress))
    if (open.get(row.toAddress)) continue
    if (templateId) {
      await tx.update(outbox).set({ templateId, updatedAt: now }).where(eq(outbox.id, row.id))
    } else {
      await giveUp(row)
    }
  }
}
