import { describe, expect, it } from 'vitest'
import { doseMg, regimenProblems } from '../../../src/domain/safety/regimen.js'

const twice = { kind: 'times' as const, times: ['08:00', '20:00'] }
const child = { name: 'Leo', ageDays: 3 * 365, weightKg: 14 }
const ids = (p: { ruleId: string }[]) => p.map((x) => x.ruleId)

describe('regimenProblems (the dose guard for a plan)', () => {
  it('passes an ordinary antibiotic, whatever its schedule', () => {
    expect(regimenProblems({ name: 'Amoxicillin', schedule: twice }, child, 'en-US')).toEqual([])
  })

  it('passes children’s acetaminophen every 6 hours at a dose under 15 mg/kg', () => {
    const plan = {
      name: 'Tylenol',
      strength: '160 mg/5 mL',
      doseAmount: 5,
      doseUnit: 'ml',
      schedule: { kind: 'times' as const, times: ['02:00', '08:00', '14:00', '20:00'] },
    }
    expect(regimenProblems(plan, child, 'en-US')).toEqual([])
  })

  it('blocks ibuprofen reminders under 6 months (DOSE-IBU-AGE)', () => {
    expect(ids(regimenProblems({ name: 'Motrin', schedule: twice }, { name: 'Maya', ageDays: 120 }, 'en-US'))).toEqual([
      'DOSE-IBU-AGE',
    ])
  })

  it('blocks acetaminophen times closer than 4 hours, counting around midnight (DOSE-APAP-INTERVAL)', () => {
    const close = { name: 'acetaminophen', schedule: { kind: 'times' as const, times: ['08:00', '10:00'] } }
    expect(ids(regimenProblems(close, child, 'en-US'))).toEqual(['DOSE-APAP-INTERVAL'])
    const acrossMidnight = {
      name: 'acetaminophen',
      schedule: { kind: 'times' as const, times: ['01:00', '12:00', '23:00'] },
    }
    expect(ids(regimenProblems(acrossMidnight, child, 'en-US'))).toEqual(['DOSE-APAP-INTERVAL'])
  })

  it('blocks more ibuprofen doses a day than the limit, by times or by interval (DOSE-IBU-MAX24)', () => {
    const five = ['00:00', '06:00', '12:00', '18:00', '23:59'].sort()
    expect(ids(regimenProblems({ name: 'Advil', schedule: { kind: 'times', times: five } }, child, 'en-US'))).toContain(
      'DOSE-IBU-MAX24',
    )
    expect(
      ids(
        regimenProblems({ name: 'Advil', schedule: { kind: 'interval', hours: 4, asNeeded: false } }, child, 'en-US'),
      ),
    ).toEqual(['DOSE-IBU-INTERVAL', 'DOSE-IBU-MAX24'])
  })

  it('blocks a single dose over 15 mg/kg from the strength and the mL (DOSE-APAP-MGKG)', () => {
    const plan = { name: 'Tylenol', strength: '160 mg/5 mL', doseAmount: 10, doseUnit: 'ml', schedule: twice }
    const [problem] = regimenProblems(plan, child, 'en-US')
    expect(problem).toEqual({ ruleId: 'DOSE-APAP-MGKG', text: '320 mg is more than 15 mg/kg for 14 kg.' })
  })

  it('counts tablets by the strength per tablet: 2 × 325 mg for a 14 kg child is over 15 mg/kg (DOSE-APAP-MGKG)', () => {
    const plan = { name: 'Acetaminophen', strength: '325 mg', doseAmount: 2, doseUnit: 'tablet', schedule: twice }
    expect(ids(regimenProblems(plan, child, 'en-US'))).toContain('DOSE-APAP-MGKG')
    expect(doseMg(plan)).toBe(650)
    expect(doseMg({ ...plan, strength: '160 mg/5 mL' })).toBeUndefined() // a liquid's strength is not per tablet
  })

  it('blocks aspirin for a child and leaves an adult’s daily aspirin alone (DOSE-NO-ASPIRIN)', () => {
    expect(ids(regimenProblems({ name: 'Baby Aspirin', schedule: twice }, child, 'en-US'))).toEqual(['DOSE-NO-ASPIRIN'])
    expect(
      regimenProblems({ name: 'Aspirin', schedule: twice }, { name: 'Grandpa', ageDays: 75 * 365 }, 'en-US'),
    ).toEqual([])
  })

  it('uses the NHS count for en-GB families: four paracetamol doses a day, not five', () => {
    const five = { kind: 'interval' as const, hours: 4.8, asNeeded: false }
    expect(ids(regimenProblems({ name: 'Calpol', schedule: five }, child, 'en-GB'))).toEqual(['DOSE-APAP-MAX24'])
    expect(regimenProblems({ name: 'Calpol', schedule: five }, child, 'en-US')).toEqual([])
  })
})
