import { table, text, timestamp, uniqueIndex } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/**
 * A family's shared channel: the place the whole family reads (a Slack channel). One per family; setting
 * another replaces it. The channel adapter owns both strings: `key` is how it recognises a message from
 * that place (for Slack `team:channel`), `address` is where it posts (an outbox address). The domain only
 * stores and compares them. See docs/decisions/0031-slack-modal-home-family-channel.md.
 */
export const familyChannels = table(
  'family_channels',
  {
    familyId: text('family_id')
      .primaryKey()
      .references(() => families.id),
    /** The outbox channel that posts there (slack). */
    channel: text('channel', { enum: ['slack'] }).notNull(),
    key: text('key').notNull(),
    address: text('address').notNull(),
    setBy: text('set_by')
      .notNull()
      .references(() => members.id),
    setAt: timestamp('set_at').notNull(),
  },
  (t) => [uniqueIndex('family_channels_key_uq').on(t.key)],
)

export type FamilyChannel = typeof familyChannels.$inferSelect
