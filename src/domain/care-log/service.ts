import { and, asc, desc, eq, gte, isNotNull, isNull, or } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { startOfLocalDay } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import {
  careNotes,
  diapers,
  type FeedMethod,
  feeds,
  growth,
  sleeps,
  type TemperatureSite,
  temperatures,
} from './schema.js'

export type Feed = typeof feeds.$inferSelect
export type Sleep = typeof sleeps.$inferSelect
export type Diaper = typeof diapers.$inferSelect
export type Temperature = typeof temperatures.$inferSelect
export type Growth = typeof growth.$inferSelect
export type CareNote = typeof careNotes.$inferSelect

/** Every write names the dependent (already resolved within the actor's family) and when it happened. */
interface Entry {
  dependentId: string
  at: Date
}

const base = (actor: ActorContext, now: Date, dependentId: string) => ({
  id: newId('care'),
  familyId: actor.familyId,
  dependentId,
  loggedBy: actor.memberId,
  createdAt: now,
  deletedAt: null,
})

async function audit(tx: Tx, actor: ActorContext, now: Date, action: string, kind: string, id: string) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType: kind,
    subjectId: id,
  })
}

export async function logFeed(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & {
    method: FeedMethod
    side?: 'L' | 'R'
    minutes?: number
    amountMl?: number
    unit?: 'ml' | 'oz'
    milk?: 'formula' | 'breastmilk'
    food?: string
  },
): Promise<Feed> {
  const row: Feed = {
    ...base(actor, now, input.dependentId),
    at: input.at,
    method: input.method,
    side: input.side ?? null,
    minutes: input.minutes ?? null,
    amountMl: input.amountMl ?? null,
    unit: input.unit ?? (input.amountMl !== undefined ? 'ml' : null),
    milk: input.milk ?? null,
    food: input.food ?? null,
  }
  await tx.insert(feeds).values(row)
  await audit(tx, actor, now, 'care.log', 'feed', row.id)
  return row
}

/** Fell asleep. Saying it twice is harmless: the open sleep is returned, not duplicated. */
export async function startSleep(tx: Tx, actor: ActorContext, now: Date, input: Entry): Promise<Sleep> {
  const open = await openSleep(tx, actor, input.dependentId)
  if (open) return open
  const row: Sleep = { ...base(actor, now, input.dependentId), startAt: input.at, endAt: null }
  await tx.insert(sleeps).values(row)
  await audit(tx, actor, now, 'care.log', 'sleep', row.id)
  return row
}

/** Woke up: closes the open sleep. */
export async function endSleep(tx: Tx, actor: ActorContext, now: Date, input: Entry): Promise<Sleep> {
  const open = await openSleep(tx, actor, input.dependentId)
  if (!open)
    throw new DomainError(
      'not_found',
      'no open sleep',
      'I don’t have them down as asleep. Send the nap as “nap 1:15-2:40”.',
    )
  if (input.at < open.startAt)
    throw new DomainError('invalid_input', 'wake before sleep', 'That’s before they fell asleep.')
  await tx.update(sleeps).set({ endAt: input.at }).where(eq(sleeps.id, open.id))
  await audit(tx, actor, now, 'care.update', 'sleep', open.id)
  return { ...open, endAt: input.at }
}

/** A nap that already happened. */
export async function logSleepRange(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & { endAt: Date },
): Promise<Sleep> {
  if (input.endAt <= input.at) throw new DomainError('invalid_input', 'empty sleep', 'The nap ends before it starts.')
  const row: Sleep = { ...base(actor, now, input.dependentId), startAt: input.at, endAt: input.endAt }
  await tx.insert(sleeps).values(row)
  await audit(tx, actor, now, 'care.log', 'sleep', row.id)
  return row
}

export async function openSleep(tx: Tx, actor: ActorContext, dependentId: string): Promise<Sleep | undefined> {
  const [row] = await tx
    .select()
    .from(sleeps)
    .where(
      and(
        eq(sleeps.familyId, actor.familyId),
        eq(sleeps.dependentId, dependentId),
        isNull(sleeps.endAt),
        isNull(sleeps.deletedAt),
      ),
    )
    .orderBy(desc(sleeps.startAt))
    .limit(1)
  return row
}

export async function logDiaper(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & { wet: boolean; dirty: boolean },
) {
  const row: Diaper = { ...base(actor, now, input.dependentId), at: input.at, wet: input.wet, dirty: input.dirty }
  await tx.insert(diapers).values(row)
  await audit(tx, actor, now, 'care.log', 'diaper', row.id)
  return row
}

/** °F readings are stored in °C (one decimal), keeping the unit typed so replies answer in it. */
export async function logTemperature(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & { value: number; unit: 'C' | 'F'; site?: TemperatureSite },
): Promise<Temperature> {
  const celsius = input.unit === 'C' ? input.value : ((input.value - 32) * 5) / 9
  if (celsius < 30 || celsius > 45) {
    throw new DomainError(
      'invalid_input',
      'implausible temperature',
      'That temperature doesn’t look like a body temperature.',
    )
  }
  const row: Temperature = {
    ...base(actor, now, input.dependentId),
    at: input.at,
    // Two decimals, so a °F reading reads back as typed (101.2 °F, not 101.1).
    celsius: Math.round(celsius * 100) / 100,
    unit: input.unit,
    site: input.site ?? null,
  }
  await tx.insert(temperatures).values(row)
  await audit(tx, actor, now, 'care.log', 'temperature', row.id)
  return row
}

export async function logGrowth(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & { weightKg?: number; lengthCm?: number; headCm?: number },
): Promise<Growth> {
  const row: Growth = {
    ...base(actor, now, input.dependentId),
    at: input.at,
    weightKg: input.weightKg ?? null,
    lengthCm: input.lengthCm ?? null,
    headCm: input.headCm ?? null,
  }
  await tx.insert(growth).values(row)
  await audit(tx, actor, now, 'care.log', 'growth', row.id)
  return row
}

export async function addNote(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: Entry & { body: string },
): Promise<CareNote> {
  const row: CareNote = { ...base(actor, now, input.dependentId), at: input.at, body: input.body, flagged: false }
  await tx.insert(careNotes).values({ ...row, body: tx.fields.seal(row.body) })
  await audit(tx, actor, now, 'care.log', 'note', row.id)
  return row
}

/** The latest weight on record, in kg, with when it was taken. */
export async function latestWeight(
  tx: Tx,
  actor: ActorContext,
  dependentId: string,
): Promise<{ kg: number; at: Date } | undefined> {
  const [row] = await tx
    .select({ kg: growth.weightKg, at: growth.at })
    .from(growth)
    .where(
      and(
        eq(growth.familyId, actor.familyId),
        eq(growth.dependentId, dependentId),
        isNull(growth.deletedAt),
        isNotNull(growth.weightKg),
      ),
    )
    .orderBy(desc(growth.at))
    .limit(1)
  return row?.kg != null ? { kg: row.kg, at: row.at } : undefined
}

/** The most recent feed, or undefined. */
export async function lastFeed(tx: Tx, actor: ActorContext, dependentId: string): Promise<Feed | undefined> {
  const [row] = await tx
    .select()
    .from(feeds)
    .where(and(eq(feeds.familyId, actor.familyId), eq(feeds.dependentId, dependentId), isNull(feeds.deletedAt)))
    .orderBy(desc(feeds.at))
    .limit(1)
  return row
}

/** Sleep that started, ended or was still going within the last `hours` (a night spans midnight). */
export async function recentSleeps(tx: Tx, actor: ActorContext, now: Date, dependentId: string, hours: number) {
  const since = new Date(now.getTime() - hours * 3_600_000)
  const rows = await tx
    .select()
    .from(sleeps)
    .where(
      and(
        eq(sleeps.familyId, actor.familyId),
        eq(sleeps.dependentId, dependentId),
        isNull(sleeps.deletedAt),
        or(gte(sleeps.startAt, since), gte(sleeps.endAt, since), isNull(sleeps.endAt)),
      ),
    )
    .orderBy(asc(sleeps.startAt))
  return rows.map((s) => ({
    startAt: s.startAt,
    endAt: s.endAt,
    minutes: Math.round(((s.endAt ?? now).getTime() - s.startAt.getTime()) / 60_000),
    ongoing: !s.endAt,
  }))
}

/** Feeds since the start of the family's day (local midnight, DST-correct). */
export async function feedsToday(tx: Tx, actor: ActorContext, now: Date, dependentId: string) {
  const rows = await tx
    .select()
    .from(feeds)
    .where(
      and(
        eq(feeds.familyId, actor.familyId),
        eq(feeds.dependentId, dependentId),
        isNull(feeds.deletedAt),
        gte(feeds.at, startOfLocalDay(now, actor.timezone)),
      ),
    )
    .orderBy(feeds.at)
  const bottleMl = rows.reduce((sum, f) => sum + (f.amountMl ?? 0), 0)
  const breastMinutes = rows.reduce((sum, f) => sum + (f.method === 'breast' ? (f.minutes ?? 0) : 0), 0)
  return { feeds: rows, count: rows.length, bottleMl: Math.round(bottleMl), breastMinutes }
}

/** The family's day so far for one dependent: feeds, diapers, sleep and the latest temperature. */
export async function daySummary(tx: Tx, actor: ActorContext, now: Date, dependentId: string) {
  const since = startOfLocalDay(now, actor.timezone)
  const mine = <T extends typeof diapers | typeof temperatures>(t: T) =>
    and(eq(t.familyId, actor.familyId), eq(t.dependentId, dependentId), isNull(t.deletedAt), gte(t.at, since))
  const fed = await feedsToday(tx, actor, now, dependentId)
  const changes = await tx.select().from(diapers).where(mine(diapers))
  const [temperature] = await tx
    .select()
    .from(temperatures)
    .where(mine(temperatures))
    .orderBy(desc(temperatures.at))
    .limit(1)
  const naps = await tx
    .select()
    .from(sleeps)
    .where(
      and(
        eq(sleeps.familyId, actor.familyId),
        eq(sleeps.dependentId, dependentId),
        isNull(sleeps.deletedAt),
        gte(sleeps.startAt, since),
      ),
    )
  const sleptMinutes = naps.reduce(
    (sum, s) => sum + Math.round(((s.endAt ?? now).getTime() - s.startAt.getTime()) / 60_000),
    0,
  )
  return {
    feeds: fed.count,
    bottleMl: fed.bottleMl,
    breastMinutes: fed.breastMinutes,
    wet: changes.filter((d) => d.wet).length,
    dirty: changes.filter((d) => d.dirty).length,
    changes: changes.length,
    sleptMinutes,
    asleep: naps.some((s) => !s.endAt),
    temperature,
  }
}
