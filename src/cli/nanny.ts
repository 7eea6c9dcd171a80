import { Command } from 'commander'
import { DateTime } from 'luxon'
import { hoursTool } from '../domain/nanny/tools.js'
import { type CliContext, CliError } from './context.js'
import { csvRecord } from './csv.js'
import { asOwner } from './record.js'

const hours = (minutes: number) => (minutes / 60).toFixed(2)

/**
 * `mednanny nanny hours`: hours worked per caregiver and week, overtime past 40 h apart, as text or
 * as a CSV for payroll (docs/decisions/0025).
 */
export function nannyCommand(ctx: CliContext): Command {
  const nanny = new Command('nanny').description('caregivers’ shifts and hours')
  nanny
    .command('hours')
    .description('hours worked per week (Monday–Sunday), overtime past 40 h apart')
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .option('--from <date>', 'first week: any date in it (YYYY-MM-DD); default this week')
    .option('--to <date>', 'last week: any date in it (YYYY-MM-DD); default the --from week')
    .option('--member <name>', 'one caregiver only')
    .option('--csv', 'CSV for payroll: one row per caregiver and week')
    .option('--punches', 'with --csv: one row per clock-in instead')
    .action(async (o: HoursOptions, cmd: Command) => {
      const first = o.from ? date('--from', o.from) : DateTime.fromJSDate(ctx.clock.now())
      const last = o.to ? date('--to', o.to) : first
      if (last < first) throw new CliError('--to is before --from')
      if (last.diff(first, 'weeks').weeks > 106) throw new CliError('at most two years at a time')
      const weeks: Week[] = []
      for (let d = first; d <= last.endOf('week'); d = d.plus({ weeks: 1 })) {
        weeks.push(await asOwner(ctx, cmd, o.family, hoursTool, { member: o.member, weekOf: d.toISODate() }))
      }
      ctx.stdout.write(o.csv ? (o.punches ? punchesCsv(weeks) : weeksCsv(weeks)) : weeksText(weeks))
    })
  return nanny
}

interface HoursOptions {
  family: string
  from?: string
  to?: string
  member?: string
  csv?: boolean
  punches?: boolean
}

type Week = Awaited<ReturnType<typeof hoursTool.run>>

function date(flag: string, v: string): DateTime {
  const d = DateTime.fromISO(v)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !d.isValid) throw new CliError(`${flag}: expected YYYY-MM-DD, got "${v}"`)
  return d
}

function punchesCsv(weeks: Week[]): string {
  const rows = weeks.flatMap((w) =>
    w.workers.flatMap((m) =>
      m.punches.map((p) => csvRecord([m.name, p.inAt.toISOString(), p.outAt?.toISOString() ?? '', hours(p.minutes)])),
    ),
  )
  return csvRecord(['member', 'clock_in', 'clock_out', 'hours']) + rows.join('')
}

function weeksCsv(weeks: Week[]): string {
  const rows = weeks.flatMap((w) =>
    w.workers.map((m) =>
      csvRecord([
        m.name,
        w.week.from.toISOString(),
        String(m.punches.length),
        hours(m.minutes - m.overtimeMinutes),
        hours(m.overtimeMinutes),
        hours(m.minutes),
      ]),
    ),
  )
  return csvRecord(['member', 'week_start', 'shifts', 'regular_hours', 'overtime_hours', 'total_hours']) + rows.join('')
}

function weeksText(weeks: Week[]): string {
  return weeks
    .map((w) => {
      const lines = w.workers.map((m) => {
        const ot = m.overtimeMinutes ? ` (${hours(m.overtimeMinutes)} h overtime)` : ''
        return `  ${m.name}: ${hours(m.minutes)} h in ${m.punches.length} shifts${ot}\n`
      })
      return `Week from ${w.week.from.toISOString()}\n${lines.join('') || '  no hours clocked\n'}`
    })
    .join('')
}
