import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { Db } from '../db/client.js'
import { purgeConversations } from '../domain/conversation/memory.js'
import { purgeMedia } from '../domain/media/service.js'
import { purgeMessageText } from '../domain/retention/service.js'
import { type FireResult, fireDue } from '../domain/schedules/service.js'
import { escalateDue } from '../domain/sos/service.js'
import type { Clock } from '../lib/clock.js'

export interface SchedulerOptions {
  /** How often node-cron ticks; must divide 60 (node-cron's `*\/N` seconds field is uneven otherwise). */
  tickSeconds?: number
  /** Late but still worth sending: occurrences at most this old go out, saying so; older ones are missed. */
  graceMs?: number
  /** Schedules per transaction. */
  batch?: number
  /** Missed-dose nudge window (DOSE_NUDGE_MINUTES). */
  doseNudgeMs?: number
  /** Refill reminder threshold in days of supply (REFILL_REMINDER_DAYS). */
  refillDays?: number
  /** Called when a tick wrote messages, so the outbox sends them now. */
  onFired?: () => void
  /** Message text older than this many days is blanked (docs/decisions/0016); checked once an hour. */
  retentionDays?: number
}

/**
 * node-cron only ticks; what is due lives in the database (docs/decisions/0018-scheduler.md). A tick
 * fires every due schedule, a batch per transaction, until none is left. Ticks never overlap here
 * (node-cron's noOverlap and our own guard), and another process ticking the same file is safe: each
 * batch is one write transaction that advances what it fired.
 */
export class Scheduler {
  private task: ScheduledTask | undefined
  private running: Promise<FireResult> | undefined
  private readonly tickSeconds: number
  private readonly graceMs: number
  private readonly batch: number
  private lastPurge = Number.NEGATIVE_INFINITY

  constructor(
    private readonly deps: { db: Db; clock: Clock; log: Pick<Logger, 'error' | 'info'> },
    private readonly opts: SchedulerOptions = {},
  ) {
    this.tickSeconds = opts.tickSeconds ?? 5
    if (60 % this.tickSeconds !== 0) throw new Error('tickSeconds must divide 60')
    this.graceMs = opts.graceMs ?? 30 * 60_000
    this.batch = opts.batch ?? 1000
  }

  start(): void {
    if (this.task) return
    this.task = cron.schedule(`*/${this.tickSeconds} * * * * *`, () => this.tickLogged(), {
      name: 'scheduler',
      noOverlap: true,
    })
    void this.tickLogged() // catch up at start rather than a tick later
  }

  async stop(): Promise<void> {
    const task = this.task
    this.task = undefined
    if (task) await task.destroy()
    await this.running?.catch(() => undefined)
  }

  /** Fires everything due now; returns the totals. Tests call this instead of waiting for cron. */
  async tick(): Promise<FireResult> {
    if (this.running) return await this.running
    this.running = this.drain()
    try {
      return await this.running
    } finally {
      this.running = undefined
    }
  }

  private async drain(): Promise<FireResult> {
    const total: FireResult = { claimed: 0, sent: 0, late: 0, missed: 0 }
    // SOS escalations first: nobody has answered an emergency yet.
    const escalated = await this.deps.db.transaction((tx) => escalateDue(tx, this.deps.clock.now()))
    if (escalated) this.opts.onFired?.()
    for (;;) {
      const now = this.deps.clock.now()
      const { doseNudgeMs, refillDays } = this.opts
      const r = await this.deps.db.transaction((tx) =>
        fireDue(tx, now, { graceMs: this.graceMs, batch: this.batch, doseNudgeMs, refillDays }),
      )
      total.claimed += r.claimed
      total.sent += r.sent
      total.late += r.late
      total.missed += r.missed
      if (r.claimed < this.batch) break
    }
    if (total.sent || total.missed) this.opts.onFired?.()
    await this.purge()
    return total
  }

  /** Once an hour: blank the text of old, finished messages; drop old conversation memory and old charts; a batch at a time. */
  private async purge(): Promise<void> {
    const days = this.opts.retentionDays
    const now = this.deps.clock.now()
    if (days === undefined || now.getTime() - this.lastPurge < 3_600_000) return
    this.lastPurge = now.getTime()
    for (let i = 0; i < 100; i++) {
      const removed = await this.deps.db.transaction(
        async (tx) =>
          (await purgeMessageText(tx, now, days)) +
          (await purgeConversations(tx, now, days)) +
          (await purgeMedia(tx, now, days)),
      )
      if (removed === 0) return
    }
  }

  private async tickLogged(): Promise<void> {
    try {
      await this.tick()
    } catch (err) {
      // By name and code only: a driver's message can quote SQL parameters.
      const e = err as { name?: string; code?: string }
      this.deps.log.error({ errorName: e?.name, errorCode: e?.code }, 'scheduler tick failed')
    }
  }
}
