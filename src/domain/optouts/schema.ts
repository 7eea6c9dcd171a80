import { bool, id, table, text, timestamp, uniqueIndex } from '../../db/columns.js'

/** The current opt-out state of one address on one channel; the history is in the audit log. */
export const optOuts = table(
  'opt_outs',
  {
    id: id(),
    channel: text('channel', { enum: ['sms', 'whatsapp'] }).notNull(),
    address: text('address').notNull(),
    optedOut: bool('opted_out').notNull(),
    /** The keyword that set this state (STOP, START…). */
    keyword: text('keyword').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('opt_outs_address_uq').on(t.channel, t.address)],
)
