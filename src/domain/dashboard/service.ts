/**
 * The family's record at a glance, per dependent: what App Home shows (docs/decisions/0031). A read model
 * over the care log, medications, reminders and SOS, scoped to the actor's family like every read.
 */
import { and, desc, eq, gte, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { sleeps } from '../care-log/schema.js'
import { daySummary, type Feed, lastFeed, openSleep } from '../care-log/service.js'
import { listDependentRows } from '../dependents/service.js'
import { doses } from '../medications/schema.js'
import { adherenceToday, type ScheduledDose } from '../medications/service.js'
import { listReminders } from '../schedules/service.js'
import { openIncidentOf } from '../sos/service.js'

/** How far back "last given" looks: a drug not given for a month is not news on a dashboard. */
const LAST_DOSE_WINDOW_MS = 30 * 24 * 3_600_000
const MAX_DRUGS = 5
const MAX_REMINDERS = 3

export interface DependentDashboard {
  id: string
  name: string
  lastFeed?: Pick<Feed, 'at' | 'method' | 'amountMl' | 'minutes' | 'food'>
  /** Asleep since, when a sleep is open; else the last sleep that ended. */
  asleepSince?: Date
  lastSleep?: { startAt: Date; endAt: Date }
  diapersToday: { wet: number; dirty: number; changes: number }
  /** Today's scheduled doses not yet taken, in time order. */
  dosesDue: ScheduledDose[]
  /** The latest dose of each drug in the last 30 days, newest first. */
  lastDoses: { drugName: string; at: Date; flagged: boolean }[]
}

export interface Dashboard {
  dependents: DependentDashboard[]
  /** The actor's next reminders (their own and those they set), soonest first. */
  reminders: { body: string; at: Date }[]
  sos?: { status: string; createdAt: Date }
}

export async function familyDashboard(tx: Tx, actor: ActorContext, now: Date): Promise<Dashboard> {
  const list = await listDependentRows(tx, actor)
  const out: DependentDashboard[] = []
  for (const d of list) out.push(await dependentDashboard(tx, actor, now, d))
  const reminders = (await listReminders(tx, actor))
    .filter((r) => r.nextRunAt)
    .slice(0, MAX_REMINDERS)
    .map((r) => ({ body: r.body, at: r.nextRunAt as Date }))
  const incident = await openIncidentOf(tx, actor, now)
  return {
    dependents: out,
    reminders,
    ...(incident ? { sos: { status: incident.status, createdAt: incident.createdAt } } : {}),
  }
}

async function dependentDashboard(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  d: { id: string; name: string },
): Promise<DependentDashboard> {
  const feed = await lastFeed(tx, actor, d.id)
  const open = await openSleep(tx, actor, d.id)
  const [ended] = open
    ? []
    : await tx
        .select({ startAt: sleeps.startAt, endAt: sleeps.endAt })
        .from(sleeps)
        .where(and(eq(sleeps.familyId, actor.familyId), eq(sleeps.dependentId, d.id), isNull(sleeps.deletedAt)))
        .orderBy(desc(sleeps.startAt))
        .limit(1)
  const today = await daySummary(tx, actor, now, d.id)
  const due = (await adherenceToday(tx, actor, now, d.id)).filter((s) => !s.taken)
  return {
    id: d.id,
    name: d.name,
    ...(feed
      ? {
          lastFeed: {
            at: feed.at,
            method: feed.method,
            amountMl: feed.amountMl,
            minutes: feed.minutes,
            food: feed.food,
          },
        }
      : {}),
    ...(open ? { asleepSince: open.startAt } : {}),
    ...(ended?.endAt ? { lastSleep: { startAt: ended.startAt, endAt: ended.endAt } } : {}),
    diapersToday: { wet: today.wet, dirty: today.dirty, changes: today.changes },
    dosesDue: due.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime()),
    lastDoses: await lastDoses(tx, actor, now, d.id),
  }
}

async function lastDoses(tx: Tx, actor: ActorContext, now: Date, dependentId: string) {
  const rows = await tx
    .select({ drugKey: doses.drugKey, drugName: doses.drugName, at: doses.at, flagged: doses.flagged })
    .from(doses)
    .where(
      and(
        eq(doses.familyId, actor.familyId),
        eq(doses.dependentId, dependentId),
        isNull(doses.deletedAt),
        gte(doses.at, new Date(now.getTime() - LAST_DOSE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(doses.at))
  const seen = new Set<string>()
  const out: DependentDashboard['lastDoses'] = []
  for (const r of rows) {
    if (seen.has(r.drugKey)) continue
    seen.add(r.drugKey)
    out.push({ drugName: r.drugName, at: r.at, flagged: r.flagged })
  }
  return out.slice(0, MAX_DRUGS)
}
