import { table, text, timestamp } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * A member's delivery preferences, one row per member (absent: the defaults: no digest, no quiet hours).
 * Times are local wall-clock `HH:mm` in the family's zone. See docs/decisions/0020.
 */
export const memberPreferences = table('member_preferences', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id),
  familyId: text('family_id')
    .notNull()
    .references(() => families.id),
  /** When the daily digest goes out (`20:00`); null when the member has not opted in. */
  digestAt: text('digest_at'),
  /** The member's `digest` schedule while the digest is on. */
  digestScheduleId: text('digest_schedule_id'),
  /** Quiet hours start (`22:00`), inclusive; null when none. */
  quietStart: text('quiet_start'),
  /** Quiet hours end (`07:00`), exclusive; non-urgent messages wait until then. */
  quietEnd: text('quiet_end'),
  updatedAt: timestamp('updated_at').notNull(),
})

export type MemberPreferences = typeof memberPreferences.$inferSelect
