import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { auditLog } from '../../src/domain/audit/schema.js'
import { dependentTools } from '../../src/domain/dependents/tools.js'
import type { DomainError } from '../../src/domain/errors.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { acceptInvitation, createFamily, inviteMember } from '../../src/domain/families/service.js'
import { medicalTools } from '../../src/domain/medical/tools.js'
import { runTool, type Tool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDb } from '../support/harness.js'

let db: Db
let cleanup: () => void
const clock = new ManualClock('2026-11-18T14:00:00Z')
let owner: ActorContext
let nanny: ActorContext

const tools = [...medicalTools, ...dependentTools] as Tool[]
const run = (name: string, actor: ActorContext, input: unknown) =>
  db.transaction((tx) => runTool(tools.find((t) => t.name === name) as Tool, { tx, actor, clock }, input))
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  )

beforeEach(async () => {
  ;({ db, cleanup } = tempDb())
  ;[owner, nanny] = await db.transaction(async (tx) => {
    await createFamily(tx, clock.now(), {
      name: 'The Garcias',
      timezone: 'America/New_York',
      locale: 'en-US',
      owner: { name: 'Ana', sender: { kind: 'phone', address: '+15551230001', channel: 'sms' } },
    })
    const o = (await resolveActor(tx, { kind: 'phone', address: '+15551230001', channel: 'sms' })) as ActorContext
    const { invitation } = await inviteMember(tx, o, clock.now(), {
      name: 'Maria',
      role: 'caregiver',
      emergencyContact: false,
      kind: 'phone',
      address: '+15551230002',
    })
    await acceptInvitation(tx, clock.now(), invitation, { response: 'YES', channel: 'sms' })
    return [o, (await resolveActor(tx, { kind: 'phone', address: '+15551230002', channel: 'sms' })) as ActorContext]
  })
  await run('add_dependent', owner, { name: 'Maya', birthDate: '2026-07-20' })
})
afterEach(() => cleanup())

describe('medical record', () => {
  it('answers what a child is allergic to, and audits the read', async () => {
    await run('add_allergy', owner, {
      dependent: 'Maya',
      substance: 'penicillin',
      reaction: 'hives',
      severity: 'moderate',
    })
    const record = (await run('medical_record', nanny, { dependent: 'Maya' })) as { allergies: { substance: string }[] }
    expect(record.allergies.map((a) => a.substance)).toEqual(['penicillin'])
    const reads = await db.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'medical.read')))
    expect(reads).toEqual([expect.objectContaining({ actorMemberId: nanny.memberId, subjectType: 'dependent' })])
  })

  it('keeps the pediatrician’s number in E.164, and lets only parents set providers', async () => {
    const p = (await run('add_provider', owner, {
      name: 'Dr Lee',
      role: 'pediatrician',
      phone: '+1 (555) 010-2000',
    })) as {
      phone: string
    }
    expect(p.phone).toBe('+15550102000')
    expect(await codeOf(run('add_provider', nanny, { name: 'Dr X', role: 'gp' }))).toBe('forbidden')
    const list = (await run('list_providers', nanny, { dependent: 'Maya' })) as { name: string }[]
    expect(list.map((x) => x.name)).toEqual(['Dr Lee'])
  })

  it('records visits and immunizations by carers', async () => {
    expect(await codeOf(run('log_visit', nanny, { dependent: 'Maya', reason: '4-month check-up' }))).toBe('ok')
    expect(
      await codeOf(run('log_immunization', nanny, { dependent: 'Maya', vaccine: 'DTaP', givenOn: '2026-11-18' })),
    ).toBe('ok')
    const record = (await run('medical_record', owner, { dependent: 'Maya' })) as {
      visits: unknown[]
      immunizations: { vaccine: string }[]
    }
    expect(record.visits).toHaveLength(1)
    expect(record.immunizations.map((i) => i.vaccine)).toEqual(['DTaP'])
  })
})
