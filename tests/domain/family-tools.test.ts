import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import type { DomainError } from '../../src/domain/errors.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import type { Role } from '../../src/domain/families/schema.js'
import { acceptInvitation, createFamily, inviteMember } from '../../src/domain/families/service.js'
import { familyTools } from '../../src/domain/families/tools.js'
import { runTool, type Tool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDir } from '../support/harness.js'

const clock = new ManualClock('2026-03-10T15:00:00Z')
let db: Db
let cleanup: () => void
const actors = {} as Record<Role | 'otherFamilyOwner', ActorContext>

/** Makes a member of the given role, active, and returns their actor (resolved like a real sender). */
async function member(owner: ActorContext, name: string, role: Exclude<Role, 'owner'>, phone: string) {
  return db.transaction(async (tx) => {
    const { invitation } = await inviteMember(tx, owner, clock.now(), {
      name,
      role,
      emergencyContact: false,
      kind: 'phone',
      address: phone,
    })
    await acceptInvitation(tx, clock.now(), invitation, { response: 'YES', channel: 'sms' })
    const actor = await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })
    if (!actor) throw new Error('member did not resolve')
    return actor
  })
}

beforeAll(async () => {
  const t = tempDir()
  cleanup = t.cleanup
  db = openDatabase(join(t.dir, 'tools.db'))
  const owner = async (name: string, phone: string) =>
    db.transaction(async (tx) => {
      await createFamily(tx, clock.now(), {
        name,
        timezone: 'Europe/London',
        locale: 'en-GB',
        owner: { name: 'Owner', sender: { kind: 'phone', address: phone, channel: 'sms' } },
      })
      const actor = await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })
      if (!actor) throw new Error('owner did not resolve')
      return actor
    })
  actors.owner = await owner('The Garcias', '+447700900001')
  actors.otherFamilyOwner = await owner('The Bakers', '+447700900099')
  actors.admin = await member(actors.owner, 'Dad', 'admin', '+447700900002')
  actors.caregiver = await member(actors.owner, 'Maria', 'caregiver', '+447700900003')
  actors.member = await member(actors.owner, 'Grandpa', 'member', '+447700900004')
  actors.viewer = await member(actors.owner, 'Neighbour', 'viewer', '+447700900005')
})
afterAll(() => {
  db.close()
  cleanup()
})

const tool = (name: string) => familyTools.find((t) => t.name === name) as Tool
const run = (name: string, actor: ActorContext, input: unknown) =>
  db.transaction((tx) => runTool(tool(name), { tx, actor, clock }, input))
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  )

let phoneSeq = 100
const inviteInput = () => ({
  name: `Guest ${String.fromCharCode(65 + (phoneSeq % 26))}`,
  role: 'viewer',
  phone: `+4477009${String(phoneSeq++)}00`,
})

describe('family tools: who may do what', () => {
  it.each([
    ['owner', 'ok'],
    ['admin', 'ok'],
    ['caregiver', 'forbidden'],
    ['member', 'forbidden'],
    ['viewer', 'forbidden'],
  ] as const)('invite_member as %s → %s', async (role, expected) => {
    expect(await codeOf(run('invite_member', actors[role], inviteInput()))).toBe(expected)
  })

  it.each([
    ['owner', 'ok'],
    ['admin', 'ok'],
    ['caregiver', 'ok'],
    ['member', 'ok'],
    ['viewer', 'ok'],
  ] as const)('list_members and who_am_i as %s → %s', async (role, expected) => {
    expect(await codeOf(run('list_members', actors[role], {}))).toBe(expected)
    expect(await codeOf(run('who_am_i', actors[role], {}))).toBe(expected)
  })

  it.each(['caregiver', 'member', 'viewer'] as const)('remove_member as %s is forbidden', async (role) => {
    expect(await codeOf(run('remove_member', actors[role], { name: 'Maria' }))).toBe('forbidden')
  })

  it('never shows or touches another family’s members', async () => {
    const list = (await run('list_members', actors.otherFamilyOwner, {})) as { members: { name: string }[] }
    expect(list.members.map((m) => m.name)).toEqual(['Owner'])
    expect(await codeOf(run('remove_member', actors.otherFamilyOwner, { name: 'Maria' }))).toBe('not_found')
  })

  it('does not let the owner be removed, nor an admin remove themself', async () => {
    expect(await codeOf(run('remove_member', actors.admin, { name: 'Owner' }))).toBe('forbidden')
    expect(await codeOf(run('remove_member', actors.admin, { name: 'Dad' }))).toBe('invalid_input')
  })

  it('rejects invalid input with invalid_input before running', async () => {
    expect(await codeOf(run('invite_member', actors.owner, { name: '', role: 'viewer', phone: '+447700900777' }))).toBe(
      'invalid_input',
    )
    expect(await codeOf(run('invite_member', actors.owner, { name: 'X', role: 'owner', phone: '+447700900777' }))).toBe(
      'invalid_input',
    )
    expect(await codeOf(run('invite_member', actors.owner, { name: 'X', role: 'viewer', phone: 'call me' }))).toBe(
      'invalid_input',
    )
  })

  it('takes the family from the actor: a familyId in the input is ignored', async () => {
    const out = (await run('list_members', actors.owner, { familyId: actors.otherFamilyOwner.familyId })) as {
      family: string
    }
    expect(out.family).toBe('The Garcias')
  })

  it('resolves no actor for an unknown sender, so no tool can run for them', async () => {
    const actor = await db.read((tx) => resolveActor(tx, { kind: 'phone', address: '+447700900555', channel: 'sms' }))
    expect(actor).toBeUndefined()
  })
})
