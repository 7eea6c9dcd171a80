/**
 * Recorded allergies against the medicines in the record (docs/decisions/0036-allergy-checks.md). The
 * red-flag gate reads acetaminophen, ibuprofen and aspirin in a message (DOSE-ALLERGY); these are the
 * checks for everything else: a medication plan being added, and any dose logged that the gate did not
 * already judge (an antibiotic, "morning meds", a dose the agent logs). A match is a warning and, for a
 * dose, an alert to the parents — never a refusal: a doctor may have prescribed it knowing the allergy.
 */
import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { alertRecipients } from '../families/queries.js'
import { allergiesOf } from '../medical/service.js'
import { enqueueToMember } from '../outbox/service.js'
import { type AllergyConflict, allergyConflict, allergyText } from '../safety/allergy.js'
import { allergyAdvice } from '../safety/dose.js'
import type { GateFinding } from '../safety/types.js'
import { doses } from './schema.js'

async function conflictFor(
  tx: Tx,
  actor: ActorContext,
  dependentId: string,
  drug: string,
): Promise<AllergyConflict | undefined> {
  return allergyConflict(drug, await allergiesOf(tx, actor, dependentId))
}

const onRecord = (name: string, c: AllergyConflict) =>
  `⚠️ ${name} has an allergy to ${allergyText(c.allergy)} on record${c.why ? ` (${c.why})` : ''}.`

/** A plan being added: "⚠️ Maya has an allergy to penicillin on record (…). Check … before giving it." */
export async function planAllergyWarning(
  tx: Tx,
  actor: ActorContext,
  dependent: { id: string; name: string },
  drug: string,
): Promise<string | undefined> {
  const c = await conflictFor(tx, actor, dependent.id, drug)
  return c ? `${onRecord(dependent.name, c)} Check with the doctor or pharmacist before giving ${drug}.` : undefined
}

/**
 * A dose just logged: when a recorded allergy rules it out and the gate has not already said so for
 * this dose, the dose is flagged (DOSE-ALLERGY) and the parents are alerted, urgently, as the gate alerts
 * for a dose it blocks. Returns the warning for whoever logged it (what to watch for, when to call) and
 * how many were told.
 */
export async function checkLoggedDose(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dose: { id: string; drugKey: string; drugName: string },
  dependent: { id: string; name: string },
  gateFindings: readonly GateFinding[] = [],
): Promise<{ warning: string; told: number } | undefined> {
  const judged = gateFindings.some(
    (f) => f.ruleId === 'DOSE-ALLERGY' && f.dependentId === dependent.id && f.details?.drug === dose.drugKey,
  )
  if (judged) return undefined
  const c = await conflictFor(tx, actor, dependent.id, dose.drugKey)
  if (!c) return undefined
  await tx.update(doses).set({ flagged: true, flagRule: 'DOSE-ALLERGY' }).where(eq(doses.id, dose.id))
  const parents = await alertRecipients(tx, actor, { emergency: false })
  const stated = onRecord(dependent.name, c).replace(/^⚠️ /, '')
  for (const member of parents) {
    await enqueueToMember(tx, now, {
      idempotencyKey: `alert:dose:${dose.id}:${member.id}`,
      memberId: member.id,
      familyId: actor.familyId,
      kind: 'alert',
      urgent: true,
      body: `${dependent.name}: ${dose.drugName} was given. ${stated}`,
    })
  }
  return { warning: `${onRecord(dependent.name, c)}${allergyAdvice(actor.locale)}`, told: parents.length }
}
