import type { Logger } from 'pino'
import type { Channel } from '../domain/families/schema.js'
import { claimInbox, failInbox, type InboxRow, LeaseLostError, releaseInbox } from '../domain/inbox/service.js'
import { enqueueOutbox } from '../domain/outbox/service.js'
import { backoffDelayMs } from '../lib/backoff.js'
import { Loop } from '../lib/loop.js'
import { Wake } from '../lib/wake.js'
import { handleMessage, type PipelineDeps, replyAddress } from './handle.js'
import { GENERIC_FAILURE } from './replies.js'

export interface InboxWorkerOptions {
  /** Conversations handled at once. */
  concurrency?: number
  /** How long a claim lasts; a crashed worker's messages are taken over after it. */
  leaseMs?: number
  /** Attempts before a message is parked as dead. */
  maxAttempts?: number
  /** How often to look for due retries when nothing wakes the worker. */
  pollMs?: number
  /** Called after each message is finished (its replies are in the outbox). */
  onHandled?: () => void
}

/**
 * Drains the inbox: serial per conversation, parallel across conversations, resumable after a restart
 * (a claim is a lease in the database), with backoff for failures and a dead state after the last one.
 */
export class InboxWorker {
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly busy = new Set<string>()
  private readonly loop: Loop
  private readonly wake = new Wake()
  private readonly concurrency: number
  private readonly leaseMs: number
  private readonly maxAttempts: number
  private readonly onHandled: () => void

  constructor(
    private readonly deps: PipelineDeps,
    opts: InboxWorkerOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 8
    this.leaseMs = opts.leaseMs ?? 120_000
    this.maxAttempts = opts.maxAttempts ?? 5
    this.onHandled = opts.onHandled ?? (() => {})
    this.loop = new Loop(() => this.drain(), opts.pollMs ?? 1_000, deps.log)
  }

  start(): void {
    this.loop.start()
  }

  /** Wake up now (a message was just accepted). */
  notify(): void {
    this.loop.wake()
    this.wake.fire()
  }

  /** Handles everything due now, and returns how many messages it finished. */
  async drain(): Promise<number> {
    let handled = 0
    for (;;) {
      // Stopping: take nothing new, let the messages in hand finish (stop() waits for them).
      if (this.loop.stopping) {
        await Promise.allSettled(this.inFlight.values())
        return handled
      }
      const rows = await this.deps.db.transaction((tx) =>
        claimInbox(tx, this.deps.clock.now(), {
          limit: this.concurrency - this.inFlight.size,
          leaseMs: this.leaseMs,
          busyConversations: this.busy,
        }),
      )
      for (const row of rows) this.spawn(row, () => handled++)
      if (this.inFlight.size === 0) return handled
      // Wait for a slot to free up, or for new work to arrive (a notify while others are in flight).
      await Promise.race([...this.inFlight.values(), this.wake.next()])
    }
  }

  /** Stops taking work, waits for messages in hand, and hands back any claimed but unstarted. */
  async stop(): Promise<void> {
    await this.loop.stop()
    await Promise.allSettled(this.inFlight.values())
  }

  private spawn(row: InboxRow, onDone: () => void) {
    this.busy.add(row.conversationKey)
    const work = this.process(row)
      .then(onDone)
      .finally(() => {
        this.onHandled()
        this.inFlight.delete(row.id)
        this.busy.delete(row.conversationKey)
      })
    this.inFlight.set(row.id, work)
  }

  private async process(row: InboxRow): Promise<void> {
    const log = this.deps.log.child({ inboxId: row.id, channel: row.channel, attempt: row.attempts })
    const started = performance.now()
    try {
      if (this.loop.stopping) {
        await this.deps.db.transaction((tx) => releaseInbox(tx, this.deps.clock.now(), [row.id]))
        return
      }
      const route = await handleMessage({ ...this.deps, log }, row)
      log.info({ route, ms: Math.round(performance.now() - started) }, 'inbound handled')
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // Took longer than the lease and another worker has it now: they answer, we drop ours.
        log.warn({ ms: Math.round(performance.now() - started) }, 'inbound lease lost; work discarded')
        return
      }
      await this.fail(row, err, log)
    }
  }

  private async fail(row: InboxRow, err: unknown, log: Logger) {
    const now = this.deps.clock.now()
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    const last = row.attempts >= this.maxAttempts
    const retryAt = last ? undefined : new Date(now.getTime() + backoffDelayMs(row.attempts))
    await this.deps.db.transaction(async (tx) => {
      await failInbox(tx, now, row.id, { error, retryAt })
      if (last) {
        // Parked, never silently dropped: the sender hears that we failed, the console shows the row.
        await enqueueOutbox(tx, now, {
          idempotencyKey: `reply:${row.id}:failed`,
          channel: row.channel as Channel,
          toAddress: replyAddress(row),
          body: GENERIC_FAILURE,
          kind: 'reply',
          inReplyTo: row.id,
        })
      }
    })
    if (last) log.error({ errorName: (err as Error)?.name, attempts: row.attempts }, 'inbound parked as dead')
    else log.warn({ errorName: (err as Error)?.name, retryAt }, 'inbound failed; will retry')
  }
}
