/**
 * Recorded allergies against the medicines in the record (docs/decisions/0036-allergy-checks.md). The
 * red-flag gate already reads acetaminophen, ibuprofen and aspirin in a message (DOSE-ALLERGY); these
 * are the checks for what the gate does not read: a medication plan being added, and a dose of any
 * other drug (an antibiotic) being logged. A match is a warning and, for a dose, an alert to the
 * parents — never a refusal: a doctor may have prescribed it knowing the allergy.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { alertRecipients } from '../families/queries.js'
import { allergies } from '../medical/schema.js'
import { enqueueToMember } from '../outbox/service.js'
import { allergyConflict, allergyText } from '../safety/allergy.js'
import { doses } from './schema.js'

/** Drugs whose doses the gate checks from the message's words (domain/safety/dose-parse.ts). */
const READ_BY_THE_GATE = new Set(['acetaminophen', 'ibuprofen', 'aspirin'])

/** "⚠️ Maya has an allergy to penicillin on record (amoxicillin is a penicillin)…", or undefined. */
export async function allergyWarning(
  tx: Tx,
  actor: ActorContext,
  dependent: { id: string; name: string },
  drug: string,
): Promise<string | undefined> {
  const recorded = await tx
    .select({ substance: allergies.substance, reaction: allergies.reaction })
    .from(allergies)
    .where(
      and(eq(allergies.familyId, actor.familyId), eq(allergies.dependentId, dependent.id), isNull(allergies.deletedAt)),
    )
  const conflict = allergyConflict(drug, recorded)
  if (!conflict) return undefined
  const why = conflict.why ? ` (${conflict.why})` : ''
  return `⚠️ ${dependent.name} has an allergy to ${allergyText(conflict.allergy)} on record${why}. Check with the doctor or pharmacist before giving ${drug}.`
}

/**
 * A dose just logged of a drug the gate does not read: when an allergy rules it out, the dose is
 * flagged (DOSE-ALLERGY) and the parents are alerted, urgently, as the gate alerts for a dose it
 * blocks. Returns the warning for the reply and how many were told.
 */
export async function checkLoggedDose(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dose: { id: string; drugKey: string; drugName: string },
  dependent: { id: string; name: string },
): Promise<{ warning: string; told: number } | undefined> {
  if (READ_BY_THE_GATE.has(dose.drugKey)) return undefined
  const warning = await allergyWarning(tx, actor, dependent, dose.drugName)
  if (!warning) return undefined
  await tx.update(doses).set({ flagged: true, flagRule: 'DOSE-ALLERGY' }).where(eq(doses.id, dose.id))
  const parents = await alertRecipients(tx, actor, { emergency: false })
  for (const member of parents) {
    await enqueueToMember(tx, now, {
      idempotencyKey: `alert:dose:${dose.id}:${member.id}`,
      memberId: member.id,
      familyId: actor.familyId,
      kind: 'alert',
      urgent: true,
      body: `${dependent.name}: ${dose.drugName} was given. ${warning.replace(/^⚠️ /, '')}`,
    })
  }
  return { warning, told: parents.length }
}
