import { toE164Near } from '../../lib/phone.js'
import { DomainError } from '../errors.js'
import { defineTool } from '../tools.js'
import { InviteMemberInput, NoInput, RemoveMemberInput } from './input.js'
import { findMemberByName, getFamily, getMember, listMembers } from './queries.js'
import { inviteMember, removeMember } from './service.js'

export const whoAmITool = defineTool({
  name: 'who_am_i',
  description: 'Who is asking: their name, role and family. Use for "who am I?".',
  input: NoInput,
  permission: 'family:read',
  readOnly: true,
  run: async ({ tx, actor }) => {
    const [member, family] = await Promise.all([getMember(tx, actor, actor.memberId), getFamily(tx, actor.familyId)])
    return {
      name: member.name,
      role: member.role,
      family: family.name,
      timezone: family.timezone,
      channels: member.channelOrder,
    }
  },
})

export const listMembersTool = defineTool({
  name: 'list_members',
  description: 'The family: its name, time zone, and every member with role, status and channels.',
  input: NoInput,
  permission: 'members:read',
  readOnly: true,
  run: async ({ tx, actor }) => {
    const family = await getFamily(tx, actor.familyId)
    return { family: family.name, timezone: family.timezone, members: await listMembers(tx, actor) }
  },
})

export const inviteMemberTool = defineTool({
  name: 'invite_member',
  description: 'Invite a person to the family by phone. They join only after replying YES.',
  input: InviteMemberInput,
  permission: 'members:invite',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    // A number without a country code is read in the inviter's own country.
    const phone = toE164Near(input.phone, actor.address)
    if (!phone) {
      throw new DomainError('invalid_input', 'unparseable phone', `I couldn't read "${input.phone}" as a phone number.`)
    }
    const { member } = await inviteMember(tx, actor, clock.now(), {
      name: input.name,
      role: input.role,
      emergencyContact: input.emergencyContact,
      kind: 'phone',
      address: phone,
    })
    return {
      memberId: member.id,
      name: member.name,
      role: member.role,
      phone,
      emergencyContact: member.emergencyContact,
    }
  },
})

export const removeMemberTool = defineTool({
  name: 'remove_member',
  description: 'Remove a member from the family by name; they lose access at once.',
  input: RemoveMemberInput,
  permission: 'members:remove',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const member = await findMemberByName(tx, actor, input.name)
    const removed = await removeMember(tx, actor, clock.now(), member.id)
    return { name: removed.name, wasInvited: removed.status === 'invited' }
  },
})

export const familyTools = [whoAmITool, listMembersTool, inviteMemberTool, removeMemberTool]
