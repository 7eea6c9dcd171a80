import { describe, expect, it } from 'vitest'
import { Batcher } from '../../src/lib/batcher.js'

describe('Batcher (group commit)', () => {
  it('flushes everything pushed in one turn as one batch, each caller getting its own result', async () => {
    const batches: number[][] = []
    const b = new Batcher(async (items: number[]) => {
      batches.push(items)
      return items.map((i) => i * 10)
    })
    const results = await Promise.all([1, 2, 3].map((i) => b.push(i)))
    expect(results).toEqual([10, 20, 30])
    expect(batches).toEqual([[1, 2, 3]])
  })

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = []
    const b = new Batcher(async (items: number[]) => {
      sizes.push(items.length)
      return items
    }, 4)
    await Promise.all(Array.from({ length: 10 }, (_, i) => b.push(i)))
    expect(sizes).toEqual([4, 4, 2])
  })

  it('retries each item alone when a batch fails, so only the bad item’s caller sees the error', async () => {
    const b = new Batcher(async (items: string[]) => {
      if (items.includes('bad')) throw new Error('constraint failed')
      return items.map((s) => s.toUpperCase())
    })
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((s) => b.push(s)))
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('constraint failed') },
      { status: 'fulfilled', value: 'C' },
    ])
  })
})
