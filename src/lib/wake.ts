/**
 * A reusable "something changed" signal: `next()` is a promise that settles at the following `fire()`.
 * A drain loop that waits for its in-flight work races it against `next()`, so new work is claimed at
 * once into free slots instead of waiting for an unrelated delivery to finish.
 */
export class Wake {
  private pending: { promise: Promise<void>; resolve: () => void } | undefined

  next(): Promise<void> {
    if (!this.pending) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => {
        resolve = r
      })
      this.pending = { promise, resolve }
    }
    return this.pending.promise
  }

  fire(): void {
    const p = this.pending
    this.pending = undefined
    p?.resolve()
  }
}
