import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { latestWeight } from '../care-log/service.js'
import { ageInDays } from '../dependents/age.js'
import { dependents } from '../dependents/schema.js'
import { medicalRecord } from '../medical/service.js'
import { dosesSince, listMedications } from '../medications/service.js'
import { describeAge } from '../safety/subject.js'
import type { SosIncident } from './schema.js'

/**
 * What a responder or a paramedic needs first about the person the SOS concerns: age, weight,
 * allergies, conditions, current medications and the doses of the last 24 h. Read as the person who
 * sent the SOS (the read of the medical record is audited under their name).
 */
export async function medicalCard(
  tx: Tx,
  incident: SosIncident,
  now: Date,
  timezone: string,
): Promise<string | undefined> {
  if (!incident.dependentId) return undefined
  const [d] = await tx.select().from(dependents).where(eq(dependents.id, incident.dependentId))
  if (!d) return undefined
  const actor = { familyId: incident.familyId, memberId: incident.openedBy, timezone } as ActorContext
  const age = d.birthDate ? describeAge(ageInDays(d.birthDate, now, timezone)) : undefined
  const weight = await latestWeight(tx, actor, d.id)
  const record = await medicalRecord(tx, actor, now, d.id)
  const meds = await listMedications(tx, actor, d.id)
  const doses = (await dosesSince(tx, actor, new Date(now.getTime() - 86_400_000))).filter(
    (x) => x.dependentId === d.id,
  )
  const head = [d.name, age, weight ? `${weight.kg} kg` : undefined].filter(Boolean).join(', ')
  const list = (items: string[]) => (items.length ? items.join('; ') : 'none on record')
  return [
    `About ${head}.`,
    `Allergies: ${list(record.allergies.map((a) => (a.reaction ? `${a.substance} (${a.reaction})` : a.substance)))}.`,
    `Conditions: ${list(record.conditions.map((c) => c.name))}.`,
    `Medications: ${list(meds.map((m) => [m.name, m.strength].filter(Boolean).join(' ')))}.`,
    `Doses in the last 24 h: ${list(doses.map((x) => `${x.drugName}${x.amount ? ` ${x.amount} ${x.unit ?? ''}`.trimEnd() : ''} at ${formatLocalTime(x.at, timezone)}`))}.`,
  ].join('\n')
}
