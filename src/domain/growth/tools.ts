import { z } from 'zod'
import { findDependent } from '../dependents/service.js'
import { defineTool } from '../tools.js'
import { growthHistory, growthStanding } from './service.js'

/** "What percentile is Maya?": her latest weight, length and head circumference on the WHO standard. */
export const growthPercentilesTool = defineTool({
  name: 'growth_percentiles',
  description:
    'A child’s latest weight, length and head circumference with where each stands on the WHO growth standard (percentile, 0–24 months), or what is missing to say (birth date, sex).',
  input: z.object({ dependent: z.string().trim().min(1).describe('The dependent’s id, name or nickname') }),
  permission: 'care:read',
  readOnly: true,
  run: async ({ tx, actor }, input) => {
    const d = await findDependent(tx, actor, input.dependent)
    const { points } = await growthHistory(tx, actor, d)
    const latest = (['weight', 'length', 'head'] as const).flatMap((indicator) => {
      const p = points.filter((x) => x.indicator === indicator).at(-1)
      return p ? [p] : []
    })
    const missing = latest.length
      ? growthStanding(d, latest[0]?.at ?? new Date(0), actor.timezone, {}).missing
      : undefined
    return {
      dependent: d.name,
      latest: latest.map((p) => ({
        measure: p.indicator,
        value: p.value,
        unit: p.indicator === 'weight' ? 'kg' : 'cm',
        at: p.at,
        ageMonths: Number.isFinite(p.ageMonths) ? Math.round(p.ageMonths * 10) / 10 : undefined,
        percentile: p.percentile === undefined ? undefined : Math.round(p.percentile * 10) / 10,
      })),
      missing,
      source: 'WHO Child Growth Standards (LMS), birth to 24 months',
    }
  },
})
