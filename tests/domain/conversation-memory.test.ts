import { afterEach, describe, expect, it } from 'vitest'
import {
  forgetConversation,
  recallConversation,
  rememberTurn,
  summarizeConversation,
} from '../../src/domain/conversation/memory.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { tempDb } from '../support/harness.js'

const now = new Date('2026-03-10T15:00:00Z')
let cleanup = () => {}
afterEach(() => cleanup())

async function setup() {
  const temp = tempDb()
  cleanup = temp.cleanup
  const ana = await ownerOfNewFamily(temp.db, now)
  const maria = await joinedMember(temp.db, now, ana, { role: 'caregiver', phone: '+15551230003' })
  const bob = await ownerOfNewFamily(temp.db, now, { name: 'The Smiths', phone: '+15551239999', ownerName: 'Bob' })
  return { db: temp.db, ana, maria, bob }
}

const turn = (inboxId: string, threadKey: string, said: string) => ({
  inboxId,
  threadKey,
  said,
  answered: `re: ${said}`,
  route: 'agent:model',
})

describe('conversation memory (domain)', () => {
  it('keeps each thread of each member apart', async () => {
    const { db, ana, maria, bob } = await setup()
    await db.transaction(async (tx) => {
      await rememberTurn(tx, ana, now, turn('in_1', 'slack:T1:C1:111.1', 'thread one'))
      await rememberTurn(tx, ana, now, turn('in_2', 'slack:T1:C1:222.2', 'thread two'))
      await rememberTurn(tx, maria, now, turn('in_3', 'slack:T1:C1:111.1', 'maria in thread one'))
    })
    const read = (who: typeof ana, key: string) =>
      db.read(async (tx) => (await recallConversation(tx, who, key)).turns.map((t) => t.said))
    expect(await read(ana, 'slack:T1:C1:111.1')).toEqual(['thread one'])
    expect(await read(ana, 'slack:T1:C1:222.2')).toEqual(['thread two'])
    expect(await read(maria, 'slack:T1:C1:111.1')).toEqual(['maria in thread one'])
    // Another family's member asking with the same thread key sees nothing.
    expect(await read(bob, 'slack:T1:C1:111.1')).toEqual([])
  })

  it('remembers a message once, however often it is handled', async () => {
    const { db, ana } = await setup()
    await db.transaction(async (tx) => {
      await rememberTurn(tx, ana, now, turn('in_1', 'sms:+15551230001', 'hello'))
      await rememberTurn(tx, ana, now, turn('in_1', 'sms:+15551230001', 'hello'))
    })
    const c = await db.read((tx) => recallConversation(tx, ana, 'sms:+15551230001'))
    expect(c.turns).toHaveLength(1)
  })

  it('a summary replaces the turns it covers; forgetting clears both, for that member only', async () => {
    const { db, ana, maria } = await setup()
    const key = 'sms:+15551230001'
    await db.transaction(async (tx) => {
      await rememberTurn(tx, ana, now, turn('in_1', key, 'one'))
      await rememberTurn(tx, ana, new Date(now.getTime() + 1000), turn('in_2', key, 'two'))
      await rememberTurn(tx, maria, now, turn('in_3', key, 'hers'))
    })
    const before = await db.read((tx) => recallConversation(tx, ana, key))
    await db.transaction((tx) =>
      summarizeConversation(tx, ana, now, key, { summary: 'Ana said one.', covers: before.turns.slice(0, 1) }),
    )
    const after = await db.read((tx) => recallConversation(tx, ana, key))
    expect(after).toMatchObject({ summary: 'Ana said one.', turns: [{ said: 'two' }] })
    expect(await db.transaction((tx) => forgetConversation(tx, ana, key))).toBe(1)
    expect(await db.read((tx) => recallConversation(tx, ana, key))).toEqual({ summary: undefined, turns: [] })
    expect((await db.read((tx) => recallConversation(tx, maria, key))).turns).toHaveLength(1)
  })
})
