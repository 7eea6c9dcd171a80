import type { Logger } from 'pino'
import type { Db } from '../db/client.js'
import {
  claimDueOutbox,
  failOutbox,
  failOutsideWindow,
  markOutboxOptedOut,
  markOutboxRetry,
  markOutboxSent,
  type OutboxRow,
} from '../domain/outbox/service.js'
import { backoffDelayMs } from '../lib/backoff.js'
import type { Clock } from '../lib/clock.js'
import { Loop } from '../lib/loop.js'
import { Wake } from '../lib/wake.js'
import type { ChannelSender, SendResult } from './types.js'

export interface OutboxSenderOptions {
  /** Open provider requests per channel. Twilio queues what it accepts and paces it per sender number, so this
   * bounds our HTTP concurrency, not the carrier rate; an SOS fan-out to a dozen contacts goes out at once. */
  concurrency?: Partial<Record<string, number>>
  maxAttempts?: number
  /** A delivery taking longer than this is abandoned and retried. */
  sendTimeoutMs?: number
  leaseMs?: number
  pollMs?: number
  backoff?: { baseMs?: number; capMs?: number; random?: () => number }
  /** Set when WhatsApp's 24-hour window applies (Twilio): the approved template to use outside it, if any. */
  whatsapp?: { templateId?: string }
}

/**
 * Delivers the outbox: claims due rows, sends each through its channel's sender outside any
 * transaction, and records the outcome: sent, retry later (exponential backoff with jitter), or
 * failed after the last attempt, which falls back to the member's next channel.
 */
export class OutboxSender {
  private readonly loop: Loop
  private readonly wake = new Wake()
  private readonly inFlight = new Set<Promise<void>>()
  private readonly o: Required<Omit<OutboxSenderOptions, 'backoff' | 'whatsapp'>> &
    Pick<OutboxSenderOptions, 'backoff' | 'whatsapp'>

  constructor(
    private readonly deps: { db: Db; clock: Clock; log: Logger; senders: Partial<Record<string, ChannelSender>> },
    opts: OutboxSenderOptions = {},
  ) {
    this.o = {
      concurrency: { sms: 10, whatsapp: 10, slack: 4, console: 10, ...opts.concurrency },
      maxAttempts: opts.maxAttempts ?? 6,
      sendTimeoutMs: opts.sendTimeoutMs ?? 15_000,
      leaseMs: opts.leaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 500,
      backoff: opts.backoff,
      whatsapp: opts.whatsapp,
    }
    this.loop = new Loop(() => this.drain(), this.o.pollMs, deps.log)
  }

  start(): void {
    this.loop.start()
  }

  notify(): void {
    this.loop.wake()
    this.wake.fire()
  }

  async stop(): Promise<void> {
    await this.loop.stop()
    await Promise.allSettled(this.inFlight)
  }

  /** Sends everything due now; returns the number of attempts made. */
  async drain(): Promise<number> {
    let attempts = 0
    for (;;) {
      // Stopping: claim nothing new; deliveries in flight finish (stop() waits for them).
      if (this.loop.stopping) {
        await Promise.allSettled(this.inFlight)
        return attempts
      }
      const rows = await this.deps.db.transaction((tx) =>
        claimDueOutbox(tx, this.deps.clock.now(), {
          limits: this.o.concurrency,
          leaseMs: this.o.leaseMs,
          whatsapp: this.o.whatsapp,
        }),
      )
      for (const row of rows) {
        attempts++
        const p = this.deliver(row).finally(() => this.inFlight.delete(p))
        this.inFlight.add(p)
      }
      if (this.inFlight.size === 0) return attempts
      // Wait for a slot to free up, or for new rows (a notify while others are being delivered).
      await Promise.race([...this.inFlight, this.wake.next()])
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const log = this.deps.log.child({ outboxId: row.id, channel: row.channel, kind: row.kind, attempt: row.attempts })
    const sender = this.deps.senders[row.channel]
    const result: SendResult = sender
      ? await this.withTimeout(sender, row)
      : { status: 'failed', code: 'no_sender', message: `no sender configured for ${row.channel}` }
    const now = this.deps.clock.now()
    await this.deps.db.transaction(async (tx) => {
      if (result.status === 'sent') {
        await markOutboxSent(tx, now, row.id, result.providerMessageId, result.delivered)
      } else if (result.status === 'opted_out') {
        await markOutboxOptedOut(tx, now, row, result)
      } else if (result.status === 'window_closed') {
        const fallbackId = await failOutsideWindow(tx, now, row, result, { templateId: this.o.whatsapp?.templateId })
        log.info({ code: result.code, fallbackId }, 'outbound outside the WhatsApp window')
      } else if (result.status === 'retry' && row.attempts < this.o.maxAttempts) {
        const delay = Math.max(result.retryAfterMs ?? 0, backoffDelayMs(row.attempts, this.o.backoff))
        await markOutboxRetry(tx, now, row.id, new Date(now.getTime() + delay), result)
      } else {
        const fallbackId = await failOutbox(tx, now, row, { code: result.code, message: result.message })
        log.warn({ code: result.code, fallbackId }, 'outbound failed')
      }
    })
    if (result.status === 'sent') log.info('outbound sent')
    else if (result.status === 'retry') log.warn({ code: result.code }, 'outbound attempt failed')
    else if (result.status === 'opted_out') log.info({ code: result.code }, 'outbound refused: recipient opted out')
  }

  private async withTimeout(sender: ChannelSender, row: OutboxRow): Promise<SendResult> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<SendResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'retry', code: 'timeout', message: `no answer in ${this.o.sendTimeoutMs} ms` }),
        this.o.sendTimeoutMs,
      )
    })
    try {
      return await Promise.race([
        sender.send(row).catch(
          (err: unknown): SendResult => ({
            status: 'retry',
            code: 'sender_error',
            message: err instanceof Error ? err.message : String(err),
          }),
        ),
        timeout,
      ])
    } finally {
      clearTimeout(timer)
    }
  }
}
