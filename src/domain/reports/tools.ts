import { z } from 'zod'
import { findDependent } from '../dependents/service.js'
import { createMedia } from '../media/service.js'
import { defineTool } from '../tools.js'
import { feedsPerDay, growthChart, sleepPerDay, visitSummary } from './service.js'

const dependent = z.string().trim().min(1).describe('The dependent’s id, name or nickname')

export const CHARTS = ['sleep', 'feeds', 'growth', 'length', 'head'] as const
export type ChartName = (typeof CHARTS)[number]

/**
 * A chart of the care log as a picture: reads through the care log with the same permission as any
 * care-log read, and keeps what it read for the renderer. The reply carries the picture (a signed URL).
 */
export const makeChartTool = defineTool({
  name: 'make_chart',
  description:
    'A chart picture for a dependent: sleep or feeds per day over the last 7 or 30 days, or growth (weight, length or head circumference) over the WHO percentile curves. The picture is sent with your reply: describe it in a sentence, never a link.',
  input: z.object({
    dependent,
    chart: z.enum(CHARTS).describe('sleep, feeds, growth (weight), length or head'),
    days: z
      .union([z.literal(7), z.literal(30)])
      .optional()
      .describe('sleep and feeds: 7 (default) or 30 days'),
  }),
  permission: 'care:read',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const now = clock.now()
    const d = await findDependent(tx, actor, input.dependent)
    const days = input.days ?? 7
    const snapshot =
      input.chart === 'sleep'
        ? await sleepPerDay(tx, actor, now, d, days)
        : input.chart === 'feeds'
          ? await feedsPerDay(tx, actor, now, d, days)
          : await growthChart(tx, actor, d, input.chart === 'growth' ? 'weight' : input.chart)
    const mediaId = await createMedia(tx, actor, now, { kind: snapshot.kind, dependentId: d.id, snapshot })
    const points = snapshot.kind === 'growth_chart' ? snapshot.points.length : undefined
    const total = snapshot.kind === 'growth_chart' ? undefined : snapshot.days.reduce((s, x) => s + x.value, 0)
    return {
      mediaId,
      kind: snapshot.kind,
      chart: input.chart,
      dependent: d.name,
      sex: d.sex,
      // Growth is charted by age: without a birth date no measurement can be placed.
      noBirthDate: !d.birthDate,
      days,
      points,
      total,
    }
  },
})

/**
 * The one-page visit summary for the pediatrician. It reads the medical record (audited), medications
 * and the last week of care, so it takes the medical-record read permission.
 */
export const visitSummaryTool = defineTool({
  name: 'visit_summary',
  description:
    'A one-page PDF for the pediatrician: identity, allergies, medications, the last 7 days of feeds, sleep, diapers, temperatures and doses, the growth chart and immunizations. The PDF is sent with your reply.',
  input: z.object({ dependent }),
  permission: 'medical:read',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const now = clock.now()
    const d = await findDependent(tx, actor, input.dependent)
    const snapshot = await visitSummary(tx, actor, now, d)
    const mediaId = await createMedia(tx, actor, now, { kind: 'visit_summary', dependentId: d.id, snapshot })
    // What the PDF holds, in counts: the PDF itself goes with the reply.
    return {
      mediaId,
      dependent: d.name,
      pages: 1,
      allergies: snapshot.allergies.length,
      medications: snapshot.medications.length,
      temperatures: snapshot.temperatures.length,
      doses: snapshot.doses.length,
      growthMeasurements: snapshot.growth.points.length,
      immunizationsGiven: snapshot.immunizations.given.length,
      immunizationsDue: snapshot.immunizations.due.length,
    }
  },
})

export const reportTools = [makeChartTool, visitSummaryTool]
