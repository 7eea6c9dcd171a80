import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York
const MARIA = '+15551230003' // the nanny
let t: TestApp

const say = (from: string, body: string) => t.say(from, body)

beforeEach(async () => {
  // Thursday 5 March 2026, 10:00 am in New York.
  t = await startTestApp({ clock: new ManualClock('2026-03-05T15:00:00Z') })
  await onboardFamily(t, ANA)
  await say(ANA, 'add Sam, born 2023-01-10, 14 kg')
  await say(ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(MARIA, 'yes')
})
afterEach(async () => {
  await t.close()
})

const TAIL = 'It is on the visit summary, and I’ll warn anyone who logs or asks about a medicine it rules out.'
const ANAPHYLAXIS =
  'Watch for hives, swelling of the lips, face or tongue, wheezing or trouble breathing: if you see any, call 911 now.'

describe('allergies by chat, and the medicines they rule out', () => {
  it('a parent records allergies in plain words; said again, it is the same one, with what is new', async () => {
    expect(await say(ANA, 'Sam is allergic to penicillin (hives)')).toEqual([
      `Recorded: Sam has an allergy to penicillin (hives).\n${TAIL}`,
    ])
    expect(await say(ANA, 'Sam is allergic to penicillin')).toEqual([
      `Already on record: Sam has an allergy to penicillin (hives).\n${TAIL}`,
    ])
    expect(await say(ANA, 'Sam is severely allergic to penicillin')).toEqual([
      `Updated: Sam has a severe allergy to penicillin (hives).\n${TAIL}`,
    ])
    expect(await say(ANA, 'Sam is allergic to peanuts and eggs')).toEqual([
      `Recorded: Sam has an allergy to peanuts.\nRecorded: Sam has an allergy to eggs.\n${TAIL}`,
    ])
    expect(await say(ANA, 'Sam allergies?')).toEqual(['Sam is allergic to penicillin (hives), peanuts and eggs.'])
  })

  it('a question, a dose, or someone not in the record is not recorded as an allergy', async () => {
    for (const text of [
      'Is Sam allergic to penicillin?',
      'Mom is allergic to cats',
      'Sam is allergic to penicillin?',
      'Sam is allergic to ibuprofen, can I give him motrin?',
    ]) {
      expect((await say(ANA, text))[0]).not.toMatch(/^(?:Recorded|Already|Updated)/)
    }
    expect(await say(ANA, 'Sam allergies?')).toEqual(['No allergies on record for Sam.'])
  })

  it('a carer may add one (the medical record is carers’ to add to); a viewer may not', async () => {
    expect(await say(MARIA, 'Sam is allergic to latex')).toEqual([`Recorded: Sam has an allergy to latex.\n${TAIL}`])
    await say(ANA, 'add Gran +1 555 123 0005 as viewer')
    await say('+15551230005', 'yes')
    expect(await say('+15551230005', 'Sam is allergic to eggs')).toEqual([
      expect.stringMatching(/doesn’t allow that|not allowed|Only/),
    ])
    expect(await say(ANA, 'Sam allergies?')).toEqual(['Sam is allergic to latex.'])
  })

  it('a nanny asking about, then giving, a drug an allergy rules out: warned, and the parents alerted', async () => {
    await say(ANA, 'Sam is allergic to aspirin')
    const asked = await say(MARIA, 'can I give Sam motrin?')
    expect(asked).toEqual([
      expect.stringContaining(
        "Sam has an allergy to aspirin on record (ibuprofen’s label says not to use it after an allergic reaction to any other pain reliever or fever reducer). Don't give ibuprofen without a doctor's or pharmacist's OK.",
      ),
    ])
    const before = t.inboxOf(ANA).length
    const given = await say(MARIA, 'gave Sam 5 ml motrin')
    expect(given.join('\n')).toContain(ANAPHYLAXIS)
    // One alert for the dose, from the gate: the dose tool saw the gate had warned and did not repeat it.
    const alerts = t.inboxOf(ANA).slice(before)
    expect(alerts).toEqual([expect.stringMatching(/^Sam: ibuprofen was given\. Sam has an allergy to aspirin/)])
    const flagged = await t.app.mednanny.db.read(async (tx) =>
      (await tx.query.doses.findMany()).map((d) => ({ drug: d.drugKey, rule: d.flagRule })),
    )
    expect(flagged).toEqual([{ drug: 'ibuprofen', rule: 'DOSE-ALLERGY' }])
  })

  it('a misspelt allergy still counts', async () => {
    await say(ANA, 'Sam is allergic to Ibuprophen')
    expect((await say(MARIA, 'can I give Sam motrin?'))[0]).toMatch(/^Sam has an allergy to Ibuprophen on record\./)
  })

  it('an antibiotic the gate does not read (misspelt, too): logged, flagged, what to watch for, the parents told', async () => {
    await say(ANA, 'Sam is allergic to penicillin')
    const before = t.inboxOf(ANA).length
    expect(await say(MARIA, 'gave Sam amoxicilin 5 ml')).toEqual([
      expect.stringContaining(
        `⚠️ Sam has an allergy to penicillin on record (amoxicillin is a penicillin). ${ANAPHYLAXIS} Otherwise call your doctor or pharmacist. I’ve told the parents.`,
      ),
    ])
    expect(t.inboxOf(ANA).slice(before)).toEqual([
      expect.stringMatching(
        /^Sam: amoxicil+in was given\. Sam has an allergy to penicillin on record \(amoxicillin is a penicillin\)\.$/,
      ),
    ])
    const flagged = t.app.mednanny.db.read(async (tx) =>
      (await tx.query.doses.findMany()).map((d) => ({ drug: d.drugKey, flagged: d.flagged, rule: d.flagRule })),
    )
    expect(await flagged).toEqual([{ drug: 'amoxicillin', flagged: true, rule: 'DOSE-ALLERGY' }])
  })

  it('a parent logging it hears that the other parent was told', async () => {
    await say(ANA, 'Sam is allergic to penicillin')
    expect((await say(ANA, 'gave Sam amoxicillin 5 ml'))[0]).not.toMatch(/told/) // the only parent
  })

  it('a medication plan a recorded allergy rules out is added with a warning (CLI)', async () => {
    await say(ANA, 'Sam is allergic to penicillin')
    let out = ''
    let err = ''
    const code = await runCli(
      [
        'medication',
        'add',
        '--family',
        'The Garcias',
        '--for',
        'Sam',
        '--name',
        'Augmentin',
        '--dose',
        '5',
        '--unit',
        'ml',
        '--as-needed',
      ],
      {
        env: { DATABASE_PATH: t.dbPath },
        stdout: { write: (x: string) => (out += x) },
        stderr: { write: (x: string) => (err += x) },
        clock: t.clock,
      },
    )
    expect(code, err).toBe(0)
    expect(out).toMatch(/^Added Augmentin for Sam \(med_\w+\)\n/)
    expect(out).toContain(
      '⚠️ Sam has an allergy to penicillin on record (amoxicillin-clavulanate is a penicillin). Check with the doctor or pharmacist before giving Augmentin.',
    )
  })
})
