import { alertRecipients } from '../domain/families/queries.js'
import { flagDosesJustLogged } from '../domain/medications/service.js'
import { enqueueToMember } from '../domain/outbox/service.js'
import { gateContext } from '../domain/record/gate-context.js'
import { evaluateGate, type GateOutcome } from '../domain/safety/index.js'
import { replyForError } from './replies.js'
import type { Outcome, Stage, Turn } from './types.js'

/** Tiers the gate always answers itself, before the fast path and the model (health-facts §8). */
const ACTS = new Set<GateOutcome['tier']>(['emergency', 'urgent_fever', 'urgent_other', 'dose_blocked'])

export interface RedFlagOptions {
  /** Records what a flagged message reported (the family record's fast path). */
  record?: Stage
  /** When the dose in this message was given, if a parser can tell ("gave tylenol at 3"). */
  doseAt?: (turn: Turn) => Promise<Date | undefined>
  /**
   * An emergency opens an SOS (alerts every emergency contact, escalates with calls until someone
   * answers) instead of the one-off parent alert; returns a line for the sender.
   */
  emergency?: (turn: Turn, outcome: GateOutcome) => Promise<string>
}

/**
 * The red-flag gate as the pipeline's first stage: deterministic rules over the message and the family's
 * record (src/domain/safety), before and regardless of any model. When a rule fires — or the gate has
 * something to say or someone to alert — it answers now, alerts the parents (urgent: no quiet hours), and
 * still records what the message reported: a dose given too soon is logged and flagged, never lost.
 * Otherwise its outcome rides on the turn for later stages ("can she have more tylenol?").
 */
export function redFlagStage({ record, doseAt, emergency }: RedFlagOptions = {}): Stage {
  return {
    name: 'red-flag',
    async handle(turn: Turn): Promise<Outcome | undefined> {
      const now = turn.clock.now()
      const givenAt = await doseAt?.(turn)
      const { dependents, doseHistory } = await gateContext(turn.tx, turn.actor, now, givenAt)
      const outcome = evaluateGate({
        text: turn.text,
        now,
        locale: turn.actor.locale,
        timeZone: turn.actor.timezone,
        dependents,
        doseHistory,
        ...optional('doseAt', givenAt),
      })
      turn.gate = outcome
      if (!ACTS.has(outcome.tier) && !outcome.alertParents && !outcome.reply) return undefined
      const sos = outcome.tier === 'emergency' && emergency ? await emergency(turn, outcome) : undefined
      if (sos === undefined && outcome.alertParents && outcome.alert) await alert(turn, outcome)
      const logged = await recordReported(turn, record)
      const blocked = outcome.findings.find((f) => f.tier === 'dose_blocked')
      const flagged =
        blocked && logged.outcome
          ? await flagDosesJustLogged(turn.tx, turn.actor, now, {
              dependentId: blocked.dependentId,
              ruleId: blocked.ruleId,
            })
          : []
      // A dose the guard stopped must not vanish from the record: say so when it could not be logged.
      // (A question about giving one — "can she have more?" — reported no dose: nothing to record.)
      const unrecorded =
        blocked && blocked.details?.intent !== 'asked' && !logged.outcome
          ? 'I have NOT recorded this dose: send it on its own, e.g. “gave Leo tylenol 5 ml at 3:00”.'
          : undefined
      const replies = [outcome.reply, sos, ...(logged.outcome?.replies ?? []), logged.error, unrecorded].filter(
        (r): r is string => Boolean(r),
      )
      // The warning about a dose recorded and flagged carries Record anyway / Cancel where a channel has
      // buttons: the same as leaving it, or texting "undo".
      const payloads = outcome.reply && flagged.length ? [{ kind: 'dose_guard' as const, doseIds: flagged }] : undefined
      // What the gate says (call 911, call the pediatrician, don't give that dose) goes out first.
      return { route: `gate:${outcome.ruleId}`, replies, urgent: ACTS.has(outcome.tier), payloads }
    },
  }
}

/**
 * Records what the message reported. A rule broken there (a viewer logging, an implausible reading) must
 * not take the warning and the alerts down with it: its words are returned beside them instead.
 */
async function recordReported(turn: Turn, record?: Stage): Promise<{ outcome?: Outcome; error?: string }> {
  if (!record) return {}
  try {
    return { outcome: await record.handle(turn) }
  } catch (err) {
    const words = replyForError(err)
    if (!words) throw err
    return { error: `Not recorded: ${words}` }
  }
}

async function alert(turn: Turn, outcome: GateOutcome) {
  const now = turn.clock.now()
  const recipients = await alertRecipients(turn.tx, turn.actor, { emergency: outcome.tier === 'emergency' })
  for (const member of recipients) {
    await enqueueToMember(turn.tx, now, {
      idempotencyKey: `alert:${turn.message.id}:${member.id}`,
      memberId: member.id,
      familyId: turn.actor.familyId,
      kind: 'alert',
      urgent: true,
      body: outcome.alert ?? '',
    })
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>)
