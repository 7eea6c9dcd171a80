import { id, index, json, table, text, timestamp } from '../../db/columns.js'

/**
 * Who did what to which record, when. Details hold ids and codes and, for an edit, the values it replaced
 * (so a correction can be traced); never message text. The audit log lives in the database, never in logs.
 */
export const auditLog = table(
  'audit_log',
  {
    id: id(),
    familyId: text('family_id'),
    actorMemberId: text('actor_member_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    detail: json<Record<string, string | number | boolean | null>>('detail'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('audit_family_idx').on(t.familyId, t.at)],
)
