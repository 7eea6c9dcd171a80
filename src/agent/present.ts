import type { MemberSummary } from '../domain/families/queries.js'
import type { Channel, Role } from '../domain/families/schema.js'
import { formatPhone } from '../lib/phone.js'

/** Plain-text wording of tool results; short enough for SMS, readable on WhatsApp and in the console. */

const CHANNEL_NAMES: Record<Channel, string> = { whatsapp: 'WhatsApp', sms: 'SMS', slack: 'Slack', console: 'console' }
const ROLE_NAMES: Record<Role, string> = {
  owner: 'owner',
  admin: 'parent',
  caregiver: 'caregiver',
  member: 'family member',
  viewer: 'viewer',
}

export function presentWhoAmI(r: { name: string; role: Role; family: string; timezone: string; channels: Channel[] }) {
  const channels = r.channels.map((c) => CHANNEL_NAMES[c]).join(', then ')
  return `You’re ${r.name}, ${ROLE_NAMES[r.role]} in ${r.family} (${r.timezone}). I reach you on ${channels}.`
}

export function presentMembers(r: { family: string; timezone: string; members: MemberSummary[] }) {
  const lines = r.members.map((m) => {
    const role = ROLE_NAMES[m.role] + (m.emergencyContact ? ', emergency contact' : '')
    const where =
      m.status === 'invited' ? 'invited, not joined yet' : m.channels.map((c) => CHANNEL_NAMES[c]).join(', ')
    return `• ${m.name}: ${role} (${where})`
  })
  return [`${r.family} (${r.timezone}):`, ...lines].join('\n')
}

export function presentInvite(r: { name: string; role: Role; phone: string; emergencyContact: boolean }) {
  const as = r.role === 'viewer' && r.emergencyContact ? 'emergency contact' : ROLE_NAMES[r.role]
  return `Invitation sent to ${r.name} (${formatPhone(r.phone)}) as ${as}. They join when they reply YES.`
}

export function presentRemoved(r: { name: string; wasInvited: boolean }) {
  return r.wasInvited
    ? `${r.name}’s invitation was withdrawn.`
    : `${r.name} was removed from the family and no longer gets messages.`
}
