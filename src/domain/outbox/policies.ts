/**
 * Two rules every outbound message passes right before it is claimed, so no caller can skip them
 * (docs/decisions/0020): a member's quiet hours, and WhatsApp's 24-hour customer-service window.
 */
import { and, eq, inArray, isNotNull, isNull, lte, max } from 'drizzle-orm'
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

/** Of these addresses, the ones whose WhatsApp window is open now (one query for all of them). */
async function windowsOpen(tx: Tx, now: Date, addresses: string[]): Promise<Set<string>> {
  const keys = [...new Set(addresses)].map((a) => `whatsapp:${a}`)
  const rows = await tx
    .select({ key: inbox.conversationKey, last: max(inbox.receivedAt) })
    .from(inbox)
    .where(and(inArray(inbox.conversationKey, keys), eq(inbox.channel, 'whatsapp')))
    .groupBy(inbox.conversationKey)
  const since = now.getTime() - (WHATSAPP_WINDOW_MS - WHATSAPP_WINDOW_MARGIN_MS)
  return new Set(rows.filter((r) => r.last && r.last.getTime() > since).map((r) => r.key.slice('whatsapp:'.length)))
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
  if (!rows.length) return
  const open = await windowsOpen(
    tx,
    now,
    rows.map((r) => r.toAddress),
  )
  const closed = rows.filter((r) => !open.has(r.toAddress))
  if (templateId && closed.length) {
    // One statement for the lot: an SOS round to fifty contacts must not wait on fifty updates.
    await tx
      .update(outbox)
      .set({ templateId, updatedAt: now })
      .where(
        inArray(
          outbox.id,
          closed.map((r) => r.id),
        ),
      )
    return
  }
  for (const row of closed) await giveUp(row)
}
