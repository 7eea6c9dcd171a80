import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { auditLog } from '../../src/domain/audit/schema.js'
import { diapers, feeds } from '../../src/domain/care-log/schema.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { doses } from '../../src/domain/medications/schema.js'
import { FakeSlack } from '../fakes/slack.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { type SlackTestApp, type SubmittedView, startSlackTestApp, TEAM } from '../support/slack.js'

const ANA = '+15551230001'
const ANA_SLACK = 'U0ANA0001'
const MARIA = 'U0MARIA01'
const STRANGER = 'U0STRANGER1'

let t: SlackTestApp
let owner: ActorContext

async function link(memberName: string, user: string) {
  const now = t.clock.now()
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, owner, now, { memberName, kind: 'slack' })
    await redeemLinkCode(tx, now, { kind: 'slack', address: `${TEAM}:${user}`, channel: 'slack' }, code)
  })
}

async function addChild(name: string, birthDate = '2025-09-01') {
  return t.app.mednanny.db.transaction((tx) => addDependent(tx, owner, t.clock.now(), { name, birthDate }))
}

/** A submitted `/nanny log` form: the fields Slack sends for the blocks the modal had. */
function form(id: string, fields: Record<string, Record<string, unknown>>, kind?: string): SubmittedView {
  const values = Object.fromEntries(Object.entries(fields).map(([block, state]) => [block, { value: state }]))
  return { id, callbackId: 'nanny_log', values, privateMetadata: JSON.stringify(kind ? { kind } : {}) }
}
const pick = (value: string) => ({ type: 'static_select', selected_option: { value } })
const when = (date: string, time: string) => ({
  date: { type: 'datepicker', selected_date: date },
  time: { type: 'timepicker', selected_time: time },
})

beforeEach(async () => {
  t = await startSlackTestApp() // 2026-03-10 15:00 UTC = 11:00 in New York
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), { phone: ANA })
  await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'caregiver', phone: '+15551234567' })
  await link('Ana', ANA_SLACK)
  await link('Maria', MARIA)
})
afterEach(async () => {
  await t.close()
})

describe('/nanny log opens a modal', () => {
  it('with the family’s only child and the time now on the family’s clock', async () => {
    const leo = await addChild('Leo')
    const res = await t.command('/nanny', MARIA, 'log')
    expect(res.statusCode).toBe(200)
    const [opened] = t.slack.views('views.open')
    expect(opened?.triggerId).toMatch(/^13345224609\./)
    const blocks = opened?.view.blocks ?? []
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element as Record<string, unknown>
    expect(opened?.view.callback_id).toBe('nanny_log')
    expect((element('child').initial_option as { value: string }).value).toBe(leo.id)
    expect(element('date').initial_date).toBe('2026-03-10')
    expect(element('time').initial_time).toBe('11:00')
    expect(blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['kind', 'feed_ml', 'diaper', 'dose_drug']))
  })

  it('with the child this member logged for last when there are several', async () => {
    await addChild('Leo')
    const mia = await addChild('Mia')
    await t.submitView(
      MARIA,
      form(
        'V0PREV',
        {
          child: pick(mia.id),
          ...when('2026-03-10', '10:00'),
          diaper: { type: 'checkboxes', selected_options: [{ value: 'wet' }] },
        },
        'diaper',
      ),
    )
    await t.command('/nanny', MARIA, 'log feed')
    const [opened] = t.slack.views('views.open')
    const child = opened?.view.blocks.find((b) => b.block_id === 'child')?.element as {
      initial_option: { value: string }
    }
    expect(child.initial_option.value).toBe(mia.id)
    // `log feed` shows the feed fields only.
    expect(opened?.view.blocks.map((b) => b.block_id)).toEqual([
      'child',
      'date',
      'time',
      'feed_method',
      'feed_ml',
      'feed_minutes',
    ])
  })

  it('opens nothing for an unlinked Slack user, and says how to link', async () => {
    await addChild('Leo')
    const res = await t.command('/nanny', STRANGER, 'log')
    expect(res.body).toMatch(/isn’t linked/)
    expect(t.slack.views('views.open')).toEqual([])
  })
})

describe('submitting the /nanny log modal', () => {
  it('answers a submission with no form state with an error under the form, not a 500', async () => {
    const res = await t.submitView(MARIA, {
      id: 'V0EMPTY1',
      callbackId: 'nanny_log',
      values: undefined as unknown as Record<string, Record<string, Record<string, unknown>>>,
    })
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { child: 'That form arrived empty; please open it again.' },
    })
  })

  it('records the feed as the submitter, with an audit entry, and confirms by DM', async () => {
    const leo = await addChild('Leo')
    const res = await t.submitView(
      MARIA,
      form('V0FEED1', {
        child: pick(leo.id),
        kind: { type: 'radio_buttons', selected_option: { value: 'feed' } },
        ...when('2026-03-10', '10:30'),
        feed_method: pick('bottle'),
        feed_ml: { type: 'number_input', value: '120' },
      }),
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(feeds))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      dependentId: leo.id,
      method: 'bottle',
      amountMl: 120,
      at: new Date('2026-03-10T14:30:00Z'),
    })
    const maria = rows[0]?.loggedBy
    expect(maria).not.toBe(owner.memberId)
    const audit = await t.app.mednanny.db.read((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, rows[0]?.id ?? '')),
    )
    expect(audit).toMatchObject([{ action: 'care.log', actorMemberId: maria }])
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: FakeSlack.dmOf(MARIA), text: expect.stringMatching(/^Logged for Leo: bottle 120 ml at Tue 10:30 AM/) },
    ])
    // Logged as a kind and ids: never the Slack user, the child or the feed.
    expect(t.logs.text).toContain('slack log modal submitted')
    expect(t.logs.text).not.toMatch(new RegExp(`${MARIA}|Leo|bottle`))
  })

  it('answers invalid input with errors under the fields and writes nothing', async () => {
    const leo = await addChild('Leo')
    const res = await t.submitView(
      MARIA,
      form(
        'V0BAD1',
        {
          child: pick(leo.id),
          ...when('2026-03-10', '18:00'),
          feed_method: pick('bottle'),
          feed_ml: { type: 'number_input', value: '' },
        },
        'feed',
      ),
    )
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors: { time: 'That’s in the future.' } })
    const noAmount = await t.submitView(
      MARIA,
      form('V0BAD2', { child: pick(leo.id), ...when('2026-03-10', '10:00'), feed_method: pick('bottle') }, 'feed'),
    )
    expect(JSON.parse(noAmount.body)).toEqual({
      response_action: 'errors',
      errors: { feed_ml: 'How much was in the bottle?' },
    })
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(feeds))).toEqual([])
    await t.settle()
    expect(t.slack.posted).toEqual([])
  })

  it('shows a rule the record enforces under the field, and writes nothing', async () => {
    const leo = await addChild('Leo')
    const res = await t.submitView(
      MARIA,
      form('V0WOKE', { child: pick(leo.id), ...when('2026-03-10', '10:00'), sleep_event: pick('end') }, 'sleep'),
    )
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { sleep_event: expect.stringMatching(/don’t have them down as asleep/) },
    })
  })

  it('acts once when the same view is submitted twice', async () => {
    const leo = await addChild('Leo')
    const submission = form(
      'V0TWICE',
      {
        child: pick(leo.id),
        ...when('2026-03-10', '10:00'),
        diaper: { type: 'checkboxes', selected_options: [{ value: 'wet' }, { value: 'dirty' }] },
      },
      'diaper',
    )
    expect((await t.submitView(MARIA, submission)).statusCode).toBe(200)
    expect((await t.submitView(MARIA, submission)).statusCode).toBe(200)
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(diapers))).toMatchObject([{ wet: true, dirty: true }])
    await t.settle()
    expect(t.slack.posted).toHaveLength(1)
  })

  it('passes a dose through the dose guard: recorded, flagged, parents alerted', async () => {
    // Leo is 10 weeks old: no ibuprofen under 6 months (health-facts.md §8, DOSE-IBU-AGE).
    const leo = await addChild('Leo', '2025-12-30')
    const res = await t.submitView(
      MARIA,
      form(
        'V0DOSE1',
        {
          child: pick(leo.id),
          ...when('2026-03-10', '10:45'),
          dose_drug: { type: 'plain_text_input', value: 'Motrin' },
          dose_amount: { type: 'number_input', value: '1.25' },
          dose_unit: { type: 'plain_text_input', value: 'ml' },
        },
        'dose',
      ),
    )
    expect(res.body).toBe('')
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(doses))
    expect(rows).toMatchObject([{ dependentId: leo.id, drugName: 'Motrin', drugKey: 'ibuprofen', flagged: true }])
    await t.settle()
    const toMaria = t.slack.posted.filter((p) => p.channel === FakeSlack.dmOf(MARIA)).map((p) => p.text)
    // The warning first, then what was recorded.
    expect(toMaria).toEqual([
      expect.stringMatching(/^Don't give ibuprofen to Leo .* not for babies under 6 months/),
      'Logged for Leo: Motrin 1.25 ml at Tue 10:45 AM (flagged by the dose check).',
    ])
    expect(t.inboxOf(ANA)).toContainEqual(expect.stringMatching(/^Leo: ibuprofen was given\. Don't give ibuprofen/))
    // The warning carries the guard's buttons, as after a text: Record anyway, Cancel.
    const warning = t.slack.messages.find((m) => m.channel === FakeSlack.dmOf(MARIA) && /^Don't give/.test(m.text))
    const buttons = warning?.blocks?.flatMap((b) => b.elements ?? []).map((e) => e.action_id)
    expect(buttons).toEqual(['dose_keep', 'dose_cancel'])
    const [recap] = t.slack.messages.filter((m) => /^Logged for Leo: Motrin/.test(m.text))
    expect(recap).toBeDefined()
    expect((recap?.blocks ?? []).flatMap((b) => b.elements ?? [])).toEqual([])
  })

  it('a viewer is told they cannot log, under the form', async () => {
    const leo = await addChild('Leo')
    await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'viewer', phone: '+15551234999', name: 'Vera' })
    await link('Vera', 'U0VERA001')
    const res = await t.submitView(
      'U0VERA001',
      form(
        'V0VIEW',
        {
          child: pick(leo.id),
          ...when('2026-03-10', '10:00'),
          diaper: { type: 'checkboxes', selected_options: [{ value: 'wet' }] },
        },
        'diaper',
      ),
    )
    expect(JSON.parse(res.body).errors.diaper).toMatch(/role/)
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(diapers))).toEqual([])
  })
})
