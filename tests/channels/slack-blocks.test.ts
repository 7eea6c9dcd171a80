import { describe, expect, it } from 'vitest'
import { buttonValue, parseButtonValue, slackBlocks } from '../../src/channels/slack/blocks.js'
import type { OutboxPayload } from '../../src/domain/outbox/payload.js'

const sos: OutboxPayload = { kind: 'sos_alert', incidentId: 'sos_01ABCDEF' }
const reminder: OutboxPayload = { kind: 'reminder', scheduleId: 'sch_01ABCDEF', occurrence: 1_773_155_100_000 }
const doseGuard: OutboxPayload = { kind: 'dose_guard', doseIds: ['dose_01ABCDEF'] }

const buttons = (payload: OutboxPayload) =>
  (slackBlocks('text', payload) ?? [])
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .map((e) => (e.type === 'button' ? { id: e.action_id, label: e.text.text, style: e.style } : e.type))

describe('slackBlocks', () => {
  it('is nothing for a plain message or a private notice: the text alone is sent', () => {
    expect(slackBlocks('hello', null)).toBeUndefined()
    expect(slackBlocks('hello', undefined)).toBeUndefined()
    expect(slackBlocks('hello', { kind: 'private_notice' })).toBeUndefined()
  })

  it('puts the text in a mrkdwn section, escaped, above the buttons', () => {
    const [section, actions] = slackBlocks('🚨 SOS from Maria: “a < b & c”', sos) ?? []
    expect(section).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '🚨 SOS from Maria: “a &lt; b &amp; c”' },
    })
    expect(actions).toMatchObject({ type: 'actions', block_id: 'mn_sos_alert' })
  })

  it('gives an SOS alert one Acknowledge button, styled as the danger it is', () => {
    expect(buttons(sos)).toEqual([{ id: 'sos_ack', label: 'Acknowledge — I’m responding', style: 'danger' }])
  })

  it('gives a reminder Done and Snooze 15 min', () => {
    expect(buttons(reminder)).toEqual([
      { id: 'reminder_done', label: 'Done', style: 'primary' },
      { id: 'reminder_snooze', label: 'Snooze 15 min', style: undefined },
    ])
  })

  it('gives the dose guard’s warning Record anyway and Cancel', () => {
    expect(buttons(doseGuard)).toEqual([
      { id: 'dose_keep', label: 'Record anyway', style: undefined },
      { id: 'dose_cancel', label: 'Cancel', style: 'danger' },
    ])
  })

  it('drops the buttons once answered, keeping the text', () => {
    expect(slackBlocks('✅ Ana is responding', { ...sos, answered: true })).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '✅ Ana is responding' } },
    ])
  })

  it('keeps a section within Block Kit’s 3,000 characters', () => {
    const [section] = slackBlocks(`${'x'.repeat(2990)}&&&&`, sos) ?? []
    const text = section?.type === 'section' ? (section.text?.text ?? '') : ''
    expect(text.length).toBe(3000)
    expect(text.endsWith('…')).toBe(true)
  })

  it('carries only ids in every button’s value, never the text', () => {
    const blocks = slackBlocks('Leo fell off the slide', sos) ?? []
    const values = blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .map((e) => ('value' in e ? e.value : ''))
    expect(values).toEqual([JSON.stringify({ kind: 'sos_alert', incidentId: 'sos_01ABCDEF' })])
  })
})

describe('button values', () => {
  it('read back as the payload they were made from, without the answered state', () => {
    for (const p of [sos, reminder, doseGuard]) {
      expect(parseButtonValue(buttonValue({ ...p, answered: true } as OutboxPayload))).toEqual(p)
    }
  })

  it('reject anything else: not JSON, an unknown kind, a malformed id, a private notice', () => {
    expect(parseButtonValue(undefined)).toBeUndefined()
    expect(parseButtonValue('not json')).toBeUndefined()
    expect(parseButtonValue(JSON.stringify({ kind: 'delete_family', familyId: 'fam_01' }))).toBeUndefined()
    expect(parseButtonValue(JSON.stringify({ kind: 'sos_alert', incidentId: "x' OR 1=1" }))).toBeUndefined()
    expect(parseButtonValue(JSON.stringify({ kind: 'private_notice' }))).toBeUndefined()
    expect(parseButtonValue(JSON.stringify({ kind: 'dose_guard', doseIds: [] }))).toBeUndefined()
  })
})
