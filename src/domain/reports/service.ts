import { and, asc, eq, gte, isNull, lt, or } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { diapers, feeds, sleeps, temperatures } from '../care-log/schema.js'
import { ageInDays } from '../dependents/age.js'
import type { Dependent } from '../dependents/service.js'
import { growthHistory } from '../growth/service.js'
import type { Indicator } from '../growth/who-lms.js'
import { immunizationDueList, SERIES_NAMES } from '../medical/immunization-schedule.js'
import { medicalRecord } from '../medical/service.js'
import { doses } from '../medications/schema.js'
import { listMedications } from '../medications/service.js'
import type { DailySeriesSnapshot, GrowthChartSnapshot, VisitSummarySnapshot } from './snapshot.js'
import { growthSnapshot } from './snapshot.js'

/** The last `n` local days ending today, each with its start and end instant (DST days are 23 or 25 h). */
export function lastDays(now: Date, timezone: string, n: number): { date: string; start: Date; end: Date }[] {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day')
  return Array.from({ length: n }, (_, i) => {
    const day = today.minus({ days: n - 1 - i })
    return { date: day.toISODate() ?? '', start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() }
  })
}

const mine = <T extends typeof feeds | typeof diapers | typeof temperatures | typeof doses>(
  t: T,
  actor: ActorContext,
  dependentId: string,
  since: Date,
) => and(eq(t.familyId, actor.familyId), eq(t.dependentId, dependentId), isNull(t.deletedAt), gte(t.at, since))

/** Feeds per local day (count, bottle ml as `extra`) over the last `n` days. */
export async function feedsPerDay(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dependent: Dependent,
  n: number,
): Promise<DailySeriesSnapshot> {
  const days = lastDays(now, actor.timezone, n)
  const rows = await tx
    .select()
    .from(feeds)
    .where(mine(feeds, actor, dependent.id, days[0]?.start ?? now))
  return {
    kind: 'feeds_chart',
    dependent: dependent.name,
    days: days.map((d) => {
      const inDay = rows.filter((f) => f.at >= d.start && f.at < d.end)
      return { date: d.date, value: inDay.length, extra: Math.round(inDay.reduce((s, f) => s + (f.amountMl ?? 0), 0)) }
    }),
  }
}

/** Minutes asleep per local day over the last `n` days; a night is split at midnight. */
export async function sleepPerDay(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dependent: Dependent,
  n: number,
): Promise<DailySeriesSnapshot> {
  const days = lastDays(now, actor.timezone, n)
  const since = days[0]?.start ?? now
  const rows = await tx
    .select()
    .from(sleeps)
    .where(
      and(
        eq(sleeps.familyId, actor.familyId),
        eq(sleeps.dependentId, dependent.id),
        isNull(sleeps.deletedAt),
        or(gte(sleeps.startAt, since), gte(sleeps.endAt, since), isNull(sleeps.endAt)),
        lt(sleeps.startAt, now),
      ),
    )
    .orderBy(asc(sleeps.startAt))
  return {
    kind: 'sleep_chart',
    dependent: dependent.name,
    days: days.map((d) => {
      const ms = rows.reduce((sum, s) => {
        const from = Math.max(s.startAt.getTime(), d.start.getTime())
        const to = Math.min((s.endAt ?? now).getTime(), d.end.getTime(), now.getTime())
        return sum + Math.max(0, to - from)
      }, 0)
      return { date: d.date, value: Math.round(ms / 60_000) }
    }),
  }
}

/** The growth chart of one measure: every measurement with its age, over the WHO curves of the child's sex. */
export async function growthChart(
  tx: Tx,
  actor: ActorContext,
  dependent: Dependent,
  indicator: Indicator,
): Promise<GrowthChartSnapshot> {
  const history = await growthHistory(tx, actor, dependent)
  return growthSnapshot(dependent.name, indicator, history.sex, history.points)
}

const fmtAmount = (amount: number | null, unit: string | null) =>
  amount == null ? undefined : `${amount}${unit ? ` ${unit}` : ''}`

/**
 * Everything the one-page visit summary shows, read in one transaction: identity, allergies and
 * conditions, medications, the last seven days of care, growth, immunizations. Reading the medical
 * record is audited, as any read of it.
 */
export async function visitSummary(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dependent: Dependent,
): Promise<VisitSummarySnapshot> {
  const tz = actor.timezone
  const days = lastDays(now, tz, 7)
  const since = days[0]?.start ?? now
  const record = await medicalRecord(tx, actor, now, dependent.id)
  const meds = await listMedications(tx, actor, dependent.id)
  const fed = await feedsPerDay(tx, actor, now, dependent, 7)
  const slept = await sleepPerDay(tx, actor, now, dependent, 7)
  const changes = await tx
    .select()
    .from(diapers)
    .where(mine(diapers, actor, dependent.id, since))
  const temps = await tx
    .select()
    .from(temperatures)
    .where(mine(temperatures, actor, dependent.id, since))
    .orderBy(asc(temperatures.at))
  const given = await tx
    .select()
    .from(doses)
    .where(mine(doses, actor, dependent.id, since))
    .orderBy(asc(doses.at))
  const history = await growthHistory(tx, actor, dependent)
  const today = DateTime.fromJSDate(now, { zone: tz }).toISODate() ?? ''
  const inDay = (at: Date, d: { start: Date; end: Date }) => at >= d.start && at < d.end
  const latest = (['weight', 'length', 'head'] as const).flatMap((indicator) => {
    const p = history.points.filter((x) => x.indicator === indicator).at(-1)
    return p ? [{ indicator, value: p.value, at: p.at.toISOString(), percentile: p.percentile }] : []
  })
  return {
    kind: 'visit_summary',
    generatedOn: today,
    timezone: tz,
    dependent: {
      name: dependent.name,
      birthDate: dependent.birthDate ?? undefined,
      ageWords: dependent.birthDate ? ageText(ageInDays(dependent.birthDate, now, tz)) : undefined,
      sex: dependent.sex ?? undefined,
    },
    allergies: record.allergies.map((a) => ({
      substance: a.substance,
      reaction: a.reaction ?? undefined,
      severity: a.severity ?? undefined,
    })),
    conditions: record.conditions.map((c) => c.name),
    medications: meds.map((m) => ({
      name: [m.name, m.strength].filter(Boolean).join(' '),
      dose: fmtAmount(m.doseAmount, m.doseUnit),
      schedule:
        m.schedule.kind === 'times'
          ? `at ${m.schedule.times.join(', ')}`
          : m.schedule.kind === 'interval'
            ? `every ${m.schedule.hours} h${m.schedule.asNeeded ? ' as needed' : ''}`
            : 'as needed',
    })),
    days: days.map((d, i) => ({
      date: d.date,
      feeds: fed.days[i]?.value ?? 0,
      bottleMl: fed.days[i]?.extra ?? 0,
      sleepMinutes: slept.days[i]?.value ?? 0,
      wet: changes.filter((c) => c.wet && inDay(c.at, d)).length,
      dirty: changes.filter((c) => c.dirty && inDay(c.at, d)).length,
      maxCelsius: maxOf(temps.filter((t) => inDay(t.at, d)).map((t) => t.celsius)),
      doses: given.filter((g) => inDay(g.at, d)).length,
    })),
    temperatures: temps.map((t) => ({
      at: t.at.toISOString(),
      celsius: t.celsius,
      unit: t.unit,
      site: t.site ?? undefined,
    })),
    doses: given.map((g) => ({
      at: g.at.toISOString(),
      drug: g.drugName,
      amount: fmtAmount(g.amount, g.unit),
      flagged: g.flagged,
    })),
    growth: growthSnapshot(dependent.name, 'weight', history.sex, history.points),
    latestGrowth: latest,
    immunizations: {
      given: record.immunizations.map((i) => ({ vaccine: i.vaccine, givenOn: i.givenOn })),
      due: dependent.birthDate
        ? immunizationDueList(dependent.birthDate, today, record.immunizations)
            .filter((s) => s.status === 'due' || s.status === 'overdue')
            .map((s) => ({ name: `${SERIES_NAMES[s.series]} dose ${s.dose}`, dueOn: s.dueOn, status: s.status }))
        : [],
    },
  }
}

function maxOf(values: number[]): number | undefined {
  return values.length ? Math.max(...values) : undefined
}

/** "4 months", "2 years 3 months", "12 days". */
export function ageText(days: number): string {
  if (days < 31) return `${days} day${days === 1 ? '' : 's'}`
  const months = Math.floor(days / 30.4375)
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`
  const years = Math.floor(months / 12)
  const rest = months % 12
  return rest ? `${years} years ${rest} month${rest === 1 ? '' : 's'}` : `${years} years`
}
