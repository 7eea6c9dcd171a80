import { z } from 'zod'
import { personNameProblem } from './names.js'

export const InviteMemberInput = z.object({
  name: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = personNameProblem(v)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .describe('The person’s name as the family calls them, e.g. "Maria"'),
  role: z
    .enum(['admin', 'caregiver', 'member', 'viewer'])
    .describe('admin: a parent; caregiver: a nanny; member: family such as a grandparent; viewer: read-only'),
  emergencyContact: z.boolean().default(false).describe('Reached by SOS alerts'),
  phone: z.string().trim().min(5).describe('Their mobile number; international format preferred (+44 7700 900123)'),
})
export type InviteMemberInput = z.infer<typeof InviteMemberInput>

export const RemoveMemberInput = z.object({
  name: z.string().trim().min(1).describe('The member’s name'),
})

export const NoInput = z.object({})
