import { id, index, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * A question MedNanny asked and is waiting on ("Which child — Maya or Leo?"), with the command it will
 * finish when answered. One per member; a new question replaces the old one. It lives in the database
 * so an answer that arrives after a restart still lands.
 */
export const pendingQuestions = table(
  'pending_questions',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    /** What is being asked: 'which_dependent', or 'confirm_prescription' (a regimen read from a photo). */
    kind: text('kind').notNull(),
    /** The parsed command waiting for its answer, as JSON (dates as ISO strings). */
    payload: json<unknown>('payload').notNull(),
    /** The dependent ids that would answer it. */
    options: json<string[]>('options').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [uniqueIndex('pending_questions_member_uq').on(t.memberId)],
)

/**
 * The conversation's memory (docs/decisions/0024): one row per handled message from a member, with what
 * they said and what MedNanny answered, sealed like the record's notes. A conversation is one family,
 * one member and one thread (`threadKey`: the inbox's conversation key, so a Slack thread is its own
 * conversation). Only the agent reads it, and only for the member who is talking.
 */
export const conversationTurns = table(
  'conversation_turns',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    threadKey: text('thread_key').notNull(),
    /** The inbox message this turn answered (unique: a turn is remembered once). */
    inboxId: text('inbox_id').notNull(),
    /** What the member said (sealed). */
    said: text('said').notNull(),
    /** What MedNanny answered, replies joined (sealed). */
    answered: text('answered').notNull(),
    /** The stage that answered (fast path, red flag, agent…): context for the model, never shown. */
    route: text('route').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [
    uniqueIndex('conversation_turns_inbox_uq').on(t.inboxId),
    index('conversation_turns_thread_idx').on(t.familyId, t.memberId, t.threadKey, t.at),
    index('conversation_turns_at_idx').on(t.at),
  ],
)

/**
 * The summary of a conversation's older turns, written by the model when the turns outgrow the memory
 * budget. `coveredUntil` is the time of the last turn it covers; turns at or before it are deleted when
 * it is written, so the summary and the turns after it are the whole memory.
 */
export const conversationSummaries = table(
  'conversation_summaries',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    threadKey: text('thread_key').notNull(),
    /** Sealed. */
    summary: text('summary').notNull(),
    coveredUntil: timestamp('covered_until').notNull(),
    /** When the first summary of this thread was written: retention counts from here, not from the last fold. */
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('conversation_summaries_thread_uq').on(t.familyId, t.memberId, t.threadKey)],
)
