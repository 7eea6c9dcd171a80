import { id, index, table, text, timestamp } from '../../db/columns.js'
import { dependents } from '../dependents/schema.js'
import { families, members } from '../families/schema.js'

export const MEDIA_KINDS = ['growth_chart', 'feeds_chart', 'sleep_chart', 'visit_summary', 'cycle_calendar'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

/**
 * A picture or document asked for by chat (a chart, a visit summary). The row keeps what was read
 * through the tools when it was asked for — the snapshot — and the image is rendered from it when the
 * signed URL is fetched, outside any transaction (docs/decisions/0032-charts-and-pdf.md). The snapshot
 * holds health values, so it is sealed like health notes (0016).
 */
export const media = table(
  'media',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    /** Who asked for it: the only person its URL is sent to. */
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    dependentId: text('dependent_id').references(() => dependents.id),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    /** JSON of what the renderer draws; sealed when DATA_ENCRYPTION_KEY is set. */
    snapshot: text('snapshot').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('media_family_idx').on(t.familyId, t.createdAt)],
)
