import { closeQuestion, openQuestion, type PendingQuestion } from '../../domain/conversation/service.js'
import { findDependent, listDependentRows } from '../../domain/dependents/service.js'
import { addMedicationTool } from '../../domain/medications/tools.js'
import { runTool, type ToolContext } from '../../domain/tools.js'
import { isSharedConversation } from '../../pipeline/conversation.js'
import type { Outcome, Stage, Turn } from '../../pipeline/types.js'
import { added, blockedWords, DROPPED, whoQuestion } from './present.js'
import { CONFIRM_PRESCRIPTION, names, type PrescriptionPayload, planProblems, proposeFor } from './propose.js'

/** Only a clear yes adds a medicine: "ok" and "sure" are said about too many other things. */
const YES = /^(?:yes|y|yep|yeah|yup|confirm|add it|yes please|yes,? add it)[\s.!]*$/i
const NO = /^(?:no|n|nope|nah|no thanks|don'?t|do not|don’t|drop it)[\s.!]*$/i
/** A reply to "Who is it for?" is a name, with at most a few words around it. */
const MAX_WHO_WORDS = 3
const WHO_ANSWER =
  /^(?:(?:it'?s|it’s|its|it is|that'?s|that’s)\s+)?(?:for\s+)?(?:my\s+|our\s+)?(.+?)(?:['’]s)?[\s.!]*$/i

/** The answer is the dependent's name, first name or a nickname, and nothing else. */
function isWholeName(d: { name: string; nicknames: string[] }, answer: string): boolean {
  const a = answer.trim().toLowerCase()
  return [d.name, d.name.split(/\s+/)[0] ?? d.name, ...d.nicknames].some((n) => n.trim().toLowerCase() === a)
}

/**
 * The answer to a proposal read from a photo (docs/decisions/0027), deterministic and inside the message's
 * transaction: YES creates the regimen through the add_medication tool (so runTool checks the sender's
 * role and the tool's schema, and the service writes the audit entry and the dose reminders); NO drops
 * the proposal; a name answers "Who is it for?". Anything else leaves the proposal open and goes on
 * through the pipeline, so a question asked meanwhile is still answered. The model is never involved.
 */
export function confirmPrescriptionStage(): Stage {
  return {
    name: 'confirm-prescription',
    async handle(turn: Turn): Promise<Outcome | undefined> {
      const pending = await openQuestion(turn.tx, turn.actor, turn.clock.now())
      if (pending?.kind !== CONFIRM_PRESCRIPTION) return undefined
      const payload = pending.payload as PrescriptionPayload
      // A proposal made in a family-channel thread is answered in that thread only, and one made in a DM
      // is not answered by a "yes" said in the family channel.
      const here = turn.message.conversationKey
      if (payload.conversationKey ? payload.conversationKey !== here : isSharedConversation(here)) return undefined
      const ctx: ToolContext = { tx: turn.tx, actor: turn.actor, clock: turn.clock }
      if (NO.test(turn.text.trim())) {
        await closeQuestion(turn.tx, turn.actor)
        return { route: 'photo:dropped', replies: [DROPPED] }
      }
      if (!payload.dependentId) return await answerWho(ctx, pending, payload, turn.text)
      if (!YES.test(turn.text.trim())) return undefined
      return await confirm(ctx, payload, payload.dependentId)
    },
  }
}

async function confirm(ctx: ToolContext, payload: PrescriptionPayload, dependentId: string): Promise<Outcome> {
  await closeQuestion(ctx.tx, ctx.actor)
  const who = await findDependent(ctx.tx, ctx.actor, dependentId)
  // Checked again: a weight or birth date recorded since the proposal counts.
  const problems = await planProblems(ctx, payload.medication, who)
  if (problems.length) return { route: 'photo:blocked', replies: [blockedWords(problems, who.name)] }
  const out = await runTool(addMedicationTool, ctx, { ...payload.medication, dependent: who.id })
  // Said again with the plan added: the warning may have been asked about long before this YES.
  const words = added(payload.medication, who.name)
  return { route: 'photo:added', replies: [out.allergyWarning ? `${words}\n${out.allergyWarning}` : words] }
}

async function answerWho(
  ctx: ToolContext,
  pending: PendingQuestion,
  payload: PrescriptionPayload,
  text: string,
): Promise<Outcome | undefined> {
  const options = (await listDependentRows(ctx.tx, ctx.actor)).filter((d) => pending.options.includes(d.id))
  if (YES.test(text.trim())) {
    return {
      route: 'photo:which',
      replies: [
        whoQuestion(
          payload.medication,
          options.map((d) => d.name),
        ),
      ],
    }
  }
  // Only an answer that is a name ("Grandpa", "for Leo", "it's Maya's"): "fed Maya 120 ml" is a log, and
  // goes on to the record with the question still open.
  const who = WHO_ANSWER.exec(text.trim())?.[1]
  if (!who || who.split(/\s+/).length > MAX_WHO_WORDS) return undefined
  const picks = options.filter((d) => names(d, who) && isWholeName(d, who))
  if (picks.length !== 1 || !picks[0]) return undefined
  return await proposeFor(ctx, payload.medication, picks[0], payload.conversationKey)
}
