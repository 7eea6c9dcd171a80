import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDir } from '../support/harness.js'

/**
 * Issue #5's "done means", through the dev console's own API (no Twilio, no accounts): a newcomer sets a
 * reminder and gets it on time; an SOS reaches every contact, escalates with calls, is acknowledged
 * and stops. Time moves by the clock; the background loops' work is run by hand.
 */
let app: FastifyInstance
let clock: ManualClock
let cleanup: () => void

interface FeedRow {
  channel: string
  to: string
  body: string
  kind: string
}

beforeEach(async () => {
  const temp = tempDir()
  cleanup = temp.cleanup
  clock = new ManualClock('2026-11-18T21:10:00Z') // Wednesday 4:10 pm in New York
  app = await buildApp(loadConfig({ DATABASE_PATH: join(temp.dir, 'm.db'), LOG_LEVEL: 'silent' }), { clock })
  expect((await app.inject({ method: 'POST', url: '/dev/api/demo' })).statusCode).toBe(201)
})
afterEach(async () => {
  await app.close()
  cleanup()
})

async function settle() {
  for (let i = 0; i < 20; i++) {
    const handled = await app.mednanny.worker.drain()
    const sent = await app.mednanny.outbox.drain()
    if (!handled && !sent) return
  }
}

async function text(from: string, body: string) {
  const res = await app.inject({ method: 'POST', url: '/dev/api/messages', payload: { channel: 'sms', from, body } })
  expect(res.statusCode).toBe(202)
  await settle()
}

async function feed(): Promise<FeedRow[]> {
  const res = await app.inject({ method: 'GET', url: '/dev/api/feed' })
  return (res.json() as { outbox: FeedRow[] }).outbox
}

async function at(iso: string) {
  clock.set(iso)
  await app.mednanny.scheduler.tick()
  await settle()
}

const ANA = '+15550100101'
const BEN = '+15550100102'
const MARIA = '+15550100103'

describe('the dev console', () => {
  it('sets a reminder by text and shows it arriving on time', async () => {
    await text(ANA, 'remind me at 5pm to call the pediatrician')
    expect((await feed()).find((m) => m.to === ANA && m.kind === 'reply')?.body).toBe(
      'Okay — I’ll remind you Wed 5:00 PM: call the pediatrician.',
    )
    await at('2026-11-18T21:59:00Z')
    expect((await feed()).some((m) => m.kind === 'reminder')).toBe(false)
    await at('2026-11-18T22:00:03Z')
    expect((await feed()).filter((m) => m.kind === 'reminder').map((m) => [m.to, m.body.split('\n')[0]])).toEqual([
      [ANA, '⏰ Reminder: call the pediatrician'],
    ])
  })

  it('shows an SOS reaching every contact, escalating with calls, acknowledged, then stopping', async () => {
    await text(MARIA, 'SOS Maya is not waking up')
    const alerts = (await feed()).filter((m) => m.kind === 'sos_alert')
    expect(new Set(alerts.map((m) => m.to))).toEqual(new Set([ANA, BEN]))
    expect(alerts[0]?.body).toContain('About Maya, 4 months, 6.4 kg.')
    await at('2026-11-18T21:12:00Z')
    expect(
      (await feed())
        .filter((m) => m.kind === 'sos_call')
        .map((m) => m.to)
        .sort(),
    ).toEqual([ANA, BEN])
    await text(BEN, 'on my way')
    expect((await feed()).find((m) => m.to === MARIA && m.kind === 'sos_ack')?.body).toBe(
      '✅ Ben is responding to the SOS. Alerts have stopped.',
    )
    const escalation = async () => (await feed()).filter((m) => m.kind === 'sos_alert' || m.kind === 'sos_call').length
    const before = await escalation()
    await at('2026-11-18T21:20:00Z')
    expect(await escalation()).toBe(before)
  })
})
