import { id, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'

export type OnboardingStep = 'ask_name' | 'ask_family' | 'confirm_timezone'

export interface OnboardingData {
  ownerName?: string
  familyName?: string
  timezone?: string
  locale?: string
}

/** A newcomer creating a family by chat, one question at a time. */
export const onboardingSessions = table(
  'onboarding_sessions',
  {
    id: id(),
    kind: text('kind', { enum: ['phone', 'slack'] }).notNull(),
    address: text('address').notNull(),
    /** The channel they started on; the family's owner is reached there first. */
    channel: text('channel').notNull(),
    step: text('step').$type<OnboardingStep>().notNull(),
    data: json<OnboardingData>('data').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('onboarding_address_uq').on(t.kind, t.address)],
)
