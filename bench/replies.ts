import type { FakeTwilio, FakeTwilioMessage } from '../tests/fakes/twilio.js'
import { postWebhook, type SignedRequest, sleep } from './support.js'

/**
 * Pairs each reply the fake Twilio receives with the message that caused it. Each sender gets one
 * reply per message, in order (the app handles a conversation serially), so a FIFO per phone is enough.
 */
export class ReplyTracker {
  /** Milliseconds from just before each POST to the fake receiving its reply, in arrival order. */
  readonly latencies: number[] = []
  unmatched = 0
  /** POSTs that did not get a 200: no reply will come for them. */
  rejected = 0
  private readonly sentAt = new Map<string, number[]>()
  private readonly waiters = new Map<string, () => void>()
  private pending: Promise<void>[] = []

  constructor(private readonly fake: FakeTwilio) {
    this.listen()
  }

  /** Takes over the fake's message hook (after something else, such as seeding, had it). */
  listen(): void {
    this.fake.onMessage = (m) => this.onReply(m)
  }

  /** Sends one webhook without waiting for anything; the reply is matched when it arrives. */
  send(baseUrl: string, phone: string, r: SignedRequest): void {
    const queue = this.sentAt.get(phone) ?? []
    this.sentAt.set(phone, queue)
    queue.push(performance.now())
    const post = postWebhook(baseUrl, r).then(
      (status) => {
        if (status !== 200) this.rejected++
      },
      () => {
        this.rejected++
      },
    )
    this.pending.push(post)
  }

  /** Resolves true at the next reply to `phone`, false after `timeoutMs`; register before sending. */
  nextReply(phone: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(phone)
        resolve(false)
      }, timeoutMs)
      this.waiters.set(phone, () => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  /** Waits until `count` replies arrived (all POSTs answered), or `timeoutMs` passed. */
  async settle(count: number, timeoutMs: number): Promise<void> {
    await Promise.all(this.pending)
    this.pending = []
    const until = performance.now() + timeoutMs
    while (this.latencies.length < count - this.rejected && performance.now() < until) await sleep(5)
  }

  /** Forgets everything so far (after a warm-up). */
  reset(): void {
    this.latencies.length = 0
    this.unmatched = 0
    this.rejected = 0
    this.sentAt.clear()
  }

  detach(): void {
    this.fake.onMessage = undefined
  }

  private onReply(m: FakeTwilioMessage) {
    // The fake keeps every message; the bench needs none of them after this.
    this.fake.messages.length = 0
    const sent = this.sentAt.get(m.to)?.shift()
    if (sent === undefined) this.unmatched++
    else this.latencies.push(m.receivedAt - sent)
    const waiter = this.waiters.get(m.to)
    this.waiters.delete(m.to)
    waiter?.()
  }
}
