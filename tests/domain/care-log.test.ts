import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { auditLog } from '../../src/domain/audit/schema.js'
import { careLogTools } from '../../src/domain/care-log/tools.js'
import { ageInDays } from '../../src/domain/dependents/age.js'
import { dependentTools } from '../../src/domain/dependents/tools.js'
import type { DomainError } from '../../src/domain/errors.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import type { Role } from '../../src/domain/families/schema.js'
import { acceptInvitation, createFamily, inviteMember } from '../../src/domain/families/service.js'
import { runTool, type Tool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDb } from '../support/harness.js'

let db: Db
let cleanup: () => void
let clock: ManualClock
const actors = {} as Record<'owner' | 'nanny' | 'viewer' | 'stranger', ActorContext>

const tools = [...careLogTools, ...dependentTools] as Tool[]
const run = (name: string, actor: ActorContext, input: unknown) =>
  db.transaction((tx) => runTool(tools.find((t) => t.name === name) as Tool, { tx, actor, clock }, input))
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  )

async function family(name: string, phone: string, timezone: string) {
  return db.transaction(async (tx) => {
    await createFamily(tx, clock.now(), {
      name,
      timezone,
      locale: 'en-US',
      owner: { name: 'Ana', sender: { kind: 'phone', address: phone, channel: 'sms' } },
    })
    return (await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })) as ActorContext
  })
}

async function member(owner: ActorContext, role: Exclude<Role, 'owner'>, phone: string) {
  return db.transaction(async (tx) => {
    const { invitation } = await inviteMember(tx, owner, clock.now(), {
      name: 'Maria',
      role,
      emergencyContact: false,
      kind: 'phone',
      address: phone,
    })
    await acceptInvitation(tx, clock.now(), invitation, { response: 'YES', channel: 'sms' })
    return (await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })) as ActorContext
  })
}

beforeEach(async () => {
  ;({ db, cleanup } = tempDb())
  // 2026-03-08 is the day Los Angeles springs forward (a 23-hour day).
  clock = new ManualClock('2026-03-08T20:00:00Z') // 1:00 pm PDT
  actors.owner = await family('The Garcias', '+15551230001', 'America/Los_Angeles')
  actors.nanny = await member(actors.owner, 'caregiver', '+15551230002')
  actors.viewer = await member(actors.owner, 'viewer', '+15551230003')
  actors.stranger = await family('The Bakers', '+15551230009', 'America/New_York')
  await run('add_dependent', actors.owner, { name: 'Maya', nicknames: ['May'], birthDate: '2026-01-10', weightKg: 5.1 })
})
afterEach(() => cleanup())

describe('dependents', () => {
  it('derives age in days from the birth date on the family’s calendar, never stores it', async () => {
    const [maya] = (await run('list_dependents', actors.nanny, {})) as { ageDays: number }[]
    expect(maya?.ageDays).toBe(57)
    // 11:30 pm in Los Angeles is already the next day in UTC: the family's calendar decides.
    expect(ageInDays('2026-01-10', new Date('2026-03-09T06:30:00Z'), 'America/Los_Angeles')).toBe(57)
    expect(ageInDays('2026-01-10', new Date('2026-03-09T07:30:00Z'), 'America/Los_Angeles')).toBe(58)
  })

  it('logs the weight given with a new dependent as the first growth entry', async () => {
    const rows = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.subjectType, 'growth')))
    expect(rows).toHaveLength(1)
  })

  it('refuses a second dependent with the same name, and a birth date in the future', async () => {
    expect(await codeOf(run('add_dependent', actors.owner, { name: 'maya', birthDate: '2025-01-01' }))).toBe('conflict')
    expect(await codeOf(run('add_dependent', actors.owner, { name: 'Leo', birthDate: '2026-12-01' }))).toBe(
      'invalid_input',
    )
  })

  it('lets only parents add dependents', async () => {
    expect(await codeOf(run('add_dependent', actors.nanny, { name: 'Leo', birthDate: '2023-03-02' }))).toBe('forbidden')
  })
})

describe('care log', () => {
  it('records a bottle against the right dependent by nickname, and totals the family’s day', async () => {
    await run('log_feed', actors.nanny, {
      dependent: 'May',
      method: 'bottle',
      amountMl: 120,
      at: '2026-03-08T08:30:00Z',
    })
    const out = (await run('log_feed', actors.nanny, { dependent: 'Maya', method: 'bottle', amountMl: 90 })) as {
      today: { count: number; bottleMl: number }
    }
    expect(out.today).toEqual({ count: 2, bottleMl: 210 })
  })

  it('starts “today” at local midnight on a DST day: a feed at 11:30 pm the night before does not count', async () => {
    // 2026-03-07 23:30 PST = 2026-03-08T07:30Z (yesterday); 2026-03-08 00:30 PST = 08:30Z (today).
    await run('log_feed', actors.nanny, {
      dependent: 'Maya',
      method: 'bottle',
      amountMl: 60,
      at: '2026-03-08T07:30:00Z',
    })
    await run('log_feed', actors.nanny, {
      dependent: 'Maya',
      method: 'bottle',
      amountMl: 80,
      at: '2026-03-08T08:30:00Z',
    })
    const today = (await run('intake_today', actors.owner, { dependent: 'Maya' })) as {
      count: number
      bottleMl: number
    }
    expect(today).toMatchObject({ count: 1, bottleMl: 80 })
  })

  it('refuses a bottle without an amount', async () => {
    expect(await codeOf(run('log_feed', actors.nanny, { dependent: 'Maya', method: 'bottle' }))).toBe('invalid_input')
  })

  it('opens a sleep on “asleep”, closes it on “awake”, and says so when nobody is asleep', async () => {
    await run('log_sleep', actors.nanny, { dependent: 'Maya', event: 'start', at: '2026-03-08T19:00:00Z' })
    await run('log_sleep', actors.nanny, { dependent: 'Maya', event: 'start' }) // said twice: one sleep
    const woke = (await run('log_sleep', actors.nanny, { dependent: 'Maya', event: 'end' })) as {
      sleep: { startAt: Date; endAt: Date }
    }
    expect(woke.sleep.endAt.getTime() - woke.sleep.startAt.getTime()).toBe(60 * 60_000)
    expect(await codeOf(run('log_sleep', actors.nanny, { dependent: 'Maya', event: 'end' }))).toBe('not_found')
  })

  it('stores °F readings in °C and keeps the unit typed', async () => {
    const out = (await run('log_temperature', actors.nanny, {
      dependent: 'Maya',
      value: 101.2,
      unit: 'F',
      site: 'armpit',
    })) as {
      reading: { celsius: number; unit: string }
    }
    expect(out.reading).toMatchObject({ celsius: 38.44, unit: 'F' })
    expect(await codeOf(run('log_temperature', actors.nanny, { dependent: 'Maya', value: 72, unit: 'F' }))).toBe(
      'invalid_input',
    )
  })

  it('lets a viewer read but not log, and hides another family’s dependents', async () => {
    expect(await codeOf(run('log_diaper', actors.viewer, { dependent: 'Maya', wet: true, dirty: false }))).toBe(
      'forbidden',
    )
    expect(await codeOf(run('last_feed', actors.viewer, { dependent: 'Maya' }))).toBe('ok')
    expect(await codeOf(run('log_diaper', actors.stranger, { dependent: 'Maya', wet: true, dirty: false }))).toBe(
      'not_found',
    )
  })

  it('undoes only the sender’s own last entry, keeping it in the audit log', async () => {
    await run('log_diaper', actors.owner, { dependent: 'Maya', wet: true, dirty: false })
    clock.advance(60_000)
    await run('log_feed', actors.nanny, { dependent: 'Maya', method: 'bottle', amountMl: 100 })
    clock.advance(60_000)
    const undone = (await run('undo_last', actors.owner, {})) as { kind: string }
    expect(undone.kind).toBe('diaper') // Ana's own last entry, not Maria's newer feed
    const last = (await run('last_feed', actors.owner, { dependent: 'Maya' })) as { feed?: { amountMl: number } }
    expect(last.feed?.amountMl).toBe(100)
    const audit = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'care.delete')))
    expect(audit).toHaveLength(1)
  })

  it('corrects the amount or the time of the last entry and keeps what it replaced', async () => {
    await run('log_feed', actors.nanny, {
      dependent: 'Maya',
      method: 'bottle',
      amountMl: 120,
      at: '2026-03-08T19:00:00Z',
    })
    await run('amend_last', actors.nanny, { amountMl: 90 })
    await run('amend_last', actors.nanny, { at: '2026-03-08T18:30:00Z' })
    const last = (await run('last_feed', actors.owner, { dependent: 'Maya' })) as {
      feed?: { amountMl: number; at: Date }
    }
    expect(last.feed).toMatchObject({ amountMl: 90, at: new Date('2026-03-08T18:30:00Z') })
    const edits = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'care.update')))
    expect(edits.map((e) => e.detail)).toEqual([{ amountMl: 120 }, { at: '2026-03-08T19:00:00.000Z' }])
  })
})
