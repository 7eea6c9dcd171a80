import { afterEach, describe, expect, it } from 'vitest'
import { listInbox } from '../../src/domain/inbox/service.js'
import type { Agent, Stage } from '../../src/pipeline/types.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001'
const BEN = '+15551230002'
const MINUTE = 60_000
let t: TestApp
afterEach(async () => {
  await t?.close()
})

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('inbox worker', () => {
  it('handles one conversation in order, one message at a time, while other conversations go on', async () => {
    const started: string[] = []
    const gates = new Map<string, ReturnType<typeof deferred>>([['slow one', deferred()]])
    const agent: Agent = {
      async respond({ text }) {
        started.push(text)
        await gates.get(text)?.promise
        return { route: 'agent:test', replies: [`answer to ${text}`] }
      },
    }
    t = await startTestApp({ deps: { agent } })
    await onboardFamily(t, ANA)
    await onboardFamily(t, BEN, 'Ben', 'The Bakers')
    await t.sms(ANA, 'slow one')
    await t.sms(ANA, 'second from ana')
    await t.sms(BEN, 'from ben')

    const draining = t.app.mednanny.worker.drain()
    // Ben's message finishes while Ana's first is still with the (slow) agent; Ana's second has not started.
    await expect.poll(() => started).toEqual(['slow one', 'from ben'])
    await expect.poll(async () => (await t.outboxRows()).some((r) => r.body === 'answer to from ben')).toBe(true)
    expect(started).not.toContain('second from ana')

    gates.get('slow one')?.resolve()
    await draining
    expect(started).toEqual(['slow one', 'from ben', 'second from ana'])
    await t.settle()
    expect(t.inboxOf(ANA).slice(-2)).toEqual(['answer to slow one', 'answer to second from ana'])
  })

  it('takes a message that arrives while another conversation is busy at once, not after it', async () => {
    const gate = deferred()
    const agent: Agent = {
      async respond({ text }) {
        if (text === 'slow one') await gate.promise
        return { route: 'agent:test', replies: [`answer to ${text}`] }
      },
    }
    t = await startTestApp({ deps: { agent } })
    await onboardFamily(t, ANA)
    await onboardFamily(t, BEN, 'Ben', 'The Bakers')
    await t.sms(ANA, 'slow one')
    const draining = t.app.mednanny.worker.drain()
    await t.sms(BEN, 'who am i') // arrives while Ana's message is with the agent
    await expect.poll(async () => (await t.outboxRows()).some((r) => r.body.startsWith('You’re Ben'))).toBe(true)
    gate.resolve()
    await draining
  })

  it('stops promptly with a backlog: finishes what it holds, claims nothing new, counts no attempt', async () => {
    const gate = deferred()
    let calls = 0
    const agent: Agent = {
      async respond({ text }) {
        calls++
        await gate.promise
        return { route: 'agent:test', replies: [`answer to ${text}`] }
      },
    }
    t = await startTestApp({ deps: { agent, worker: { concurrency: 2 } } })
    await onboardFamily(t, ANA)
    await onboardFamily(t, BEN, 'Ben', 'The Bakers')
    for (let i = 0; i < 10; i++) {
      await t.sms(ANA, `ana ${i}`)
      await t.sms(BEN, `ben ${i}`)
    }
    const worker = t.app.mednanny.worker
    const draining = worker.drain()
    await expect.poll(() => calls).toBe(2)
    const stopped = worker.stop()
    gate.resolve()
    await stopped
    await draining
    expect(calls).toBe(2)
    const rows = await t.app.mednanny.db.read((tx) => listInbox(tx, { limit: 100 }))
    const waiting = rows.filter((r) => r.status === 'pending')
    expect(waiting).toHaveLength(18)
    expect(waiting.every((r) => r.attempts === 0)).toBe(true)
  })

  it('retries a failing message with growing delays, then parks it as dead, tells the sender, and logs it', async () => {
    const explode: Stage = {
      name: 'explode',
      async handle({ text }) {
        if (text === 'crash please') throw new Error('the gate fell over')
        return undefined
      },
    }
    t = await startTestApp({ deps: { gate: [explode], worker: { maxAttempts: 3 } }, env: { DEV_CONSOLE: '1' } })
    await onboardFamily(t, ANA)
    await t.sms(ANA, 'crash please')
    const delays: number[] = []
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.settle()
      const [row] = await t.app.mednanny.db.read((tx) => listInbox(tx, { limit: 1 }))
      if (attempt < 3) {
        expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'Error: the gate fell over' })
        delays.push((row?.nextAttemptAt.getTime() ?? 0) - t.clock.now().getTime())
        t.clock.advance(10 * MINUTE)
      } else {
        expect(row).toMatchObject({ status: 'dead', attempts: 3 })
      }
    }
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0)
    expect(t.inboxOf(ANA).at(-1)).toBe('Sorry — something went wrong on my side. Please try again in a minute.')
    expect(t.logs.text).toMatch(/"level":50.*"errorName":"Error".*"msg":"inbound parked as dead"/)

    const feed = (await t.app.inject({ url: '/dev/api/feed' })).json() as { dead: { attempts: number }[] }
    expect(feed.dead).toEqual([expect.objectContaining({ attempts: 3, error: 'Error: the gate fell over' })])

    // The next message in the same conversation is not blocked by the dead one.
    await t.sms(ANA, 'who am i')
    await t.settle()
    expect(t.inboxOf(ANA).at(-1)).toMatch(/You’re Ana/)
  })

  it('answers a domain rule broken by the sender with plain words and no retry', async () => {
    t = await startTestApp()
    await onboardFamily(t, ANA)
    await t.sms(ANA, 'remove Nobody')
    await t.settle()
    expect(t.inboxOf(ANA).at(-1)).toBe("I don't know anyone called Nobody in your family.")
    const [row] = await t.app.mednanny.db.read((tx) => listInbox(tx, { limit: 1 }))
    expect(row).toMatchObject({ status: 'done', attempts: 1 })
  })
})
