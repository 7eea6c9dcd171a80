import type { Logger } from 'pino'

/**
 * Runs `fn` every `intervalMs`, or at once when woken, never two runs at a time. A wake during a run
 * schedules one more run right after it. Tests do not use the timer: they call the work directly.
 */
export class Loop {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined
  private again = false
  private started = false
  stopping = false

  constructor(
    private readonly fn: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly log: Pick<Logger, 'error'>,
  ) {}

  start(): void {
    this.started = true
    this.stopping = false
    this.schedule(0)
  }

  wake(): void {
    if (!this.started || this.stopping) return
    if (this.running) this.again = true
    else this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.started = false
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.tick(), ms)
    this.timer.unref()
  }

  private async tick() {
    if (this.running || this.stopping) return
    this.running = this.fn().catch((err: unknown) => {
      // By name and code only: a driver's message can quote SQL parameters (phone numbers, bodies).
      const e = err as { name?: string; code?: string }
      this.log.error({ errorName: e?.name, errorCode: e?.code }, 'background loop failed')
    })
    await this.running
    this.running = undefined
    if (this.stopping) return
    const now = this.again
    this.again = false
    this.schedule(now ? 0 : this.intervalMs)
  }
}
