import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { addMedication, logDose } from '../../src/domain/medications/service.js'
import { createReminder } from '../../src/domain/schedules/service.js'
import type { SlackView } from '../fakes/slack.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { dm, type SlackTestApp, startSlackTestApp, TEAM } from '../support/slack.js'

const ANA_SLACK = 'U0ANA0001'
const MARIA = 'U0MARIA01'
const STRANGER = 'U0STRANGER1'

let t: SlackTestApp
let owner: ActorContext

async function link(actor: ActorContext, memberName: string, user: string) {
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, actor, t.clock.now(), { memberName, kind: 'slack' })
    await redeemLinkCode(tx, t.clock.now(), { kind: 'slack', address: `${TEAM}:${user}`, channel: 'slack' }, code)
  })
}

const homeOpened = (user: string) =>
  t.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: '1789560100.000001' })

/** Everything a published Home tab says, as one string. */
const textOf = (view: SlackView | undefined) => JSON.stringify(view?.blocks ?? [])
const published = (user: string) => t.slack.views('views.publish').filter((v) => v.userId === user)

beforeEach(async () => {
  t = await startSlackTestApp() // 11:00 in New York
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), { phone: '+15551230001' })
  await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'caregiver', phone: '+15551234567' })
  await link(owner, 'Ana', ANA_SLACK)
  await link(owner, 'Maria', MARIA)
  await t.app.mednanny.db.transaction((tx) =>
    addDependent(tx, owner, t.clock.now(), { name: 'Leo', birthDate: '2025-09-01' }),
  )
})
afterEach(async () => {
  await t.close()
})

describe('App Home', () => {
  it('is published when a linked member opens it, with their family’s record', async () => {
    const res = await homeOpened(ANA_SLACK)
    expect(res.statusCode).toBe(200)
    const [home] = published(ANA_SLACK)
    expect(home?.view.type).toBe('home')
    expect(textOf(home?.view)).toContain('*Leo*')
    expect(textOf(home?.view)).toContain('*Diapers today*\\n0 (0 wet, 0 dirty)')
  })

  it('is republished with the right numbers after a log, for members of that family who opened it', async () => {
    await homeOpened(ANA_SLACK)
    for (const text of ['fed Leo 120 ml at 10:30', 'Leo wet diaper at 10:40', 'Leo dirty diaper at 10:50']) {
      await t.event(dm(MARIA, text))
    }
    await t.settle()
    // Three writes, one coalesced republish.
    expect(await t.flushHome()).toBe(1)
    const views = published(ANA_SLACK)
    expect(views).toHaveLength(2)
    const latest = textOf(views[1]?.view)
    expect(latest).toContain('*Last feed*\\nTue 10:30 AM (120 ml)')
    expect(latest).toContain('*Diapers today*\\n2 (1 wet, 1 dirty)')
    // Maria never opened Home: nothing is published for her.
    expect(published(MARIA)).toEqual([])
  })

  it('is not republished for another family’s writes', async () => {
    await homeOpened(ANA_SLACK)
    const other = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), {
      phone: '+15557770001',
      name: 'The Smiths',
      ownerName: 'Sam',
    })
    await link(other, 'Sam', 'U0SAM0001')
    await t.app.mednanny.db.transaction((tx) =>
      addDependent(tx, other, t.clock.now(), { name: 'Zoe', birthDate: '2025-01-01' }),
    )
    await t.flushHome()
    await t.event(dm('U0SAM0001', 'fed Zoe 90 ml at 10:00'))
    await t.settle()
    expect(await t.flushHome()).toBe(0)
    expect(published(ANA_SLACK)).toHaveLength(1)
  })

  it('shows an unlinked user how to link, and no family data', async () => {
    await t.event(dm(MARIA, 'fed Leo 120 ml at 10:30'))
    await t.settle()
    await homeOpened(STRANGER)
    const [home] = published(STRANGER)
    expect(textOf(home?.view)).toMatch(/isn’t linked to a family/)
    expect(textOf(home?.view)).not.toMatch(/Leo|120|Garcia/)
  })

  it('shows doses due and last given, sleep now, and the member’s next reminders', async () => {
    const db = t.app.mednanny.db
    const now = t.clock.now()
    await db.transaction(async (tx) => {
      const [leo] = await tx.query.dependents.findMany()
      const leoId = leo?.id ?? ''
      await addMedication(tx, owner, now, {
        dependentId: leoId,
        name: 'Amoxicillin',
        doseAmount: 5,
        doseUnit: 'ml',
        schedule: { kind: 'times', times: ['08:00', '20:00'] },
      })
      // The 8:00 dose was given (at 8:10); the 20:00 one is still due. Tylenol was given at 9:00.
      await logDose(tx, owner, now, {
        dependentId: leoId,
        drugName: 'Amoxicillin',
        at: new Date('2026-03-10T12:10:00Z'),
      })
      await logDose(tx, owner, now, { dependentId: leoId, drugName: 'Tylenol', at: new Date('2026-03-10T13:00:00Z') })
      await createReminder(tx, owner, now, { body: 'call the pediatrician', dtstart: '2026-03-10T14:00' })
    })
    await t.event(dm(MARIA, 'Leo fell asleep at 10:15'))
    await t.settle()
    await homeOpened(ANA_SLACK)
    const text = textOf(published(ANA_SLACK)[0]?.view)
    expect(text).toContain('*Doses due today*\\nAmoxicillin 20:00')
    expect(text).toMatch(/Last doses: Tylenol Tue 9:00 AM · Amoxicillin Tue 8:10 AM/)
    expect(text).toContain('*Sleep*\\nasleep since Tue 10:15 AM')
    expect(text).toContain('Tue 2:00 PM — call the pediatrician')
  })

  it('shows an open SOS', async () => {
    await t.command('/sos', MARIA, 'help')
    await t.settle()
    await homeOpened(ANA_SLACK)
    expect(textOf(published(ANA_SLACK)[0]?.view)).toMatch(/SOS open/)
  })
})
