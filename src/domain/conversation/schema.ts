import { id, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
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
