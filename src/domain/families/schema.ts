import { bool, id, index, json, table, text, timestamp, uniqueIndex } from '../../db/columns.js'

export const ROLES = ['owner', 'admin', 'caregiver', 'member', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const MEMBER_STATUSES = ['invited', 'active', 'declined', 'removed'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

/** A channel a member can be reached on, in the order they prefer. */
export const CHANNELS = ['whatsapp', 'sms', 'slack', 'console'] as const
export type Channel = (typeof CHANNELS)[number]

export const families = table('families', {
  id: id(),
  name: text('name').notNull(),
  /** IANA zone, e.g. America/New_York: all "8am" and "today" are in this zone. */
  timezone: text('timezone').notNull(),
  /** BCP 47, e.g. en-US: units and wording. */
  locale: text('locale').notNull(),
  createdAt: timestamp('created_at').notNull(),
})

export const members = table(
  'members',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    status: text('status', { enum: MEMBER_STATUSES }).notNull(),
    /** Reached by SOS; independent of role (a viewer can be an emergency contact). */
    emergencyContact: bool('emergency_contact').notNull().default(false),
    /** Channels to try in order; the first that works wins, failures fall through to the next. */
    channelOrder: json<Channel[]>('channel_order').notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at').notNull(),
    joinedAt: timestamp('joined_at'),
    removedAt: timestamp('removed_at'),
  },
  (t) => [index('members_family_idx').on(t.familyId)],
)

export const IDENTITY_KINDS = ['phone', 'slack'] as const
export type IdentityKind = (typeof IDENTITY_KINDS)[number]

/**
 * How a member is recognised: a phone (E.164, for SMS and WhatsApp) or a Slack team+user.
 * One address belongs to one member at a time (docs/decisions/0005-one-family-per-address.md).
 */
export const channelIdentities = table(
  'channel_identities',
  {
    id: id(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    kind: text('kind', { enum: IDENTITY_KINDS }).notNull(),
    address: text('address').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('channel_identities_address_uq').on(t.kind, t.address),
    index('channel_identities_member_idx').on(t.memberId),
  ],
)

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const

/** An invitation is also the consent record: who asked, who answered, when, and what they said. */
export const invitations = table(
  'invitations',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    invitedBy: text('invited_by').notNull(),
    kind: text('kind', { enum: IDENTITY_KINDS }).notNull(),
    address: text('address').notNull(),
    status: text('status', { enum: INVITATION_STATUSES }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    respondedAt: timestamp('responded_at'),
    /** The words the invitee answered with ("YES"), kept as evidence of consent. */
    response: text('response'),
  },
  (t) => [index('invitations_address_idx').on(t.kind, t.address, t.status)],
)

/**
 * A one-time code that attaches a new channel identity (a Slack user) to an existing member. The
 * operator creates it for a named member (`mednanny slack link`); the member types it themself from
 * the new account, which is their consent. Only a hash is stored; a code works once, for 15 minutes.
 */
export const linkCodes = table(
  'link_codes',
  {
    id: id(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    /** The kind of identity the code links (slack). */
    kind: text('kind', { enum: IDENTITY_KINDS }).notNull(),
    /** SHA-256 of the normalized code, hex. */
    codeHash: text('code_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [uniqueIndex('link_codes_hash_uq').on(t.codeHash), index('link_codes_member_idx').on(t.memberId)],
)

export type Family = typeof families.$inferSelect
export type Member = typeof members.$inferSelect
export type Invitation = typeof invitations.$inferSelect
export type LinkCode = typeof linkCodes.$inferSelect

/** The sender as the channel adapter verified it. */
export interface Sender {
  kind: IdentityKind
  address: string
  channel: Channel
}
