import { z } from 'zod'
import { defineTool } from '../tools.js'
import { setSosPolicy, sosPolicyOf } from './service.js'

export const sosPolicyTool = defineTool({
  name: 'sos_policy',
  description: 'How an SOS escalates in this family: minutes between alert rounds, rounds before everyone is alerted.',
  input: z.object({}),
  permission: 'family:read',
  readOnly: true,
  run: async ({ tx, actor }) => await sosPolicyOf(tx, actor.familyId),
})

export const setSosPolicyTool = defineTool({
  name: 'set_sos_policy',
  description:
    'A parent changes how an SOS escalates: minutes between rounds (1–30), rounds before the whole family (1–10).',
  input: z
    .object({
      intervalMinutes: z.number().int().min(1).max(30).optional(),
      roundsPerTier: z.number().int().min(1).max(10).optional(),
    })
    .refine(
      (v) => v.intervalMinutes !== undefined || v.roundsPerTier !== undefined,
      'say the minutes, the rounds, or both',
    ),
  permission: 'sos:policy',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await setSosPolicy(tx, actor, clock.now(), input),
})

export const sosTools = [sosPolicyTool, setSosPolicyTool]
