/**
 * Group commit: callers hand in items one at a time, and everything handed in during one turn of the
 * event loop is flushed together (up to `maxBatch`). Each caller's promise settles with its own result.
 *
 * Used for the inbox: every webhook must be committed before it is acknowledged, and one transaction
 * for 30 webhooks costs about what one costs for one (a COMMIT dominates a small insert). Under light
 * load a batch is one item, flushed on the next `setImmediate`, so nobody waits for company.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = []
  private scheduled = false

  constructor(
    /** Handles a batch; returns one result per item, in order. */
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 256,
    /** How long the first item waits for company; 0 flushes on the next turn of the event loop. */
    private readonly windowMs = 0,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        if (this.windowMs > 0) setTimeout(() => void this.run(), this.windowMs)
        else setImmediate(() => void this.run())
      }
    })
  }

  private async run(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch)
    if (this.queue.length > 0) setImmediate(() => void this.run())
    else this.scheduled = false
    try {
      const results = await this.flush(batch.map((b) => b.item))
      for (const [i, b] of batch.entries()) b.resolve(results[i] as O)
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err)
        return
      }
      // One bad item must not fail the others: retry each alone, and only its own caller sees its error.
      await Promise.all(
        batch.map(async (b) => {
          try {
            const [result] = await this.flush([b.item])
            b.resolve(result as O)
          } catch (e) {
            b.reject(e)
          }
        }),
      )
    }
  }
}
