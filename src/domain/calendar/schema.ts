import { id, index, table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * A member's calendar subscription (docs/decisions/0029): an unguessable token in a URL that Google or
 * Apple Calendar polls. Only the token's SHA-256 is stored, so a copy of the database cannot be used to
 * read anyone's calendar; a new link revokes the old one.
 */
export const calendarFeeds = table(
  'calendar_feeds',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash), index('calendar_feeds_member_idx').on(t.memberId)],
)
