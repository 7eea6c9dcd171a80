import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { doses } from '../../src/domain/medications/schema.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

/** A clock that moves 1 ms each time it is read, like a real one: nothing may rely on two reads agreeing. */
class TickingClock extends ManualClock {
  override now(): Date {
    const t = super.now()
    this.set(t.getTime() + 1)
    return t
  }
}

const ANA = '+15551230001' // owner (New York)
const BEN = '+15551230002' // a parent
const MARIA = '+15551230003' // the nanny, on WhatsApp
let t: TestApp

async function say(from: string, body: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<string[]> {
  const before = t.inboxOf(from).length
  await (channel === 'sms' ? t.sms(from, body) : t.whatsapp(from, body))
  await t.settle()
  return t.inboxOf(from).slice(before)
}

beforeEach(async () => {
  t = await startTestApp({ clock: new TickingClock() })
  t.clock.set('2026-11-18T21:10:00Z') // Wednesday 4:10 pm in New York
  await onboardFamily(t, ANA)
  await say(ANA, 'add Ben +1 555 123 0002 as parent')
  await say(BEN, 'yes')
  await say(ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(MARIA, 'yes', 'whatsapp')
})
afterEach(async () => {
  await t.close()
})

describe('the family record by text', () => {
  it('adds a child by chat and logs a bottle with its time and the day’s total', async () => {
    expect((await say(ANA, 'add Maya, born Sept 20, 5.1 kg'))[0]).toMatch(/^Added Maya \(born Sep 20, 2026, 5\.1 kg\)/)
    expect((await say(MARIA, 'fed 120ml at 3', 'whatsapp'))[0]).toBe(
      'Logged: Maya, bottle 4.1 oz (120 ml) at 3:00 PM. Today: 4.1 oz (120 ml) in 1 feed.',
    )
    expect((await say(BEN, 'when did she last eat?'))[0]).toMatch(/^Maya last ate at 3:00 PM \(1 h 10 min ago\)/)
  })

  it('asks which child when it is not clear, and finishes the log with the answer', async () => {
    await say(ANA, 'add Maya, born Sept 20')
    await say(ANA, 'add Leo, born 2023-03-02')
    expect(await say(MARIA, 'she’s asleep', 'whatsapp')).toEqual([
      'Which child — Maya or Leo? I’ll record it when you answer.',
    ])
    expect((await say(MARIA, 'Maya', 'whatsapp'))[0]).toBe('Logged: Maya asleep since 4:10 PM.')
  })

  it('answers an infant fever urgently, alerts the other parent, and still records the reading', async () => {
    await say(ANA, 'add Maya, born Sept 20')
    const replies = await say(MARIA, 'temp 38.4', 'whatsapp')
    expect(replies.join('\n')).toMatch(/pediatrician|doctor/i)
    expect(replies.join('\n')).toMatch(/Logged: Maya, 38\.4 °C/)
    const alerts = [...t.inboxOf(ANA), ...t.inboxOf(BEN)].filter((m) => /38\.4/.test(m))
    expect(alerts.length).toBe(2)
  })

  it('still warns and alerts when the sender may not record (a viewer reporting an infant fever)', async () => {
    await say(ANA, 'add Maya, born Sept 20')
    await say(ANA, 'add Gran +1 555 123 0009 as viewer')
    await say('+15551230009', 'yes')
    const replies = (await say('+15551230009', 'temp 38.4')).join('\n')
    expect(replies).toMatch(/pediatrician|doctor/i)
    expect(replies).toMatch(/Not recorded: Your role in this family doesn’t allow that/)
    expect(t.inboxOf(BEN).at(-1)).toMatch(/38\.4/)
  })

  it('runs the dose guard on a dose finished by answering “Which child?”, and names the right child', async () => {
    await say(ANA, 'add Maya, born 2026-05-01, 7 kg')
    await say(ANA, 'add Leo, born 2023-03-02, 15 kg')
    t.clock.set('2026-11-18T18:00:00Z') // 1:00 pm
    await say(MARIA, 'gave Leo tylenol 5ml', 'whatsapp')
    t.clock.set('2026-11-18T20:00:00Z') // 3:00 pm
    // Unnamed, the guard checks every child (Maya, at 7 kg, would be over 15 mg/kg) and asks which one.
    expect((await say(ANA, 'gave tylenol 5ml')).join('\n')).toMatch(/Which child — Maya or Leo\?/)
    const replies = (await say(ANA, 'it was Leo')).join('\n')
    expect(replies).toMatch(/too soon/i)
    expect(replies).toMatch(/Logged: Leo, tylenol 5 ml/)
    expect(t.inboxOf(BEN).at(-1)).toMatch(/^Leo/)
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(doses))
    expect(rows.map((d) => d.flagged)).toEqual([false, true])
  })

  it('undoes a dose when the dose was the sender’s last entry, not the feed before it', async () => {
    await say(ANA, 'add Leo, born 2023-03-02, 15 kg')
    await say(MARIA, 'fed Leo 120ml', 'whatsapp')
    await say(MARIA, 'gave Leo tylenol 5ml', 'whatsapp')
    expect((await say(MARIA, 'undo', 'whatsapp'))[0]).toBe('Undone: your last dose entry.')
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(doses))
    expect(rows.every((d) => d.deletedAt !== null)).toBe(true)
    expect((await say(ANA, 'when did leo last eat?'))[0]).toMatch(/^Leo last ate at/)
  })

  it('stops a second acetaminophen dose given too soon by another caregiver, on another channel', async () => {
    await say(ANA, 'add Leo, born 2023-03-02, 15 kg')
    t.clock.set('2026-11-18T18:00:00Z') // 1:00 pm
    expect((await say(MARIA, 'gave Leo tylenol 5ml', 'whatsapp'))[0]).toMatch(/^Logged: Leo, tylenol 5 ml at 1:00 PM/)
    t.clock.set('2026-11-18T20:00:00Z') // 3:00 pm: two hours later
    const warning = (await say(ANA, 'gave leo tylenol 5 ml')).join('\n')
    expect(warning).toMatch(/4 h|too soon|wait/i)
    expect(warning).toMatch(/Logged: Leo, tylenol 5 ml/) // recorded as reported, never lost
    expect(t.inboxOf(BEN).at(-1)).toMatch(/Leo/)
    const asked = (await say(BEN, 'can leo have more tylenol?')).join('\n')
    expect(asked).not.toMatch(/can have tylenol now/)
  })
})
