import { bool, id, index, integer, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import type { OutboxPayload } from './payload.js'

export const OUTBOX_STATUSES = [
  /** waiting for its next attempt */
  'pending',
  /** claimed by a sender; `leaseUntil` says until when */
  'sending',
  /** the provider accepted it */
  'sent',
  /** the provider confirmed delivery */
  'delivered',
  /** the provider could not deliver it (status callback) */
  'undelivered',
  /** we gave up after the maximum attempts or a permanent error */
  'failed',
  /** not sent on purpose: the address opted out */
  'suppressed',
] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/**
 * Every outbound message. Written in the same transaction as the change it reports; a sender loop
 * delivers it. `idempotencyKey` makes a repeated enqueue of the same message a no-op.
 */
export const outbox = table(
  'outbox',
  {
    id: id(),
    idempotencyKey: text('idempotency_key').notNull(),
    familyId: text('family_id'),
    memberId: text('member_id'),
    /** sms | whatsapp | slack | console */
    channel: text('channel').notNull(),
    /** E.164 for phones, team:user or a channel id for Slack. */
    toAddress: text('to_address').notNull(),
    body: text('body').notNull(),
    /** What this message is, for the console and the logs: reply, invitation, onboarding… */
    kind: text('kind').notNull(),
    /** The inbox message this answers, if any. */
    inReplyTo: text('in_reply_to'),
    /** Urgent messages (SOS, red flags) skip quiet hours and go first. */
    urgent: bool('urgent').notNull().default(false),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    leaseUntil: timestamp('lease_until'),
    providerMessageId: text('provider_message_id'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /**
     * WhatsApp outside the 24-hour window: the approved template (a Twilio ContentSid) this row is sent
     * through, with the body as its variable. Null for a free-form message.
     */
    templateId: text('template_id'),
    /**
     * A picture or document sent with the text (a chart, a visit summary): the `media` row. The sender
     * turns it into a signed, expiring URL at send time (Twilio MediaUrl) or a link.
     */
    mediaId: text('media_id'),
    /** The row this one replaces on another channel after that one failed. */
    fallbackOf: text('fallback_of'),
    /** What the message is about, by id (payload.ts): Slack shows it with buttons; other channels ignore it. */
    payload: json<OutboxPayload>('payload'),
    /**
     * An edit: the provider id of a message already delivered (`providerMessageId` of that row) that this
     * row rewrites in place (Slack's chat.update), e.g. an SOS alert once someone is responding.
     */
    editsMessage: text('edits_message'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_provider_idx').on(t.providerMessageId),
    index('outbox_family_idx').on(t.familyId, t.createdAt),
  ],
)
