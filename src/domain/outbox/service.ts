import { and, asc, type Column, desc, eq, gt, gte, inArray, lt, lte, notExists, or, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { alias } from '../../db/columns.js'
import { perConnection, placeholders } from '../../db/prepared.js'
import { newId } from '../../lib/ids.js'
import { splitText } from '../../lib/split-text.js'
import { type Channel, channelIdentities, members } from '../families/schema.js'
import { isOptedOut, optedOutAmong, setOptOut } from '../optouts/service.js'
import { sosIncidents } from '../sos/schema.js'
import type { OutboxPayload } from './payload.js'
import { applyWhatsAppWindow, holdForQuietHours } from './policies.js'
import { type OutboxStatus, outbox } from './schema.js'

export type OutboxRow = typeof outbox.$inferSelect

/**
 * Longest body one provider message may carry. Twilio: 1,600 characters for SMS and WhatsApp
 * (twilio.com/docs/api/messaging/message-resource, "Body"). Longer text becomes several rows.
 */
/** Where an outbox row goes: a member's channel, or a phone call (SOS escalation) read aloud. */
export type OutboxChannel = Channel | 'voice'

export const MAX_BODY: Record<OutboxChannel, number> = {
  sms: 1600,
  whatsapp: 1600,
  slack: 3000,
  console: 1600,
  // Said by text-to-speech inside inline TwiML (≤ 4,000 characters with the markup).
  voice: 1000,
}

export interface NewOutboxMessage {
  /** Same key, same message: a second enqueue is a no-op. E.g. `reply:<inboxId>:0`. */
  idempotencyKey: string
  channel: OutboxChannel
  toAddress: string
  body: string
  kind: string
  familyId?: string | null
  memberId?: string | null
  inReplyTo?: string | null
  urgent?: boolean
  fallbackOf?: string | null
  /** WhatsApp only: send through this approved template, the body as its variable. */
  templateId?: string | null
  /** A `media` row sent with the text (on the first part of a long one). */
  mediaId?: string | null
  /** What it is about, by id (payload.ts): buttons where the channel has them. */
  payload?: OutboxPayload | null
  /** Rewrites this delivered message in place (its provider id) instead of sending a new one. */
  editsMessage?: string | null
}

/** Writes the message (split into parts when too long) in the caller's transaction. Returns the row ids. */
export async function enqueueOutbox(tx: Tx, now: Date, m: NewOutboxMessage): Promise<string[]> {
  const suppressed = await isOptedOut(tx, m.channel, m.toAddress)
  const insert = insertStatement(tx)
  const ids: string[] = []
  for (const row of outboxRows(m, now, suppressed)) {
    const written = await insert.get(row)
    if (written) ids.push(written.id)
  }
  return ids
}

/**
 * Many messages at once, by the same rules as `enqueueOutbox` (parts, opt-outs, idempotency keys), with
 * one opt-out query for all: the scheduler's batches. Returns how many rows were written.
 */
export async function enqueueOutboxMany(tx: Tx, now: Date, messages: NewOutboxMessage[]): Promise<number> {
  if (!messages.length) return 0
  const suppressed = await optedOutAmong(
    tx,
    messages.map((m) => ({ channel: m.channel, address: m.toAddress })),
  )
  const rows = messages.flatMap((m) => outboxRows(m, now, suppressed.has(`${m.channel}:${m.toAddress}`)))
  const insert = insertStatement(tx)
  let written = 0
  for (const row of rows) if (await insert.get(row)) written++
  // An SOS alert suppressed at once (the contact sent STOP on that channel) is carried another way.
  for (const row of rows.filter((r) => r.kind === 'sos_alert' && r.status === 'suppressed')) {
    const [stored] = await tx.select().from(outbox).where(eq(outbox.idempotencyKey, row.idempotencyKey))
    if (stored) await sosAlertFallback(tx, now, stored)
  }
  return written
}

/** What `outboxRows` fills in; every other column takes its default. */
const OUTBOX_INSERT_COLUMNS = [
  'id',
  'idempotencyKey',
  'familyId',
  'memberId',
  'channel',
  'toAddress',
  'body',
  'kind',
  'inReplyTo',
  'urgent',
  'status',
  'errorCode',
  'nextAttemptAt',
  'fallbackOf',
  'templateId',
  'mediaId',
  'payload',
  'editsMessage',
  'createdAt',
  'updatedAt',
] as const
type OutboxInsert = Required<Pick<typeof outbox.$inferInsert, (typeof OUTBOX_INSERT_COLUMNS)[number]>>

/**
 * One row, prepared once per connection (db/prepared.ts): a scheduler batch writes a thousand, and
 * building a multi-row INSERT with drizzle cost more than SQLite writing them (bench scheduler, measured).
 * A repeated idempotency key writes nothing and returns no row.
 */
const insertStatement = perConnection((tx) =>
  tx
    .insert(outbox)
    .values(placeholders(OUTBOX_INSERT_COLUMNS))
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id })
    .prepare(),
)

/** The rows one message becomes: a part per MAX_BODY of text, each with its own key. */
function outboxRows(m: NewOutboxMessage, now: Date, suppressed: boolean): OutboxInsert[] {
  const parts = splitText(m.body, MAX_BODY[m.channel])
  return parts.map((body, i) => ({
    id: newId('obx'),
    idempotencyKey: parts.length === 1 ? m.idempotencyKey : `${m.idempotencyKey}#${i + 1}`,
    familyId: m.familyId ?? null,
    memberId: m.memberId ?? null,
    channel: m.channel,
    toAddress: m.toAddress,
    body,
    kind: m.kind,
    inReplyTo: m.inReplyTo ?? null,
    urgent: m.urgent ?? false,
    status: suppressed ? 'suppressed' : 'pending',
    errorCode: suppressed ? 'opted_out' : null,
    nextAttemptAt: now,
    fallbackOf: m.fallbackOf ?? null,
    templateId: m.templateId ?? null,
    mediaId: i === 0 ? (m.mediaId ?? null) : null,
    // A split message carries its buttons on its last part, under the whole text.
    payload: i === parts.length - 1 ? (m.payload ?? null) : null,
    editsMessage: m.editsMessage ?? null,
    createdAt: now,
    updatedAt: now,
  }))
}

/** Where to reach a member: their channels in order of preference, each with its address. */
export async function memberRoutes(tx: Tx, memberId: string): Promise<{ channel: Channel; address: string }[]> {
  return (await memberRoutesMany(tx, [memberId])).get(memberId) ?? []
}

/** `memberRoutes` for many members in two queries: member id → their channels in order. */
export async function memberRoutesMany(
  tx: Tx,
  memberIds: string[],
): Promise<Map<string, { channel: Channel; address: string }[]>> {
  const ids = [...new Set(memberIds)]
  const out = new Map<string, { channel: Channel; address: string }[]>()
  if (!ids.length) return out
  const rows = await tx.select().from(members).where(inArray(members.id, ids))
  const identities = await tx.select().from(channelIdentities).where(inArray(channelIdentities.memberId, ids))
  for (const member of rows) {
    const mine = identities.filter((i) => i.memberId === member.id)
    const routes = member.channelOrder.flatMap((channel) => {
      const identity = mine.find((i) => i.kind === (channel === 'slack' ? 'slack' : 'phone'))
      return identity ? [{ channel, address: identity.address }] : []
    })
    out.set(member.id, routes)
  }
  return out
}

/** Enqueues a message to a member on their preferred channel. Returns false when they have none. */
export async function enqueueToMember(
  tx: Tx,
  now: Date,
  m: Omit<NewOutboxMessage, 'channel' | 'toAddress' | 'memberId'> & { memberId: string },
): Promise<boolean> {
  const [first] = await memberRoutes(tx, m.memberId)
  if (!first) return false
  await enqueueOutbox(tx, now, { ...m, channel: first.channel, toAddress: first.address })
  return true
}

export interface ClaimOptions {
  /** Rows in flight per channel. */
  limits: Partial<Record<string, number>>
  leaseMs: number
  /**
   * Set when WhatsApp goes through a provider that enforces the 24-hour window (Twilio): free-form
   * messages outside it use `templateId` when there is one, or fall back to the next channel.
   */
  whatsapp?: { templateId?: string }
}

/** The error code we record when a WhatsApp message could not go free-form and had no template. */
export const WINDOW_CLOSED = 'whatsapp_window'

/**
 * Claims rows that are due (pending and due, or sending with an expired lease), at most `limit` per
 * channel counting rows already in flight. Claimed rows are `sending` until `leaseUntil`.
 *
 * One recipient has at most one message in flight, and the parts of a split message go in order, so a
 * long reply arrives as (1/3), (2/3), (3/3) rather than in whatever order the provider finished them.
 */
export async function claimDueOutbox(
  tx: Tx,
  now: Date,
  { limits, leaseMs, whatsapp }: ClaimOptions,
): Promise<OutboxRow[]> {
  // The delivery rules come first, so what they hold, reroute or fall back is seen by this same claim.
  await holdForQuietHours(tx, now)
  if (whatsapp) {
    await applyWhatsAppWindow(tx, now, whatsapp.templateId, (row) =>
      failOutbox(tx, now, row, { code: WINDOW_CLOSED, message: 'outside the WhatsApp 24-hour window' }),
    )
  }
  const inFlight = await tx
    .select({ channel: outbox.channel, toAddress: outbox.toAddress })
    .from(outbox)
    .where(and(eq(outbox.status, 'sending'), gt(outbox.leaseUntil, now)))
  const busy = new Map<string, number>()
  const busyRecipients = new Set<string>()
  for (const r of inFlight) {
    busy.set(r.channel, (busy.get(r.channel) ?? 0) + 1)
    busyRecipients.add(`${r.channel}:${r.toAddress}`)
  }
  // Due rows, but at most the first due row per recipient: a long queue for one number must not fill
  // the window and hide everyone else's messages (one message per recipient is in flight anyway).
  const earlier = alias(outbox, 'earlier')
  const dueNow = (t: { status: Column; nextAttemptAt: Column; leaseUntil: Column }) =>
    or(and(eq(t.status, 'pending'), lte(t.nextAttemptAt, now)), and(eq(t.status, 'sending'), lte(t.leaseUntil, now)))
  let due = await tx
    .select()
    .from(outbox)
    .where(
      and(
        dueNow(outbox),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.channel, outbox.channel),
                eq(earlier.toAddress, outbox.toAddress),
                dueNow(earlier),
                // An urgent row (an SOS) does not queue behind the same person's ordinary messages.
                gte(earlier.urgent, outbox.urgent),
                or(
                  lt(earlier.createdAt, outbox.createdAt),
                  and(eq(earlier.createdAt, outbox.createdAt), lt(earlier.id, outbox.id)),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy(sql`${outbox.urgent} DESC`, asc(outbox.nextAttemptAt), asc(outbox.createdAt), asc(outbox.id))
    .limit(200)
  due = await dropClosedSos(tx, now, due)
  // Someone may have sent STOP since these were queued: checked again right before sending, in one query.
  const stopped = await optedOutAmong(
    tx,
    due.map((r) => ({ channel: r.channel, address: r.toAddress })),
  )
  const claimed: OutboxRow[] = []
  const suppressed: string[] = []
  for (const row of due) {
    const recipient = `${row.channel}:${row.toAddress}`
    // Urgent rows (SOS, red-flag alerts) are not held back by the channel's window: a fan-out to every
    // emergency contact goes out at once. One message per recipient in flight still holds.
    const free = row.urgent ? 1 : (limits[row.channel] ?? 1) - (busy.get(row.channel) ?? 0)
    if (free <= 0 || busyRecipients.has(recipient)) continue
    if (await earlierPartUnsent(tx, row)) continue
    if (stopped.has(recipient)) {
      suppressed.push(row.id)
      continue
    }
    busy.set(row.channel, (busy.get(row.channel) ?? 0) + 1)
    busyRecipients.add(recipient)
    claimed.push(row)
  }
  if (suppressed.length) {
    await tx
      .update(outbox)
      .set({ status: 'suppressed', errorCode: 'opted_out', leaseUntil: null, updatedAt: now })
      .where(inArray(outbox.id, suppressed))
    // An emergency contact who sent STOP to our SMS is still an emergency contact: a suppressed SOS
    // alert reaches them another way (their other channel carries it, or they are phoned now).
    for (const row of due.filter((r) => r.kind === 'sos_alert' && suppressed.includes(r.id))) {
      await sosAlertFallback(tx, now, { ...row, status: 'suppressed' })
    }
  }
  const leaseUntil = new Date(now.getTime() + leaseMs)
  if (claimed.length) {
    await tx
      .update(outbox)
      .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, leaseUntil, updatedAt: now })
      .where(
        inArray(
          outbox.id,
          claimed.map((r) => r.id),
        ),
      )
  }
  return claimed.map((row) => ({ ...row, status: 'sending' as const, attempts: row.attempts + 1, leaseUntil }))
}

/** Part n of a split message waits while part n-1 is still queued or in flight. */
async function earlierPartUnsent(tx: Tx, row: OutboxRow): Promise<boolean> {
  const part = /^(.*)#(\d+)$/.exec(row.idempotencyKey)
  if (!part || part[2] === '1') return false
  const previousKey = `${part[1]}#${Number(part[2]) - 1}`
  const [previous] = await tx
    .select({ status: outbox.status })
    .from(outbox)
    .where(eq(outbox.idempotencyKey, previousKey))
  return previous?.status === 'pending' || previous?.status === 'sending'
}

export async function markOutboxSent(tx: Tx, now: Date, id: string, providerMessageId: string, final = false) {
  await tx
    .update(outbox)
    .set({ status: final ? 'delivered' : 'sent', providerMessageId, leaseUntil: null, errorCode: null, updatedAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
}

export async function markOutboxRetry(tx: Tx, now: Date, id: string, nextAttemptAt: Date, error: OutboxError) {
  await tx
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt, leaseUntil: null, ...errorFields(error), updatedAt: now })
    .where(eq(outbox.id, id))
}

export interface OutboxError {
  code: string
  message: string
}

const errorFields = (e: OutboxError) => ({ errorCode: e.code, errorMessage: e.message.slice(0, 500) })

/**
 * The provider refused because the recipient opted out (an inbound STOP we never saw, or one given to
 * the carrier): record the opt-out so nothing else is queued for them, and do not try another channel.
 */
export async function markOutboxOptedOut(tx: Tx, now: Date, row: OutboxRow, error: OutboxError) {
  await tx
    .update(outbox)
    .set({ status: 'suppressed', leaseUntil: null, ...errorFields(error), updatedAt: now })
    .where(eq(outbox.id, row.id))
  if (row.channel === 'sms' || row.channel === 'whatsapp') {
    await setOptOut(tx, now, { channel: row.channel, address: row.toAddress, optedOut: true, keyword: 'PROVIDER' })
  }
  // An emergency contact's STOP does not end their SOS alert: another channel, or a call now.
  if (row.kind === 'sos_alert') await sosAlertFallback(tx, now, { ...row, status: 'suppressed' })
}

/** Gives up on a row and, when its member has another channel, enqueues the same message there. */
export async function failOutbox(
  tx: Tx,
  now: Date,
  row: OutboxRow,
  error: OutboxError,
  status: 'failed' | 'undelivered' = 'failed',
) {
  await tx
    .update(outbox)
    .set({ status, leaseUntil: null, ...errorFields(error), updatedAt: now })
    .where(eq(outbox.id, row.id))
  return enqueueFallback(tx, now, row)
}

/**
 * The provider says the WhatsApp window is closed (Twilio 63016) though the inbox said it was open, e.g.
 * the person wrote to another of our numbers. Retrying cannot help: the same message goes through the
 * template when there is one and this row was free-form, otherwise to the member's next channel.
 */
export async function failOutsideWindow(
  tx: Tx,
  now: Date,
  row: OutboxRow,
  error: OutboxError,
  { templateId, status = 'failed' }: { templateId?: string; status?: 'failed' | 'undelivered' },
): Promise<string | undefined> {
  if (row.channel !== 'whatsapp' || row.templateId || !templateId) return failOutbox(tx, now, row, error, status)
  await tx
    .update(outbox)
    .set({ status, leaseUntil: null, ...errorFields(error), updatedAt: now })
    .where(eq(outbox.id, row.id))
  const [id] = await enqueueOutbox(tx, now, {
    idempotencyKey: `${row.idempotencyKey}:template`,
    channel: 'whatsapp',
    toAddress: row.toAddress,
    body: row.body,
    kind: row.kind,
    familyId: row.familyId,
    memberId: row.memberId,
    inReplyTo: row.inReplyTo,
    urgent: row.urgent,
    fallbackOf: row.fallbackOf ?? row.id,
    templateId,
    mediaId: row.mediaId,
    payload: row.payload,
  })
  return id
}

/** The next channel of the member that this message (or its earlier fallbacks) has not tried yet. */
async function enqueueFallback(tx: Tx, now: Date, row: OutboxRow): Promise<string | undefined> {
  // An edit of a message on one channel means nothing on another.
  if (!row.memberId || row.editsMessage) return undefined
  if (row.kind === 'sos_alert') return await sosAlertFallback(tx, now, row)
  if (row.kind === 'sos_call') return undefined // the next round calls again
  const rootId = row.fallbackOf ?? row.id
  const tried = await tx
    .select({ channel: outbox.channel })
    .from(outbox)
    .where(or(eq(outbox.id, rootId), eq(outbox.fallbackOf, rootId)))
  const triedChannels = new Set(tried.map((t) => t.channel))
  const next = (await memberRoutes(tx, row.memberId)).find((r) => !triedChannels.has(r.channel))
  if (!next) return undefined
  const [id] = await enqueueOutbox(tx, now, {
    idempotencyKey: `${row.idempotencyKey}:fallback:${next.channel}`,
    channel: next.channel,
    toAddress: next.address,
    body: row.body,
    kind: row.kind,
    familyId: row.familyId,
    memberId: row.memberId,
    inReplyTo: row.inReplyTo,
    urgent: row.urgent,
    fallbackOf: rootId,
    mediaId: row.mediaId,
    payload: row.payload,
  })
  return id
}

/**
 * An SOS alert is sent on every channel at once (`sos:<incident>:<round>:<member>:<channel>`), so a
 * failed one needs no copy on another text channel — unless every text channel of that round failed:
 * then the contact is phoned now, not at the next round (docs/decisions/0021-sos.md).
 */
async function sosAlertFallback(tx: Tx, now: Date, row: OutboxRow): Promise<string | undefined> {
  if ((await closedSosRows(tx, [row])).length) return undefined // answered or closed: no call now
  const prefix = row.idempotencyKey.slice(0, row.idempotencyKey.lastIndexOf(':'))
  const round = await tx
    .select({ channel: outbox.channel, status: outbox.status })
    .from(outbox)
    .where(and(sql`${outbox.idempotencyKey} LIKE ${`${prefix}:%`}`, eq(outbox.memberId, row.memberId ?? '')))
  const alive = round.some((r) => r.channel !== 'voice' && !['failed', 'undelivered', 'suppressed'].includes(r.status))
  if (alive || round.some((r) => r.channel === 'voice')) return undefined
  const phone = (await memberRoutes(tx, row.memberId ?? '')).find(
    (r) => r.channel === 'sms' || r.channel === 'whatsapp',
  )
  if (!phone) return undefined
  // What the call says: the alert's first line (who and what), without the emoji.
  const say = (row.body.split('\n')[0] ?? row.body).replace(/^\W+/u, '').slice(0, 400)
  const [id] = await enqueueOutbox(tx, now, {
    idempotencyKey: `${prefix}:voice`,
    channel: 'voice',
    toAddress: phone.address,
    body: `This is MedNanny with an emergency alert. ${say}. We could not reach you by text.`,
    kind: 'sos_call',
    familyId: row.familyId,
    memberId: row.memberId,
    urgent: true,
    fallbackOf: row.id,
  })
  return id
}

/** SOS alerts and calls of an incident someone has answered or closed are not sent any more. */
async function dropClosedSos(tx: Tx, now: Date, due: OutboxRow[]): Promise<OutboxRow[]> {
  const stale = await closedSosRows(tx, due)
  if (!stale.length) return due
  await tx
    .update(outbox)
    .set({ status: 'suppressed', errorCode: 'sos_closed', leaseUntil: null, updatedAt: now })
    .where(inArray(outbox.id, stale))
  return due.filter((r) => !stale.includes(r.id))
}

/** Of these rows, the SOS alerts and calls whose incident is no longer open (answered, cancelled, closed). */
async function closedSosRows(tx: Tx, rows: Pick<OutboxRow, 'id' | 'kind' | 'idempotencyKey'>[]): Promise<string[]> {
  const sos = rows.filter((r) => r.kind === 'sos_alert' || r.kind === 'sos_call')
  if (!sos.length) return []
  const incidentOf = (key: string) => key.split(':')[1] ?? ''
  const ids = [...new Set(sos.map((r) => incidentOf(r.idempotencyKey)))]
  const open = await tx
    .select({ id: sosIncidents.id })
    .from(sosIncidents)
    .where(and(inArray(sosIncidents.id, ids), eq(sosIncidents.status, 'open')))
  const stillOpen = new Set(open.map((o) => o.id))
  return sos.filter((r) => !stillOpen.has(incidentOf(r.idempotencyKey))).map((r) => r.id)
}

/**
 * Applies a provider status callback. Callbacks arrive in any order (Twilio does not guarantee it), so a
 * status never moves a row backwards: `delivered` after `sent` sticks, `sent` after `delivered` is ignored.
 */
export async function applyDeliveryStatus(
  tx: Tx,
  now: Date,
  {
    providerMessageId,
    status,
    errorCode,
    windowClosed,
    templateId,
  }: {
    providerMessageId: string
    status: 'sent' | 'delivered' | 'undelivered' | 'failed'
    errorCode?: string
    /** The provider's reason is WhatsApp's closed 24-hour window (Twilio 63016). */
    windowClosed?: boolean
    /** The approved WhatsApp template to resend through, when configured. */
    templateId?: string
  },
): Promise<{ found: boolean; changed: boolean; fallbackId?: string }> {
  const [row] = await tx.select().from(outbox).where(eq(outbox.providerMessageId, providerMessageId))
  if (!row) return { found: false, changed: false }
  if (RANK[status] <= RANK[row.status]) return { found: true, changed: false }
  if (status === 'undelivered' || status === 'failed') {
    const error = { code: errorCode ?? status, message: `provider reported ${status}` }
    const fallbackId = windowClosed
      ? await failOutsideWindow(tx, now, row, error, { templateId, status })
      : await failOutbox(tx, now, row, error, status)
    return { found: true, changed: true, fallbackId }
  }
  await tx.update(outbox).set({ status, updatedAt: now }).where(eq(outbox.id, row.id))
  return { found: true, changed: true }
}

const RANK: Record<OutboxStatus, number> = {
  pending: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 4,
  failed: 4,
  suppressed: 4,
}

/** The newest rows, oldest first: for the dev console. */
export async function recentOutbox(tx: Tx, limit = 200): Promise<OutboxRow[]> {
  const rows = await tx.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit)
  return rows.reverse()
}

export async function getOutbox(tx: Tx, ids: string[]): Promise<OutboxRow[]> {
  return ids.length ? tx.select().from(outbox).where(inArray(outbox.id, ids)) : []
}
