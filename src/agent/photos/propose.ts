import { askQuestion, closeQuestion } from '../../domain/conversation/service.js'
import { ageInDays } from '../../domain/dependents/age.js'
import { type Dependent, listDependentRows } from '../../domain/dependents/service.js'
import { planAllergyWarning } from '../../domain/medications/allergy.js'
import { gateContext } from '../../domain/record/gate-context.js'
import { regimenProblems } from '../../domain/safety/regimen.js'
import type { ToolContext } from '../../domain/tools.js'
import type { Outcome } from '../../pipeline/types.js'
import { blockedWords, confirmQuestion, missingWords, NOBODY_YET, otherDocument, whoQuestion } from './present.js'
import { type DocumentReading, type ProposedMedication, planFromReading } from './reading.js'

/** The pending question's kind: a regimen read from a photo, waiting for YES (docs/decisions/0027). */
export const CONFIRM_PRESCRIPTION = 'confirm_prescription'
/** A proposal stays open a day: a parent may answer after the pharmacy run, or after a restart. */
/** A proposal waits this long for YES: long enough to check the label, short enough that a later "yes" about something else cannot add it. */
export const CONFIRM_TTL_MS = 2 * 60 * 60 * 1000

/** What the pending question keeps: the plan, and whom it is for once known (else `options` are asked). */
export interface PrescriptionPayload {
  medication: ProposedMedication
  dependentId?: string
  /**
   * Set when the photo came in a conversation others share (a thread of the family channel): only a
   * YES in that thread answers it, not the same parent's "yes" to something else in the channel.
   */
  conversationKey?: string
}

const NOT_A_DOCUMENT =
  'I couldn’t see a prescription or a medical document in that photo. Send a clear photo of the pharmacy label.'

/**
 * What a reading becomes, inside the commit's transaction: a prescription turns into a proposal stored as
 * the sender's open question (and asked), for a dependent of the sender's own family matched by name on
 * the server; anything else gets an honest answer. Nothing is created here: only YES creates (confirm.ts).
 */
export async function propose(
  ctx: ToolContext,
  reading: DocumentReading,
  caption: string,
  /** The thread it came in, when others share that conversation (PrescriptionPayload.conversationKey). */
  sharedConversation?: string,
): Promise<Outcome> {
  const shared = sharedConversation ? { conversationKey: sharedConversation } : {}
  if (reading.kind === 'not_a_document') return { route: 'photo:not_a_document', replies: [NOT_A_DOCUMENT] }
  if (reading.kind === 'other_document') return { route: 'photo:document', replies: [otherDocument(reading.summary)] }
  const read = planFromReading(reading)
  if ('missing' in read) {
    const name = reading.drug?.trim().slice(0, 80) || undefined
    return { route: `photo:missing_${read.missing}`, replies: [missingWords(read.missing, { name })] }
  }
  const plan = read.plan
  const everyone = await listDependentRows(ctx.tx, ctx.actor)
  if (everyone.length === 0) return { route: 'photo:nobody', replies: [NOBODY_YET] }
  const who = pickDependent(everyone, ctx.actor.memberId, caption, reading.patientName ?? '')
  if (!who) {
    await ask(ctx, { medication: plan, ...shared }, everyone)
    return {
      route: 'photo:which',
      replies: [
        whoQuestion(
          plan,
          everyone.map((d) => d.name),
        ),
      ],
    }
  }
  return await proposeFor(ctx, plan, who, sharedConversation)
}

/** The proposal for one person: the dose guard's plan check, then the question that YES answers. */
export async function proposeFor(
  ctx: ToolContext,
  plan: ProposedMedication,
  who: Dependent,
  sharedConversation?: string,
): Promise<Outcome> {
  const problems = await planProblems(ctx, plan, who)
  if (problems.length) {
    await closeQuestion(ctx.tx, ctx.actor)
    return { route: 'photo:blocked', replies: [blockedWords(problems, who.name)] }
  }
  await ask(
    ctx,
    { medication: plan, dependentId: who.id, ...(sharedConversation ? { conversationKey: sharedConversation } : {}) },
    [who],
  )
  // A recorded allergy that rules the drug out is said before the YES, not after (docs/decisions/0036).
  const allergy = await planAllergyWarning(ctx.tx, ctx.actor, who, plan.name)
  const question = confirmQuestion(plan, who.name)
  return { route: 'photo:proposal', replies: [allergy ? `${allergy}\n${question}` : question] }
}

async function ask(ctx: ToolContext, payload: PrescriptionPayload, options: Dependent[]) {
  await askQuestion(
    ctx.tx,
    ctx.actor,
    ctx.clock.now(),
    { kind: CONFIRM_PRESCRIPTION, payload, options: options.map((d) => d.id) },
    CONFIRM_TTL_MS,
  )
}

/** The DOSE-* rules for the plan and this person: their age from the birth date, their latest weight. */
export async function planProblems(ctx: ToolContext, plan: ProposedMedication, who: Dependent) {
  const now = ctx.clock.now()
  const { dependents } = await gateContext(ctx.tx, ctx.actor, now)
  const weightKg = dependents.find((d) => d.id === who.id)?.weightKg
  const ageDays = who.birthDate ? ageInDays(who.birthDate, now, ctx.actor.timezone) : undefined
  return regimenProblems(plan, { name: who.name, ageDays, weightKg }, ctx.actor.locale)
}

/**
 * Whom the photo is about, matched by name on the server, in the sender's family only: the one the
 * caption names ("for grandpa"), else the sender when the caption says "me/my/mine" and they are in the
 * record, else the one the label's patient name names, else the only one there is. Two matches, or none among several, is asked.
 */
export function pickDependent(
  everyone: Dependent[],
  senderId: string,
  caption: string,
  patientName: string,
): Dependent | undefined {
  // A name in the caption wins over "my" ("for my son Leo" is Leo's); "me/mine" only when none is named.
  const inCaption = everyone.filter((d) => names(d, caption))
  if (inCaption.length === 1) return inCaption[0]
  if (inCaption.length > 1) return undefined
  const self = everyone.find((d) => d.memberId === senderId)
  if (self && /\b(me|my|mine|myself)\b/i.test(caption)) return self
  const onLabel = everyone.filter((d) => names(d, patientName))
  if (onLabel.length === 1) return onLabel[0]
  if (onLabel.length > 1) return undefined
  return everyone.length === 1 ? everyone[0] : undefined
}

/** Does `text` name this dependent: their name, first name or a nickname, as whole words? */
export function names(d: Dependent, text: string): boolean {
  const hay = ` ${text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N} -]+/gu, ' ')} `
  const first = d.name.split(/\s+/)[0] ?? d.name
  return [d.name, first, ...d.nicknames]
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length > 1)
    .some((n) => hay.includes(` ${n} `))
}
