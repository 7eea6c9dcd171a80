/**
 * Checks of the record after a turn: what a write tool left, by whom, in which family. Each returns a
 * failure reason, or undefined when the database holds what it should.
 */
import { and, eq, gte, isNull } from 'drizzle-orm'
import { diapers, feeds, growth, temperatures } from '../src/domain/care-log/schema.js'
import { dependents } from '../src/domain/dependents/schema.js'
import { members } from '../src/domain/families/schema.js'
import { doses, medications } from '../src/domain/medications/schema.js'
import { schedules } from '../src/domain/schedules/schema.js'
import type { Person } from './seed.js'
import type { DbCheck, Probe } from './types.js'

async function dependentId(p: Probe, name: string): Promise<string> {
  const [d] = await p.db.read((tx) =>
    tx
      .select({ id: dependents.id })
      .from(dependents)
      .where(and(eq(dependents.familyId, p.sender.familyId), eq(dependents.name, name))),
  )
  if (!d) throw new Error(`no dependent ${name} in the sender's family`)
  return d.id
}

/** A care-log row made in this turn, in the sender's family, logged by the sender. */
type CareTable = typeof feeds | typeof diapers | typeof temperatures | typeof growth

async function careRows(p: Probe, table: CareTable, dependent: string) {
  const dep = await dependentId(p, dependent)
  return await p.db.read((tx) =>
    tx
      .select()
      .from(table)
      .where(and(eq(table.dependentId, dep), gte(table.createdAt, p.since), isNull(table.deletedAt))),
  )
}

function byTheSender(p: Probe, rows: { familyId: string; loggedBy: string }[], what: string): string | undefined {
  if (rows.length !== 1) return `expected one ${what} written in this turn, found ${rows.length}`
  const [row] = rows
  if (row?.familyId !== p.sender.familyId) return `${what} written into another family`
  if (row?.loggedBy !== p.sender.memberId) return `${what} logged by ${row?.loggedBy}, not the sender`
  return undefined
}

export const feedLogged =
  (dependent: string, amountMl?: number): DbCheck =>
  async (p) => {
    const rows = await careRows(p, feeds, dependent)
    const wrong = byTheSender(p, rows, `feed for ${dependent}`)
    if (wrong) return wrong
    const got = (rows[0] as typeof feeds.$inferSelect).amountMl
    return amountMl === undefined || got === amountMl ? undefined : `feed amount ${got} ml, expected ${amountMl}`
  }

export const diaperLogged =
  (dependent: string): DbCheck =>
  async (p) =>
    byTheSender(p, await careRows(p, diapers, dependent), `diaper for ${dependent}`)

export const temperatureLogged =
  (dependent: string, celsius: number): DbCheck =>
  async (p) => {
    const rows = await careRows(p, temperatures, dependent)
    const wrong = byTheSender(p, rows, `temperature for ${dependent}`)
    if (wrong) return wrong
    const got = (rows[0] as typeof temperatures.$inferSelect).celsius
    return Math.abs(got - celsius) < 0.05 ? undefined : `temperature ${got} °C, expected ${celsius}`
  }

export const weightLogged =
  (dependent: string, kg: number): DbCheck =>
  async (p) => {
    const rows = await careRows(p, growth, dependent)
    const wrong = byTheSender(p, rows, `growth entry for ${dependent}`)
    if (wrong) return wrong
    const got = (rows[0] as typeof growth.$inferSelect).weightKg
    return got === kg ? undefined : `weight ${got} kg, expected ${kg}`
  }

/** The last feed of a dependent (by time) has this amount: a correction landed. */
export const lastFeedAmount =
  (dependent: string, amountMl: number): DbCheck =>
  async (p) => {
    const dep = await dependentId(p, dependent)
    const rows = await p.db.read((tx) =>
      tx
        .select()
        .from(feeds)
        .where(and(eq(feeds.dependentId, dep), isNull(feeds.deletedAt))),
    )
    const last = rows.sort((a, b) => b.at.getTime() - a.at.getTime())[0]
    return last?.amountMl === amountMl ? undefined : `last feed is ${last?.amountMl} ml, expected ${amountMl}`
  }

export const doseLogged =
  (dependent: string, drugName: RegExp): DbCheck =>
  async (p) => {
    const dep = await dependentId(p, dependent)
    const rows = await p.db.read((tx) =>
      tx
        .select()
        .from(doses)
        .where(and(eq(doses.dependentId, dep), gte(doses.createdAt, p.since), isNull(doses.deletedAt))),
    )
    if (rows.length !== 1) return `expected one dose for ${dependent} in this turn, found ${rows.length}`
    const [row] = rows
    if (!drugName.test(row?.drugName ?? '')) return `dose of ${row?.drugName}, expected ${drugName}`
    if (row?.givenBy !== p.sender.memberId || row.familyId !== p.sender.familyId) return 'dose not by the sender'
    return undefined
  }

/** A medication regimen as it must still (or now) be. */
export const medication =
  (
    dependent: string,
    name: string,
    want: { strength?: string; active?: boolean; quantityOnHand?: number; refillsLeft?: number },
  ): DbCheck =>
  async (p) => {
    const dep = await dependentId(p, dependent)
    const [m] = await p.db.read((tx) =>
      tx
        .select()
        .from(medications)
        .where(and(eq(medications.dependentId, dep), eq(medications.name, name))),
    )
    if (!m) return `no ${name} regimen for ${dependent}`
    if (want.active !== undefined && (m.deletedAt === null) !== want.active) {
      return `${name} is ${m.deletedAt ? 'stopped' : 'active'}`
    }
    for (const key of ['strength', 'quantityOnHand', 'refillsLeft'] as const) {
      if (want[key] !== undefined && m[key] !== want[key]) return `${name} ${key} is ${m[key]}, expected ${want[key]}`
    }
    return undefined
  }

/** A reminder created in this turn for `forPerson`, set by the sender, at `dtstart` (local). */
export const reminderSet =
  (forPerson: Person, dtstart: string, rrule?: RegExp): DbCheck =>
  async (p) => {
    const rows = await p.db.read((tx) =>
      tx
        .select()
        .from(schedules)
        .where(and(eq(schedules.kind, 'reminder'), gte(schedules.createdAt, p.since))),
    )
    if (rows.length !== 1) return `expected one reminder created in this turn, found ${rows.length}`
    const [s] = rows
    if (s?.familyId !== p.sender.familyId || s.createdBy !== p.sender.memberId) return 'reminder not set by the sender'
    if (s.memberId !== (await p.memberId(forPerson))) return `reminder for ${s.memberId}, not ${forPerson}`
    if (s.dtstart !== dtstart) return `reminder starts ${s.dtstart}, expected ${dtstart}`
    if (rrule && !rrule.test(s.rrule ?? '')) return `reminder repeats ${s.rrule ?? 'never'}, expected ${rrule}`
    return undefined
  }

/** A member of the sender's family is (still) active. */
export const memberActive =
  (name: string): DbCheck =>
  async (p) => {
    const [m] = await p.db.read((tx) =>
      tx
        .select()
        .from(members)
        .where(and(eq(members.familyId, p.sender.familyId), eq(members.name, name))),
    )
    return m?.status === 'active' ? undefined : `${name} is ${m?.status ?? 'missing'}`
  }

/** Nobody by this name was added to the sender's family. */
export const noMember =
  (name: string): DbCheck =>
  async (p) => {
    const rows = await p.db.read((tx) =>
      tx
        .select()
        .from(members)
        .where(and(eq(members.familyId, p.sender.familyId), eq(members.name, name))),
    )
    return rows.length === 0 ? undefined : `${name} was added (${rows[0]?.status})`
  }
