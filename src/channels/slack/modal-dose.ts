import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { alertRecipients } from '../../domain/families/queries.js'
import { flagDosesJustLogged } from '../../domain/medications/service.js'
import type { OutboxPayload } from '../../domain/outbox/payload.js'
import { enqueueToMember } from '../../domain/outbox/service.js'
import { gateContext } from '../../domain/record/gate-context.js'
import { evaluateGate, type GateOutcome } from '../../domain/safety/index.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { LogEntry } from './modal-input.js'

type DoseEntry = Extract<LogEntry, { kind: 'dose' }>
type LogDose = (
  input: {
    dependent: string
    drug: string
    amount?: number
    unit?: string
    at: Date
  },
  /** What the gate said about this dose, so the tool does not repeat an allergy warning. */
  gateFindings: GateOutcome['findings'],
) => Promise<{ dependent: string; allergyWarning?: string }>

/**
 * A dose from the modal passes the same dose guard as a texted one (health-facts.md §8, the DOSE-* rules
 * in src/domain/safety): the form is read as the sentence a parent would text ("gave Leo tylenol 5 ml")
 * and checked against the record *before* it is written (the guard's history must not hold this dose).
 * As in the chat path, the dose is recorded as reported even when the guard objects, then flagged, the
 * parents are alerted, and the warning comes first in the reply, with Record anyway / Cancel. Returns
 * the replies for the submitter and their payloads.
 */
export async function guardDose(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  entry: DoseEntry,
  o: { log: LogDose; inboxId: string },
): Promise<{ replies: string[]; payloads: (OutboxPayload | undefined)[] }> {
  const { dependents, doseHistory } = await gateContext(tx, actor, now, entry.at)
  const child = dependents.find((x) => x.id === entry.dependent)
  const amount = entry.amount !== undefined ? ` ${entry.amount}${entry.unit ? ` ${entry.unit}` : ''}` : ''
  const outcome = evaluateGate({
    text: `gave ${child?.name ?? ''} ${entry.drug}${amount}`,
    now,
    locale: actor.locale,
    timeZone: actor.timezone,
    dependents,
    doseHistory,
    doseAt: entry.at,
  })
  const logged = await o.log(
    {
      dependent: entry.dependent,
      drug: entry.drug,
      at: entry.at,
      ...(entry.amount !== undefined ? { amount: entry.amount } : {}),
      ...(entry.unit ? { unit: entry.unit } : {}),
    },
    outcome.findings,
  )
  const blocked = outcome.findings.find((f) => f.tier === 'dose_blocked')
  const flagged = blocked
    ? await flagDosesJustLogged(tx, actor, now, { dependentId: blocked.dependentId, ruleId: blocked.ruleId })
    : []
  if (outcome.alertParents && outcome.alert) {
    for (const member of await alertRecipients(tx, actor, { emergency: false })) {
      await enqueueToMember(tx, now, {
        idempotencyKey: `alert:${o.inboxId}:${member.id}`,
        memberId: member.id,
        familyId: actor.familyId,
        kind: 'alert',
        urgent: true,
        body: outcome.alert,
      })
    }
  }
  const at = formatLocalTime(entry.at, actor.timezone, actor.locale)
  const flaggedHere = blocked || logged.allergyWarning
  const recorded = `Logged for ${logged.dependent}: ${entry.drug}${amount} at ${at}${flaggedHere ? ' (flagged by the dose check)' : ''}.${logged.allergyWarning ? `\n${logged.allergyWarning}` : ''}`
  if (!outcome.reply) return { replies: [recorded], payloads: [] }
  // The warning carries Record anyway / Cancel, as the same warning after a text does (0026).
  const payload: OutboxPayload | undefined = flagged.length ? { kind: 'dose_guard', doseIds: flagged } : undefined
  return { replies: [outcome.reply, recorded], payloads: [payload] }
}
