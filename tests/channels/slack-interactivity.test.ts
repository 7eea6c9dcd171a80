import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { auditLog } from '../../src/domain/audit/schema.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { members } from '../../src/domain/families/schema.js'
import { inbox } from '../../src/domain/inbox/schema.js'
import { doses } from '../../src/domain/medications/schema.js'
import { addMedicationTool } from '../../src/domain/medications/tools.js'
import { scheduleRuns, schedules } from '../../src/domain/schedules/schema.js'
import { createReminder } from '../../src/domain/schedules/service.js'
import { sosEvents, sosIncidents } from '../../src/domain/sos/schema.js'
import { runTool } from '../../src/domain/tools.js'
import { SLACK_UNLINKED } from '../../src/pipeline/onboarding.js'
import { FakeSlack } from '../fakes/slack.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { buttonOn, reaction, SIGNING_SECRET, type SlackTestApp, startSlackTestApp, TEAM } from '../support/slack.js'

const ANA = '+15551230001' // owner
const BEN = '+15551230002' // a parent
const MARIA_PHONE = '+15551234567' // the nanny
const ANA_SLACK = 'U0ANA0001'
const BEN_SLACK = 'U0BEN0001'
const MARIA = 'U0MARIA01'
const STRANGER = 'U0STRANGER1'

let t: SlackTestApp
let owner: ActorContext

const db = () => t.app.mednanny.db
const dmOf = FakeSlack.dmOf

beforeEach(async () => {
  t = await startSlackTestApp()
  owner = await ownerOfNewFamily(db(), t.clock.now(), { phone: ANA })
  await joinedMember(db(), t.clock.now(), owner, { role: 'admin', phone: BEN, name: 'Ben' })
  await joinedMember(db(), t.clock.now(), owner, { role: 'caregiver', phone: MARIA_PHONE })
  for (const [name, user] of [
    ['Ana', ANA_SLACK],
    ['Ben', BEN_SLACK],
    ['Maria', MARIA],
  ] as const) {
    await db().transaction(async (tx) => {
      const { code } = await createLinkCode(tx, owner, t.clock.now(), { memberName: name, kind: 'slack' })
      await redeemLinkCode(tx, t.clock.now(), { kind: 'slack', address: `${TEAM}:${user}`, channel: 'slack' }, code)
    })
  }
  await t.settle() // the invitations and link notices go out first
})
afterEach(async () => {
  await t.close()
})

/** The message a member got on Slack (their DM) whose text matches, with its ts. */
function slackMessage(user: string, text: RegExp) {
  const m = t.slack.messages.find((p) => p.channel === dmOf(user) && text.test(p.text))
  if (!m?.ts) throw new Error(`no Slack message to ${user} matching ${text}`)
  return { channel: m.channel, ts: m.ts, text: m.text, blocks: m.blocks }
}

const actionsOf = (blocks: { type: string; elements?: { action_id: string }[] }[] | undefined) =>
  (blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.action_id))

const incidents = () => db().read((tx) => tx.select().from(sosIncidents))
const memberId = async (name: string) =>
  (await db().read((tx) => tx.select().from(members).where(eq(members.name, name))))[0]?.id
const sms = (phone: string, since: number) =>
  t.fake.messages.slice(since).filter((m) => m.to === phone || m.to === `whatsapp:${phone}`)

async function openSosFromSlack() {
  await t.command('/sos', MARIA, 'I fell on the stairs')
  await t.settle()
  return slackMessage(ANA_SLACK, /SOS from Maria/)
}

describe('SOS alert: Acknowledge', () => {
  it('puts an Acknowledge button carrying the incident id on each Slack alert, with the text as fallback', async () => {
    const alert = await openSosFromSlack()
    const [incident] = await incidents()
    expect(alert.text).toMatch(/fell on the stairs/)
    expect(alert.blocks?.[0]).toMatchObject({
      type: 'section',
      text: { text: expect.stringMatching(/SOS from Maria/) },
    })
    expect(buttonOn(t.slack, alert, 'sos_ack')).toMatchObject({
      text: { text: expect.stringMatching(/^Acknowledge/) },
      value: JSON.stringify({ kind: 'sos_alert', incidentId: incident?.id }),
    })
    expect(actionsOf(slackMessage(BEN_SLACK, /SOS from Maria/).blocks)).toEqual(['sos_ack'])
    // SMS carries the same alert as text.
    expect(t.inboxOf(BEN).some((b) => /SOS from Maria/.test(b))).toBe(true)
  })

  it('acknowledges on the first click: escalation stops, everyone is told, the alerts show who is responding', async () => {
    const alert = await openSosFromSlack()
    const benAlert = slackMessage(BEN_SLACK, /SOS from Maria/)
    const mark = t.fake.messages.length
    const res = await t.click(ANA_SLACK, alert, 'sos_ack')
    expect(res.statusCode).toBe(200)
    const [incident] = await incidents()
    expect(incident).toMatchObject({ status: 'acknowledged', acknowledgedBy: await memberId('Ana') })
    const events = await db().read((tx) => tx.select().from(sosEvents).where(eq(sosEvents.kind, 'acknowledged')))
    expect(events.map((e) => e.detail)).toEqual([{ via: 'slack' }])

    await t.settle()
    // Everyone alerted (Ben) and the sender (Maria) are told on their first channel, SMS, as for a texted ACK.
    expect(sms(BEN, mark).map((m) => m.body)).toEqual(['✅ Ana is responding to the SOS. Alerts have stopped.'])
    expect(sms(MARIA_PHONE, mark).map((m) => m.body)).toEqual(['✅ Ana is responding to the SOS. Alerts have stopped.'])
    // Both Slack alerts are rewritten in place: who is responding, and no button any more.
    for (const m of [alert, benAlert]) {
      const now = t.slack.message(m.channel, m.ts)
      expect(now?.text).toMatch(/^✅ Ana is responding/)
      expect(now?.text).toMatch(/fell on the stairs/)
      expect(actionsOf(now?.blocks)).toEqual([])
    }

    // Past the escalation interval, the scheduler sends no further round: no alerts, no calls.
    const before = { texts: t.fake.messages.length, calls: t.fake.calls.length, slack: t.slack.messages.length }
    t.clock.advance(5 * 60_000)
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    expect({ texts: t.fake.messages.length, calls: t.fake.calls.length, slack: t.slack.messages.length }).toEqual(
      before,
    )
  })

  it('rewrites the Slack alerts when someone acknowledges by text instead', async () => {
    const alert = await openSosFromSlack()
    await t.sms(BEN, 'ACK')
    await t.settle()
    expect((await incidents())[0]?.acknowledgedBy).toBe(await memberId('Ben'))
    const now = t.slack.message(alert.channel, alert.ts)
    expect(now?.text).toMatch(/^✅ Ben is responding/)
    expect(actionsOf(now?.blocks)).toEqual([])
  })

  it('without a click, the next round comes with phone calls (what the click stops)', async () => {
    await openSosFromSlack()
    const calls = t.fake.calls.length
    t.clock.advance(5 * 60_000)
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    expect(t.fake.calls.length).toBeGreaterThan(calls)
    expect(t.slack.messages.filter((m) => /nobody has answered yet, alert 2/.test(m.text)).length).toBe(2)
  })

  it('acts once on a click Slack delivers twice', async () => {
    const alert = await openSosFromSlack()
    const mark = t.fake.messages.length
    expect((await t.click(ANA_SLACK, alert, 'sos_ack', { actionTs: '1789560300.000001' })).statusCode).toBe(200)
    expect((await t.click(ANA_SLACK, alert, 'sos_ack', { actionTs: '1789560300.000001' })).statusCode).toBe(200)
    await t.settle()
    const acks = await db().read((tx) => tx.select().from(sosEvents).where(eq(sosEvents.kind, 'acknowledged')))
    expect(acks).toHaveLength(1)
    expect(sms(BEN, mark)).toHaveLength(1)
    expect(t.slack.ephemeral).toEqual([])
    const presses = await db().read((tx) => tx.select().from(inbox).where(eq(inbox.body, 'button:sos_ack')))
    expect(presses.map((p) => p.status)).toEqual(['done'])
  })

  it('tells a second person who clicks that it is already acknowledged, and by whom', async () => {
    const alert = await openSosFromSlack()
    const benAlert = slackMessage(BEN_SLACK, /SOS from Maria/)
    const benValue = buttonOn(t.slack, benAlert, 'sos_ack')?.value
    await t.click(ANA_SLACK, alert, 'sos_ack')
    await t.settle()
    await t.click(BEN_SLACK, benAlert, 'sos_ack', { value: benValue })
    await t.settle()
    expect(t.slack.ephemeral).toEqual([
      { channel: benAlert.channel, user: BEN_SLACK, text: 'Already acknowledged: Ana is responding.' },
    ])
    expect((await incidents())[0]?.acknowledgedBy).toBe(await memberId('Ana'))
  })

  it('serializes two people clicking at once: one acknowledgement, the other hears who', async () => {
    const alert = await openSosFromSlack()
    const benAlert = slackMessage(BEN_SLACK, /SOS from Maria/)
    const [a, b] = await Promise.all([t.click(ANA_SLACK, alert, 'sos_ack'), t.click(BEN_SLACK, benAlert, 'sos_ack')])
    expect([a.statusCode, b.statusCode]).toEqual([200, 200])
    await t.settle()
    const acks = await db().read((tx) => tx.select().from(sosEvents).where(eq(sosEvents.kind, 'acknowledged')))
    expect(acks).toHaveLength(1)
    expect(t.slack.ephemeral).toHaveLength(1)
    expect(t.slack.ephemeral[0]?.text).toMatch(/^Already acknowledged: (Ana|Ben) is responding\.$/)
  })

  it('changes nothing for an unlinked Slack user, who is told to link their account', async () => {
    const alert = await openSosFromSlack()
    const value = buttonOn(t.slack, alert, 'sos_ack')?.value
    const mark = t.fake.messages.length
    expect((await t.click(STRANGER, alert, 'sos_ack', { value })).statusCode).toBe(200)
    await t.settle()
    expect((await incidents())[0]?.status).toBe('open')
    expect(t.slack.ephemeral).toEqual([{ channel: alert.channel, user: STRANGER, text: slackEscaped(SLACK_UNLINKED) }])
    expect(t.fake.messages.length).toBe(mark)
    expect(t.slack.updated).toEqual([])
  })

  it('refuses the person who sent the SOS', async () => {
    await openSosFromSlack()
    const mine = t.slack.messages.find((m) => m.channel === dmOf(MARIA))
    const [incident] = await incidents()
    const value = JSON.stringify({ kind: 'sos_alert', incidentId: incident?.id })
    await t.click(MARIA, { channel: dmOf(MARIA), ts: mine?.ts ?? '' }, 'sos_ack', { value })
    await t.settle()
    expect((await incidents())[0]?.status).toBe('open')
    expect(t.slack.ephemeral.at(-1)?.text).toMatch(/^You sent this SOS/)
  })

  it('waits out a 429 on an edit, and gives up an edit Slack cannot find without texting anyone', async () => {
    const alert = await openSosFromSlack()
    t.slack.failNext('chat.update', { status: 429, retryAfter: 30 }, { error: 'message_not_found' })
    const mark = t.fake.messages.length
    await t.click(ANA_SLACK, alert, 'sos_ack')
    await t.settle()
    const edits = async () => (await t.outboxRows()).filter((r) => r.kind === 'edit')
    const started = t.clock.now().getTime()
    expect((await edits()).map((r) => [r.status, r.errorCode]).sort()).toEqual([
      ['failed', 'message_not_found'],
      ['pending', 'rate_limited'],
    ])
    const waiting = (await edits()).find((r) => r.status === 'pending')
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + 30_000)
    // Only the acknowledgement notices went by SMS: a failed edit has nothing to fall back to.
    expect(t.fake.messages.length - mark).toBe(2)
    expect((await t.outboxRows()).filter((r) => r.fallbackOf && r.kind === 'edit')).toEqual([])
    t.clock.advance(30_000)
    await t.settle()
    expect((await edits()).map((r) => r.status).sort()).toEqual(['delivered', 'failed'])
    expect(t.slack.updated).toHaveLength(1)
  })

  it('rejects a click with a forged signature with 401, changing nothing', async () => {
    const alert = await openSosFromSlack()
    const res = await t.click(ANA_SLACK, alert, 'sos_ack', { secret: `${SIGNING_SECRET}-forged` })
    expect(res.statusCode).toBe(401)
    expect((await incidents())[0]?.status).toBe('open')
    const presses = await db().read((tx) => tx.select().from(inbox).where(eq(inbox.body, 'button:sos_ack')))
    expect(presses).toEqual([])
  })
})

/** The member reads Slack first: what is sent to them unasked (reminders) goes there. */
async function slackFirst(name: string) {
  await db().transaction(async (tx) => {
    await tx
      .update(members)
      .set({ channelOrder: ['slack', 'sms'] })
      .where(eq(members.name, name))
  })
}

describe('reminders: Done, Snooze 15 min and ✅', () => {
  /** Maria reads Slack first; her reminder "pump" at 11:05 local (15:05 UTC) is sent. */
  async function reminderOnSlack() {
    await slackFirst('Maria')
    const maria = (await db().read((tx) =>
      resolveActor(tx, { kind: 'slack', address: `${TEAM}:${MARIA}`, channel: 'slack' }),
    )) as ActorContext
    const schedule = await db().transaction((tx) =>
      createReminder(tx, maria, t.clock.now(), { body: 'pump', dtstart: '2026-03-10T11:05' }),
    )
    t.clock.set('2026-03-10T15:05:00Z')
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    return { schedule, message: slackMessage(MARIA, /Reminder: pump/) }
  }
  const runs = () => db().read((tx) => tx.select().from(scheduleRuns))

  it('posts the reminder with Done and Snooze buttons for that occurrence', async () => {
    const { schedule, message } = await reminderOnSlack()
    expect(actionsOf(message.blocks)).toEqual(['reminder_done', 'reminder_snooze'])
    expect(JSON.parse(buttonOn(t.slack, message, 'reminder_done')?.value ?? '{}')).toEqual({
      kind: 'reminder',
      scheduleId: schedule.id,
      occurrence: Date.parse('2026-03-10T15:05:00Z'),
    })
  })

  it('Done marks that occurrence done, as “done” by text, and the message says so', async () => {
    const { message } = await reminderOnSlack()
    const value = buttonOn(t.slack, message, 'reminder_done')?.value
    t.clock.advance(60_000)
    expect((await t.click(MARIA, message, 'reminder_done')).statusCode).toBe(200)
    await t.settle()
    expect((await runs()).map((r) => r.status)).toEqual(['done'])
    const now = t.slack.message(message.channel, message.ts)
    expect(now?.text).toBe('⏰ Reminder: pump\n👍 Done: pump. (Tue 11:06 AM)')
    expect(actionsOf(now?.blocks)).toEqual([])
    // A later click on the same (stale) button changes nothing and says why.
    await t.click(MARIA, message, 'reminder_done', { value })
    await t.settle()
    expect(t.slack.ephemeral.map((e) => e.text)).toEqual(['Already done.'])
    expect((await runs()).map((r) => r.status)).toEqual(['done'])
  })

  it('Snooze 15 min sends the reminder again 15 minutes later', async () => {
    const { message } = await reminderOnSlack()
    await t.click(MARIA, message, 'reminder_snooze')
    await t.settle()
    expect((await runs()).map((r) => r.status)).toEqual(['snoozed'])
    expect(t.slack.message(message.channel, message.ts)?.text).toMatch(/^⏰ Reminder: pump\nSnoozed: pump\./)
    t.clock.set('2026-03-10T15:19:00Z')
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    expect(t.slack.messages.filter((m) => /Reminder: pump/.test(m.text))).toHaveLength(1)
    t.clock.set('2026-03-10T15:20:00Z')
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    const again = t.slack.messages.filter((m) => /Reminder: pump/.test(m.text))
    expect(again).toHaveLength(2)
    expect(actionsOf(again[1]?.blocks)).toEqual(['reminder_done', 'reminder_snooze'])
  })

  it('Done on a dose reminder logs the dose, as “taken” by text', async () => {
    await slackFirst('Maria')
    await t.sms(ANA, 'add Leo, born 2023-03-02, 15 kg')
    await t.settle()
    await db().transaction(async (tx) => {
      await runTool(
        addMedicationTool,
        { tx, actor: owner, clock: t.clock },
        {
          dependent: 'Leo',
          name: 'Amoxicillin',
          doseAmount: 5,
          doseUnit: 'ml',
          schedule: { kind: 'times', times: ['12:00'] },
          responsible: 'Maria',
        },
      )
    })
    t.clock.set('2026-03-10T16:00:00Z') // 12:00 in New York
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    const message = slackMessage(MARIA, /Time for Leo's Amoxicillin/)
    expect(actionsOf(message.blocks)).toEqual(['reminder_done', 'reminder_snooze'])
    t.clock.advance(3 * 60_000)
    await t.click(MARIA, message, 'reminder_done')
    await t.settle()
    const given = await db().read((tx) => tx.select().from(doses))
    expect(given.map((d) => ({ drug: d.drugKey, at: d.at.toISOString() }))).toEqual([
      { drug: 'amoxicillin', at: '2026-03-10T16:03:00.000Z' },
    ])
    expect(t.slack.message(message.channel, message.ts)?.text).toMatch(/✅ Logged: Leo's Amoxicillin/)
  })

  it('a ✅ reaction on the reminder marks it done; one from someone else does nothing', async () => {
    const { message } = await reminderOnSlack()
    await t.event(reaction(ANA_SLACK, message))
    await t.settle()
    expect((await runs()).map((r) => r.status)).toEqual(['sent'])
    await t.event(reaction(MARIA, message, 'thumbsup'))
    await t.settle()
    expect((await runs()).map((r) => r.status)).toEqual(['sent'])
    await t.event(reaction(MARIA, message))
    await t.settle()
    expect((await runs()).map((r) => r.status)).toEqual(['done'])
    expect(t.slack.message(message.channel, message.ts)?.text).toMatch(/👍 Done: pump/)
    expect(t.slack.ephemeral).toEqual([]) // a reaction is answered by the edit alone
  })

  it('a ✅ Slack delivers twice (same event_id) acts once', async () => {
    const { message } = await reminderOnSlack()
    const event = reaction(MARIA, message)
    await t.event(event, { eventId: 'Ev0REACT01' })
    await t.event(event, { eventId: 'Ev0REACT01', retryNum: 1 })
    await t.settle()
    expect(t.slack.updated).toHaveLength(1)
    const audits = await db().read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'schedule.done')))
    expect(audits).toHaveLength(1)
  })

  it('a ✅ on a message that is not a reminder changes nothing', async () => {
    await t.command('/nanny', MARIA, 'who am i')
    await t.settle()
    const reply = slackMessage(MARIA, /You’re Maria/)
    await t.event(reaction(MARIA, reply))
    await t.settle()
    expect(t.slack.updated).toEqual([])
    expect(await db().read((tx) => tx.select().from(schedules))).toEqual([])
  })
})

describe('dose guard warning: Record anyway and Cancel', () => {
  /** Maria gives Leo acetaminophen twice, two hours apart: the second is too soon, recorded and flagged. */
  async function tooSoon() {
    await t.sms(ANA, 'add Leo, born 2023-03-02, 15 kg')
    await t.settle()
    await t.command('/nanny', MARIA, 'gave Leo tylenol 5ml')
    await t.settle()
    t.clock.advance(2 * 60 * 60_000)
    await t.command('/nanny', MARIA, 'gave leo tylenol 5 ml')
    await t.settle()
    return slackMessage(MARIA, /too soon/i)
  }
  const doseRows = () => db().read((tx) => tx.select().from(doses))

  it('puts Record anyway and Cancel on the warning about the dose it recorded and flagged', async () => {
    const warning = await tooSoon()
    const flagged = (await doseRows()).filter((d) => d.flagged)
    expect(flagged).toHaveLength(1)
    expect(actionsOf(warning.blocks)).toEqual(['dose_keep', 'dose_cancel'])
    expect(JSON.parse(buttonOn(t.slack, warning, 'dose_cancel')?.value ?? '{}')).toEqual({
      kind: 'dose_guard',
      doseIds: [flagged[0]?.id],
    })
  })

  it('Cancel takes the flagged dose out of the record, as “undo” would, and the warning says so', async () => {
    const warning = await tooSoon()
    await t.click(MARIA, warning, 'dose_cancel')
    await t.settle()
    const rows = await doseRows()
    expect(rows.map((d) => ({ flagged: d.flagged, deleted: d.deletedAt !== null }))).toEqual([
      { flagged: false, deleted: false },
      { flagged: true, deleted: true },
    ])
    const now = t.slack.message(warning.channel, warning.ts)
    expect(now?.text).toMatch(/Cancelled: this dose is not in the record\.$/)
    expect(actionsOf(now?.blocks)).toEqual([])
    const [audit] = await db().read((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'care.delete'), eq(auditLog.subjectId, rows[1]?.id ?? ''))),
    )
    expect(audit).toBeDefined()
  })

  it('Record anyway keeps the dose, flagged, and notes in the audit log that the warning was seen', async () => {
    const warning = await tooSoon()
    await t.click(MARIA, warning, 'dose_keep')
    await t.settle()
    const rows = await doseRows()
    expect(rows.map((d) => ({ flagged: d.flagged, deleted: d.deletedAt !== null }))).toEqual([
      { flagged: false, deleted: false },
      { flagged: true, deleted: false },
    ])
    const kept = await db().read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, 'dose.keep_flagged')))
    expect(kept.map((a) => a.subjectId)).toEqual([rows[1]?.id])
    expect(t.slack.message(warning.channel, warning.ts)?.text).toMatch(/Kept in the record as given, flagged/)
  })

  it('lets only the person who recorded the dose answer, as “undo” by text', async () => {
    const warning = await tooSoon()
    const value = buttonOn(t.slack, warning, 'dose_cancel')?.value
    // Ben, a parent, clicks Cancel on Maria's warning (say it was shared with him): refused.
    await t.click(BEN_SLACK, warning, 'dose_cancel', { value })
    await t.settle()
    expect((await doseRows()).every((d) => d.deletedAt === null)).toBe(true)
    expect(t.slack.ephemeral.at(-1)).toMatchObject({
      user: BEN_SLACK,
      text: expect.stringMatching(/^Only the person who recorded this dose/),
    })
  })
})

function slackEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
