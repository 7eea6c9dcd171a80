import { z } from 'zod'
import { defineTool } from '../tools.js'
import { getPreferences, setDigest, setQuietHours } from './service.js'

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time as HH:mm')
  .describe('Local wall-clock time in the family’s zone, 24-hour HH:mm, e.g. 20:00')

export const setDigestTool = defineTool({
  name: 'set_digest',
  description:
    'Turn the sender’s daily digest (each child’s feeds, sleep, diapers, doses and anything flagged) on or off, or move it.',
  input: z.object({
    on: z.boolean().describe('true to receive the digest, false to stop it'),
    at: localTime.optional().describe('When it goes out; default 20:00, or the time set before'),
  }),
  permission: 'preferences:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => await setDigest(tx, actor, clock.now(), input),
})

export const setQuietHoursTool = defineTool({
  name: 'set_quiet_hours',
  description:
    'Set the sender’s quiet hours (non-urgent messages wait until they end; urgent alerts never wait), or clear them.',
  input: z
    .object({
      start: localTime.optional().describe('Start, e.g. 22:00; omit both to clear quiet hours'),
      end: localTime.optional().describe('End, e.g. 07:00'),
    })
    .refine((v) => !v.start === !v.end, 'quiet hours need both a start and an end'),
  permission: 'preferences:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) =>
    await setQuietHours(
      tx,
      actor,
      clock.now(),
      input.start && input.end ? { start: input.start, end: input.end } : null,
    ),
})

export const getPreferencesTool = defineTool({
  name: 'get_preferences',
  description: 'The sender’s digest time and quiet hours.',
  input: z.object({}),
  permission: 'preferences:write',
  readOnly: true,
  run: async ({ tx, actor }) => await getPreferences(tx, actor),
})

export const preferenceTools = [setDigestTool, setQuietHoursTool, getPreferencesTool]
