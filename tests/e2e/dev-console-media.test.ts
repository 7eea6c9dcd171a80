import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { DEMO_PHONES } from '../../src/domain/record/demo.js'
import { ManualClock } from '../../src/lib/clock.js'
import { createLogger } from '../../src/lib/logger.js'
import { LogCapture, tempDir } from '../support/harness.js'
import { readPdf } from '../support/pdf.js'

let app: FastifyInstance
let cleanup: () => void

beforeEach(async () => {
  const temp = tempDir()
  cleanup = temp.cleanup
  // No Twilio, no Slack: the dev console is on and delivers to the page.
  const config = loadConfig({ DATABASE_PATH: join(temp.dir, 'mednanny.db'), LOG_LEVEL: 'info' })
  app = await buildApp(config, {
    clock: new ManualClock('2026-03-10T15:00:00Z'),
    logger: createLogger('info', new LogCapture()),
  })
  expect((await app.inject({ method: 'POST', url: '/dev/api/demo' })).statusCode).toBe(201)
})
afterEach(async () => {
  await app.close()
  cleanup()
})

/** Sends as Ana from the console and returns the newest outbound message the page would show her. */
async function send(body: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/dev/api/messages',
    payload: { channel: 'sms', from: DEMO_PHONES.ana, body },
  })
  expect(res.statusCode).toBe(202)
  await app.mednanny.worker.drain()
  await app.mednanny.outbox.drain()
  const feed = (await app.inject({ method: 'GET', url: '/dev/api/feed' })).json() as {
    outbox: { to: string; body: string; mediaUrl?: string; at: string }[]
  }
  return feed.outbox
    .filter((m) => m.to === DEMO_PHONES.ana)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1)
}

describe('charts and the visit summary from the dev console', () => {
  it('the demo family’s growth chart and visit summary open from the page’s links', async () => {
    const chart = await send('growth chart for Maya')
    expect(chart?.body).toMatch(/^📈 Maya’s weight chart \(\d+ measurements?\) over the WHO percentile curves\.$/)
    expect(chart?.mediaUrl).toMatch(/^\/media\/med_\w+\?exp=\d+&sig=[\w-]+$/)
    const png = await app.inject({ method: 'GET', url: chart?.mediaUrl ?? '' })
    expect(png.statusCode).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')

    // Three people in the demo family: without a name, the console asks which one.
    expect((await send('visit summary'))?.body).toBe('Which one: Maya, Leo or Joe? Say e.g. “visit summary for Maya”.')
    const summary = await send('visit summary for maya')
    expect(summary?.body).toBe(
      '📄 Visit summary for Maya: one page for the pediatrician (PDF). The link works for a limited time; ask again for a fresh one.',
    )
    const pdf = await app.inject({ method: 'GET', url: summary?.mediaUrl ?? '' })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect((await readPdf(pdf.rawPayload)).text).toContain('Visit summary: Maya')
  })
})
