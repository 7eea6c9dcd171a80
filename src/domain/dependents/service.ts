import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { localDate } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { logGrowth } from '../care-log/service.js'
import { DomainError } from '../errors.js'
import { personNameProblem } from '../families/names.js'
import { members } from '../families/schema.js'
import { scheduleImmunizationReminders } from '../schedules/immunizations.js'
import type { AddDependentInput } from './input.js'
import { dependents } from './schema.js'

export type Dependent = typeof dependents.$inferSelect

/** Adds a child or an adult cared for; with a weight, the first growth entry is logged too. */
export async function addDependent(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: AddDependentInput,
): Promise<Dependent> {
  const problem = personNameProblem(input.name)
  if (problem) throw new DomainError('invalid_input', `dependent name: ${problem}`, `That name won’t do: ${problem}.`)
  if (input.birthDate && input.birthDate > localDate(now, actor.timezone)) {
    throw new DomainError('invalid_input', 'birth date in the future', 'That birth date is in the future.')
  }
  const existing = await listDependentRows(tx, actor)
  if (existing.some((d) => d.name.toLowerCase() === input.name.toLowerCase())) {
    throw new DomainError('conflict', 'dependent name taken', `${input.name} is already in your family’s record.`)
  }
  if (input.memberId) await assertFamilyMember(tx, actor, input.memberId)
  const dependent: Dependent = {
    id: newId('dep'),
    familyId: actor.familyId,
    name: input.name,
    nicknames: input.nicknames ?? [],
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
    memberId: input.memberId ?? null,
    createdAt: now,
    deletedAt: null,
  }
  await tx.insert(dependents).values(dependent)
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'dependent.create',
    subjectType: 'dependent',
    subjectId: dependent.id,
  })
  if (input.weightKg !== undefined) {
    await logGrowth(tx, actor, now, { dependentId: dependent.id, at: now, weightKg: input.weightKg })
  }
  // A child's vaccine visits, each reminded a week ahead (docs/decisions/0019).
  await scheduleImmunizationReminders(tx, actor, now, dependent)
  return dependent
}

/** The family's dependents, oldest record first. */
export async function listDependentRows(tx: Tx, actor: ActorContext): Promise<Dependent[]> {
  return tx
    .select()
    .from(dependents)
    .where(and(eq(dependents.familyId, actor.familyId), isNull(dependents.deletedAt)))
    .orderBy(asc(dependents.createdAt))
}

/**
 * A dependent of the actor's family by id, name or nickname (case-insensitive). Another family's
 * dependent is "not found", never revealed. More than one match is a conflict the caller asks about.
 */
export async function findDependent(tx: Tx, actor: ActorContext, ref: string): Promise<Dependent> {
  const all = await listDependentRows(tx, actor)
  const byId = all.find((d) => d.id === ref)
  if (byId) return byId
  const wanted = ref.trim().toLowerCase()
  const found = all.filter(
    (d) => d.name.toLowerCase() === wanted || d.nicknames.some((n) => n.toLowerCase() === wanted),
  )
  if (found.length === 1 && found[0]) return found[0]
  if (found.length > 1)
    throw new DomainError('conflict', 'ambiguous dependent', `More than one person is called ${ref}.`)
  throw new DomainError('not_found', 'dependent by name', `I don’t have anyone called ${ref} in your family’s record.`)
}

/** Records a dependent's sex (the WHO growth tables are by sex). Audited like any change to the record. */
export async function setDependentSex(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  ref: string,
  sex: 'female' | 'male' | 'other',
): Promise<Dependent> {
  const dependent = await findDependent(tx, actor, ref)
  await tx.update(dependents).set({ sex }).where(eq(dependents.id, dependent.id))
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'dependent.update',
    subjectType: 'dependent',
    subjectId: dependent.id,
  })
  return { ...dependent, sex }
}

async function assertFamilyMember(tx: Tx, actor: ActorContext, memberId: string) {
  const [m] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.familyId, actor.familyId)))
  if (!m) throw new DomainError('not_found', `member ${memberId}`)
}
