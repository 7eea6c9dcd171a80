/** The only way code asks what time it is, so tests can move time instead of waiting for it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until told to move; for tests and benches. */
export class ManualClock implements Clock {
  private ms: number
  constructor(start: Date | string | number = '2026-01-15T12:00:00Z') {
    this.ms = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.ms)
  }
  advance(ms: number): Date {
    this.ms += ms
    return this.now()
  }
  set(to: Date | string | number): void {
    this.ms = new Date(to).getTime()
  }
}
