import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/harness.js'

let t: TestApp
afterEach(async () => {
  await t?.close()
})

describe('health', () => {
  it('answers /healthz while the process is up', async () => {
    t = await startTestApp()
    const res = await t.app.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz 200 with the database migrated, 503 once the database is gone', async () => {
    t = await startTestApp()
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200)
    t.app.mednanny.db.close()
    const res = await t.app.inject({ url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'not_ready' })
  })

  it('keeps the dev console off when Twilio is configured', async () => {
    t = await startTestApp()
    expect((await t.app.inject({ url: '/dev' })).statusCode).toBe(404)
  })
})
