import { FakeTwilio } from '../tests/fakes/twilio.js'
import { ReplyTracker } from './replies.js'
import { seedFamily } from './seed.js'
import { mb, memberPhones, ms, percentile, type Row, signedInbound, spawnServer } from './support.js'

const TOTAL = 10_000
const MEMBERS = 50
const GOAL_MB = 200
const REPLY_TIMEOUT_MS = 15_000

/**
 * 10,000 `who am i` through the whole pipeline, as fast as it drains them: each of the 50 members
 * sends their next message when the reply to the last one reached the fake, so 50 are in flight.
 * RSS is the server process's own, after a full GC, before and after the traffic.
 */
export async function memory(): Promise<Row> {
  console.log(`\nmemory: ${TOTAL} messages, ${MEMBERS} in flight (one per member)`)
  const fake = await new FakeTwilio().start()
  const server = await spawnServer('mednanny', { fakeUrl: fake.url, start: true })
  const tracker = new ReplyTracker(fake)
  try {
    await seedFamily(server.url, fake, memberPhones(MEMBERS))
    tracker.listen()
    const before = await server.stats()
    const started = performance.now()
    const lost = await Promise.all(
      memberPhones(MEMBERS).map(async (phone) => {
        let missing = 0
        for (let i = 0; i < TOTAL / MEMBERS; i++) {
          const replied = tracker.nextReply(phone, REPLY_TIMEOUT_MS)
          tracker.send(server.url, phone, signedInbound(phone, 'who am i'))
          if (!(await replied)) missing++
        }
        return missing
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const after = await server.stats()

    const missing = lost.reduce((a, b) => a + b, 0)
    const ratio = after.rss / before.rss
    const met = after.rss < GOAL_MB * 1024 * 1024
    const gc = before.gc ? '' : ' (no global.gc: figures include garbage)'
    const cpuMs = after.cpuMs - before.cpuMs
    console.log(`  bare Fastify process, same runner: rss ${mb(await bareRss())} (what the runtime costs alone)`)
    console.log(`  before traffic: rss ${mb(before.rss)}  heapUsed ${mb(before.heapUsed)}${gc}`)
    console.log(`  after ${TOTAL}:   rss ${mb(after.rss)}  heapUsed ${mb(after.heapUsed)}`)
    console.log(
      `  drained in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} msg/s end to end), replies missing ${missing}`,
    )
    // Below one core means the drain rate is bounded by something other than the server's CPU.
    console.log(
      `  server CPU ${(cpuMs / TOTAL).toFixed(2)} ms/message, ${Math.round(cpuMs / 10 / seconds)}% of one core while draining`,
    )
    // The same latency early and late shows whether growing tables slow the pipeline down.
    for (const [label, part] of [
      ['first 1000', tracker.latencies.slice(0, 1000)],
      ['last 1000', tracker.latencies.slice(-1000)],
    ] as const) {
      const sorted = [...part].sort((a, b) => a - b)
      console.log(`  round trip, ${label}: p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}`)
    }
    console.log(`  ratio rss after ÷ before: ${ratio.toFixed(2)}  goal rss < ${GOAL_MB} MB: ${met ? 'met' : 'NOT met'}`)
    return {
      scenario: 'memory',
      figure: `rss ${mb(after.rss)}, heap ${mb(after.heapUsed)}`,
      baseline: `rss ${mb(before.rss)} before traffic`,
      ratio,
      goal: `rss < ${GOAL_MB} MB`,
      met,
    }
  } finally {
    tracker.detach()
    await server.stop()
    await fake.stop()
  }
}

/** RSS of a bare Fastify server started the same way (the compiled bench server, --expose-gc; support.ts). */
async function bareRss(): Promise<number> {
  const bare = await spawnServer('baseline-ingest')
  try {
    return (await bare.stats()).rss
  } finally {
    await bare.stop()
  }
}
