import type { z } from 'zod'
import { listDependentsTool, setDependentSexTool } from '../../domain/dependents/tools.js'
import { DomainError } from '../../domain/errors.js'
import { makeChartTool, visitSummaryTool } from '../../domain/reports/tools.js'
import { runTool, type Tool } from '../../domain/tools.js'
import type { Outcome, Stage, Turn } from '../../pipeline/types.js'
import { type ChartCommand, parseChartCommand } from './parse.js'
import { presentChart, presentSexSet, presentVisitSummary } from './present.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/**
 * Charts and the visit summary by chat ("chart sleep this week", "growth chart for Maya", "visit summary
 * for Maya"): deterministic, through the same tools and permissions as the record; the reply carries the
 * picture or PDF as media. Also "Maya is a girl", which the growth percentiles need.
 */
export function chartStage(): Stage {
  return {
    name: 'charts',
    async handle(turn) {
      const command = parseChartCommand(turn.text)
      if (!command) return undefined
      return answer(turn, command)
    },
  }
}

async function answer(turn: Turn, c: ChartCommand): Promise<Outcome> {
  if (c.kind === 'set_sex') {
    const out = await call(turn, setDependentSexTool, { dependent: c.dependent, sex: c.sex })
    return { route: 'charts:set_sex', replies: [presentSexSet(out.name, c.sex)] }
  }
  const dependent = c.dependent ?? (await onlyDependent(turn, c))
  if (c.kind === 'visit_summary') {
    const out = await call(turn, visitSummaryTool, { dependent })
    return { route: 'charts:visit_summary', replies: [presentVisitSummary(out.dependent)], mediaId: out.mediaId }
  }
  const out = await call(turn, makeChartTool, { dependent, chart: c.chart, days: c.days })
  const reply = presentChart(out)
  return { route: `charts:${c.chart}`, replies: [reply.text], mediaId: reply.withMedia ? out.mediaId : undefined }
}

/** Without a name: the family's one dependent, or a question naming them. */
async function onlyDependent(turn: Turn, c: ChartCommand): Promise<string> {
  const people = await call(turn, listDependentsTool, {})
  const [only] = people
  if (people.length === 1 && only) return only.name
  const ask = c.kind === 'visit_summary' ? 'visit summary for' : `${c.kind === 'chart' ? c.chart : ''} chart for`
  if (!people.length) {
    throw new DomainError('not_found', 'no dependents', 'There is no one in your family’s record yet to chart.')
  }
  const names = people.map((p) => p.name)
  const example = `“${ask} ${names[0]}”`
  throw new DomainError(
    'invalid_input',
    'which dependent',
    `Which one: ${names.slice(0, -1).join(', ')} or ${names.at(-1)}? Say e.g. ${example}.`,
  )
}
