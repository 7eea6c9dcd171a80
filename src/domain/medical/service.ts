import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { allergies, conditions, immunizations, providers, visits } from './schema.js'

export type Allergy = typeof allergies.$inferSelect
export type Condition = typeof conditions.$inferSelect
export type Provider = typeof providers.$inferSelect
export type Visit = typeof visits.$inferSelect
export type Immunization = typeof immunizations.$inferSelect

const row = (actor: ActorContext, now: Date, dependentId: string, prefix: string) => ({
  id: newId(prefix),
  familyId: actor.familyId,
  dependentId,
  recordedBy: actor.memberId,
  createdAt: now,
  deletedAt: null,
})

/** Every write and every read of the medical record is audited: who, what, when (issue #4). */
async function audit(tx: Tx, actor: ActorContext, now: Date, action: string, subjectType: string, subjectId: string) {
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action,
    subjectType,
    subjectId,
  })
}

/**
 * A dependent's recorded allergies, oldest first, not audited: for the checks that read them (the dose
 * tools, a repeated allergy). What a person is shown goes through `medicalRecord`, which is audited.
 */
export async function allergiesOf(tx: Tx, actor: ActorContext, dependentId: string): Promise<Allergy[]> {
  return await tx
    .select()
    .from(allergies)
    .where(
      and(eq(allergies.familyId, actor.familyId), eq(allergies.dependentId, dependentId), isNull(allergies.deletedAt)),
    )
    .orderBy(asc(allergies.createdAt))
}

/**
 * Records an allergy. Said again, it is the same allergy: a reaction or severity not known before is
 * added to it (`recorded: 'updated'`), and nothing changes when nothing is new (`'already'`).
 */
export async function addAllergy(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId: string; substance: string; reaction?: string; severity?: Allergy['severity'] },
): Promise<Allergy & { recorded: 'new' | 'updated' | 'already' }> {
  const same = (await allergiesOf(tx, actor, input.dependentId)).find(
    (a) => a.substance.trim().toLowerCase() === input.substance.trim().toLowerCase(),
  )
  if (same) {
    const reaction = input.reaction && input.reaction !== same.reaction ? input.reaction : undefined
    const severity = input.severity && input.severity !== same.severity ? input.severity : undefined
    if (!reaction && !severity) return { ...same, recorded: 'already' }
    const changed = { ...(reaction ? { reaction } : {}), ...(severity ? { severity } : {}) }
    await tx.update(allergies).set(changed).where(eq(allergies.id, same.id))
    await audit(tx, actor, now, 'medical.update', 'allergy', same.id)
    return { ...same, ...changed, recorded: 'updated' }
  }
  const allergy: Allergy = {
    ...row(actor, now, input.dependentId, 'alg'),
    substance: input.substance,
    reaction: input.reaction ?? null,
    severity: input.severity ?? null,
  }
  await tx.insert(allergies).values(allergy)
  await audit(tx, actor, now, 'medical.create', 'allergy', allergy.id)
  return { ...allergy, recorded: 'new' }
}

export async function addCondition(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId: string; name: string; note?: string },
): Promise<Condition> {
  const condition: Condition = {
    ...row(actor, now, input.dependentId, 'cnd'),
    name: input.name,
    note: input.note ?? null,
  }
  await tx.insert(conditions).values({ ...condition, note: tx.fields.seal(condition.note) })
  await audit(tx, actor, now, 'medical.create', 'condition', condition.id)
  return condition
}

export async function addProvider(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { name: string; role: Provider['role']; phone?: string; dependentId?: string },
): Promise<Provider> {
  const provider: Provider = {
    id: newId('prv'),
    familyId: actor.familyId,
    dependentId: input.dependentId ?? null,
    name: input.name,
    role: input.role,
    phone: input.phone ?? null,
    createdAt: now,
    deletedAt: null,
  }
  await tx.insert(providers).values(provider)
  await audit(tx, actor, now, 'medical.create', 'provider', provider.id)
  return provider
}

export async function logVisit(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId: string; at: Date; providerId?: string; reason?: string; notes?: string },
): Promise<Visit> {
  const visit: Visit = {
    ...row(actor, now, input.dependentId, 'vis'),
    at: input.at,
    providerId: input.providerId ?? null,
    reason: input.reason ?? null,
    notes: input.notes ?? null,
  }
  await tx.insert(visits).values({ ...visit, notes: tx.fields.seal(visit.notes) })
  await audit(tx, actor, now, 'medical.create', 'visit', visit.id)
  return visit
}

export async function logImmunization(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId: string; vaccine: string; givenOn: string; dose?: string },
): Promise<Immunization> {
  const shot: Immunization = {
    ...row(actor, now, input.dependentId, 'imm'),
    vaccine: input.vaccine,
    givenOn: input.givenOn,
    dose: input.dose ?? null,
  }
  await tx.insert(immunizations).values(shot)
  await audit(tx, actor, now, 'medical.create', 'immunization', shot.id)
  return shot
}

/** Notes are sealed at rest (DATA_ENCRYPTION_KEY); these open them for the caller. */
const openConditions = (tx: Tx, rows: Condition[]): Condition[] =>
  rows.map((c) => ({ ...c, note: tx.fields.open(c.note) }))
const openVisits = (tx: Tx, rows: Visit[]): Visit[] => rows.map((v) => ({ ...v, notes: tx.fields.open(v.notes) }))

/** A dependent's medical record. Reading it is audited. */
export async function medicalRecord(tx: Tx, actor: ActorContext, now: Date, dependentId: string) {
  const mine = <T extends typeof conditions | typeof immunizations | typeof visits>(t: T) =>
    and(eq(t.familyId, actor.familyId), eq(t.dependentId, dependentId), isNull(t.deletedAt))
  const record = {
    allergies: await allergiesOf(tx, actor, dependentId),
    conditions: openConditions(
      tx,
      await tx.select().from(conditions).where(mine(conditions)).orderBy(asc(conditions.createdAt)),
    ),
    immunizations: await tx.select().from(immunizations).where(mine(immunizations)).orderBy(asc(immunizations.givenOn)),
    visits: openVisits(tx, await tx.select().from(visits).where(mine(visits)).orderBy(asc(visits.at))),
  }
  await audit(tx, actor, now, 'medical.read', 'dependent', dependentId)
  return record
}

/**
 * The family's providers; a dependent's own first, then the family's. Without a dependent, the
 * family-wide ones; with '*', every provider of the family.
 */
export async function listProviders(tx: Tx, actor: ActorContext, dependentId?: string): Promise<Provider[]> {
  const rows = await tx
    .select()
    .from(providers)
    .where(and(eq(providers.familyId, actor.familyId), isNull(providers.deletedAt)))
    .orderBy(asc(providers.createdAt))
  const relevant = dependentId === '*' ? rows : rows.filter((p) => !p.dependentId || p.dependentId === dependentId)
  return relevant.sort((a, b) => Number(Boolean(b.dependentId)) - Number(Boolean(a.dependentId)))
}
