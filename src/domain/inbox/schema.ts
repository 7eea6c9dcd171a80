import { id, index, integer, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'

export interface InboundMedia {
  url: string
  contentType: string
  /** Bytes, when the provider says (Slack's `files[].size`); Twilio does not. */
  size?: number
}

export interface InboundLocation {
  latitude: number
  longitude: number
  address?: string
  label?: string
}

export const INBOX_STATUSES = ['pending', 'processing', 'done', 'dead'] as const
export type InboxStatus = (typeof INBOX_STATUSES)[number]

/** Every accepted inbound message, stored before we acknowledge it, so nothing accepted is ever lost. */
export const inbox = table(
  'inbox',
  {
    id: id(),
    /** sms | whatsapp | slack | console */
    channel: text('channel').notNull(),
    /** The provider's id (Twilio MessageSid, Slack event_id): a retried delivery hits the unique index. */
    externalId: text('external_id').notNull(),
    /** Who sent it: E.164 for phones, team:user for Slack. */
    fromAddress: text('from_address').notNull(),
    /** Our address it was sent to (the Twilio number), if any. */
    toAddress: text('to_address'),
    /** Messages of one conversation are handled one at a time, in order. */
    conversationKey: text('conversation_key').notNull(),
    body: text('body').notNull(),
    media: json<InboundMedia[]>('media').notNull(),
    location: json<InboundLocation>('location'),
    /** Provider extras we may need later (WhatsApp profile name, Slack thread), never logged. */
    meta: json<Record<string, string>>('meta').notNull(),
    receivedAt: timestamp('received_at').notNull(),
    status: text('status', { enum: INBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    /** While processing: until when this worker owns the row; after that another may take it over. */
    leaseUntil: timestamp('lease_until'),
    lastError: text('last_error'),
    handledAt: timestamp('handled_at'),
  },
  (t) => [
    uniqueIndex('inbox_external_uq').on(t.channel, t.externalId),
    index('inbox_status_idx').on(t.status, t.nextAttemptAt),
    index('inbox_conversation_idx').on(t.conversationKey, t.receivedAt),
  ],
)
