import { id, index, json, table, text, timestamp } from '../../db/columns.js'
import { families, members } from '../families/schema.js'

/** A person cared for: a child, or an adult (then usually also a member, e.g. grandpa). */
export const dependents = table(
  'dependents',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    name: text('name').notNull(),
    nicknames: json<string[]>('nicknames').notNull().default([]),
    /** YYYY-MM-DD; age is always derived from it, never stored. */
    birthDate: text('birth_date'),
    sex: text('sex', { enum: ['female', 'male', 'other'] }),
    /** Set when the dependent is also a member (grandpa takes his own pills). */
    memberId: text('member_id').references(() => members.id),
    createdAt: timestamp('created_at').notNull(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('dependents_family_idx').on(t.familyId)],
)
