import { afterEach, describe, expect, it } from 'vitest'
import { predictionInputs } from '../../../src/domain/cycles/record.js'
import { cyclePeriods } from '../../../src/domain/cycles/schema.js'
import { cycleTools } from '../../../src/domain/cycles/tools.js'
import { runTool, type Tool } from '../../../src/domain/tools.js'
import { ManualClock } from '../../../src/lib/clock.js'
import { joinedMember, ownerOfNewFamily } from '../../support/family.js'
import { tempDb } from '../../support/harness.js'

let cleanup = () => {}
afterEach(() => cleanup())

async function jane() {
  const temp = tempDb()
  cleanup = temp.cleanup
  const clock = new ManualClock('2026-03-20T15:00:00Z')
  const ana = await ownerOfNewFamily(temp.db, clock.now())
  const me = await joinedMember(temp.db, clock.now(), ana, { role: 'member', phone: '+15551230002', name: 'Jane' })
  const start = cycleTools.find((t) => t.name === 'log_period_start') as Tool
  const log = (date: string) => temp.db.transaction((tx) => runTool(start, { tx, actor: me, clock }, { date }))
  const starts = async () => (await temp.db.read((tx) => tx.select().from(cyclePeriods))).map((p) => p.startDate).sort()
  return { log, starts }
}

describe('logging a period start', () => {
  it('moves the nearest start, and the same start again changes nothing (no duplicate, no crash)', async () => {
    const { log, starts } = await jane()
    await log('2026-03-01')
    await log('2026-03-12')
    await log('2026-03-05') // nearer 1 March (4 days) than 12 March (7 days): moves 1 → 5
    expect(await starts()).toEqual(['2026-03-05', '2026-03-12'])
    await log('2026-03-12')
    expect(await starts()).toEqual(['2026-03-05', '2026-03-12'])
    await log('2026-03-10') // nearer 12 March (2 days) than 5 March (5 days)
    expect(await starts()).toEqual(['2026-03-05', '2026-03-10'])
  })

  it('refuses a date that does not exist, such as 30 February', async () => {
    const { log, starts } = await jane()
    await expect(log('2026-02-30')).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await starts()).toEqual([])
  })
})

describe('a disturbed temperature', () => {
  it('is kept and shown, and left out of what predictions read', async () => {
    const temp = tempDb()
    cleanup = temp.cleanup
    const clock = new ManualClock('2026-03-20T15:00:00Z')
    const ana = await ownerOfNewFamily(temp.db, clock.now())
    const me = await joinedMember(temp.db, clock.now(), ana, { role: 'member', phone: '+15551230002', name: 'Jane' })
    const tool = (name: string) => cycleTools.find((t) => t.name === name) as Tool
    const run = (name: string, input: object) =>
      temp.db.transaction((tx) => runTool(tool(name), { tx, actor: me, clock }, input))
    await run('log_period_start', { date: '2026-03-10' })
    await run('log_cycle_day', { date: '2026-03-18', bbt: 36.4 })
    await run('log_cycle_day', { date: '2026-03-19', bbt: 36.95, bbtDisturbed: true })
    await run('log_cycle_day', { date: '2026-03-20', bbt: 36.45 })
    const inputs = await temp.db.read((tx) => predictionInputs(tx, me.memberId))
    expect(inputs.bbt.map((r) => r.date)).toEqual(['2026-03-18', '2026-03-20'])
    // A day's last entry is that day's: a typo corrected by a disturbed reading does not come back, and a
    // reading marked disturbed afterwards is left out.
    await run('log_cycle_day', { date: '2026-03-17', bbt: 39.6 })
    await run('log_cycle_day', { date: '2026-03-17', bbt: 36.9, bbtDisturbed: true })
    await run('log_cycle_day', { date: '2026-03-18', bbt: 36.4, bbtDisturbed: true })
    const again = await temp.db.read((tx) => predictionInputs(tx, me.memberId))
    expect(again.bbt).toEqual([{ date: '2026-03-20', c: 36.45 }])
    const history = (await run('cycle_history', {})) as { days: { date: string; bbtDisturbed: boolean }[] }
    expect(history.days.map((d) => [d.date, d.bbtDisturbed])).toEqual([
      ['2026-03-20', false],
      ['2026-03-19', true],
      ['2026-03-18', true],
      ['2026-03-18', false],
      ['2026-03-17', true],
      ['2026-03-17', false],
    ])
  })
})
