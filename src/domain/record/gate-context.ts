import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { growth, temperatures } from '../care-log/schema.js'
import { listDependentRows } from '../dependents/service.js'
import { members } from '../families/schema.js'
import { allergies, conditions } from '../medical/schema.js'
import { listProviders } from '../medical/service.js'
import { drugKey } from '../medications/drugs.js'
import { dosesSince, listMedications } from '../medications/service.js'
import type { DoseEvent, Drug, GateDependent } from '../safety/types.js'

/** How far back the dose guard looks: a day for the 24-hour maximum, plus the longest interval. */
const DOSE_LOOKBACK_MS = 30 * 60 * 60 * 1000
/** How far back a fever episode is traced through the care log. */
const FEVER_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000
const FEVER_C = 38.0 // health-facts §1: fever is ≥ 38.0 °C at any site (FEVER-DUR-* count from the first such reading)

/** The family's record as the red-flag gate reads it: dependents with weight, conditions, allergies, fever, strengths. */
export async function gateContext(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  /** When the dose in the message was given, if earlier than now: the 24 h count reaches back from it. */
  doseAt?: Date,
): Promise<{ dependents: GateDependent[]; doseHistory: DoseEvent[] }> {
  const rows = await listDependentRows(tx, actor)
  const ids = rows.map((d) => d.id)
  if (ids.length === 0) return { dependents: [], doseHistory: [] }
  const weights = await tx
    .select({ dependentId: growth.dependentId, kg: growth.weightKg, at: growth.at })
    .from(growth)
    .where(and(eq(growth.familyId, actor.familyId), inArray(growth.dependentId, ids), isNull(growth.deletedAt)))
    .orderBy(desc(growth.at))
  const illnesses = await tx
    .select({ dependentId: conditions.dependentId, name: conditions.name })
    .from(conditions)
    .where(and(eq(conditions.familyId, actor.familyId), isNull(conditions.deletedAt)))
  const allergic = await tx
    .select({ dependentId: allergies.dependentId, substance: allergies.substance, reaction: allergies.reaction })
    .from(allergies)
    .where(and(eq(allergies.familyId, actor.familyId), isNull(allergies.deletedAt)))
  const readings = await tx
    .select({ dependentId: temperatures.dependentId, celsius: temperatures.celsius, at: temperatures.at })
    .from(temperatures)
    .where(
      and(
        eq(temperatures.familyId, actor.familyId),
        isNull(temperatures.deletedAt),
        gte(temperatures.at, new Date(now.getTime() - FEVER_LOOKBACK_MS)),
      ),
    )
    .orderBy(desc(temperatures.at))
  const regimens = await listMedications(tx, actor)
  const providers = await listProviders(tx, actor, ALL)
  const dependents = rows.map((d): GateDependent => {
    const strengths = strengthsOf(regimens.filter((m) => m.dependentId === d.id))
    const provider = childDoctor(providers, d.id)
    return {
      id: d.id,
      name: d.name,
      nicknames: d.nicknames,
      ...(d.birthDate ? { birthDate: d.birthDate } : {}),
      ...optional('weightKg', weights.find((w) => w.dependentId === d.id && w.kg != null)?.kg ?? undefined),
      conditions: illnesses.filter((c) => c.dependentId === d.id).map((c) => c.name),
      allergies: allergic
        .filter((a) => a.dependentId === d.id)
        .map((a) => ({ substance: a.substance, reaction: a.reaction })),
      ...optional('feverSince', feverSince(readings.filter((r) => r.dependentId === d.id))),
      ...(Object.keys(strengths).length ? { mgPerMl: strengths } : {}),
      ...optional('providerPhone', provider?.phone ?? undefined),
    }
  })
  const from = doseAt && doseAt < now ? doseAt : now
  return { dependents, doseHistory: await doseHistory(tx, actor, from, dependents) }
}

const ALL = '*'

/** Whom an urgent reply tells them to call: the child's own pediatrician, else the family's, else a GP. */
function childDoctor(
  providers: { dependentId: string | null; role: string; phone: string | null }[],
  dependentId: string,
) {
  const reachable = providers.filter((p) => p.phone && (!p.dependentId || p.dependentId === dependentId))
  const rank = (p: (typeof reachable)[number]) =>
    (p.role === 'pediatrician' ? 0 : p.role === 'gp' ? 2 : 9) + (p.dependentId === dependentId ? 0 : 1)
  return reachable.filter((p) => p.role === 'pediatrician' || p.role === 'gp').sort((a, b) => rank(a) - rank(b))[0]
}

/** The first reading of the current fever: newest first, back while every reading is ≥ 38.0 °C. */
function feverSince(newestFirst: { celsius: number; at: Date }[]): Date | undefined {
  let since: Date | undefined
  for (const r of newestFirst) {
    if (r.celsius < FEVER_C) break
    since = r.at
  }
  return since
}

/** "160 mg/5 mL" on an acetaminophen or ibuprofen regimen → mg per mL for that drug. */
function strengthsOf(regimens: { drugKey: string; strength: string | null }[]): Partial<Record<Drug, number>> {
  const out: Partial<Record<Drug, number>> = {}
  for (const r of regimens) {
    const m = /(\d+(?:\.\d+)?)\s*mg\s*\/\s*(\d+(?:\.\d+)?)?\s*ml/i.exec(r.strength ?? '')
    if (m && (r.drugKey === 'acetaminophen' || r.drugKey === 'ibuprofen')) {
      out[r.drugKey] = Number(m[1]) / Number(m[2] ?? 1)
    }
  }
  return out
}

async function doseHistory(tx: Tx, actor: ActorContext, from: Date, dependents: GateDependent[]): Promise<DoseEvent[]> {
  const given = await dosesSince(tx, actor, new Date(from.getTime() - DOSE_LOOKBACK_MS))
  const names = new Map(
    (
      await tx.select({ id: members.id, name: members.name }).from(members).where(eq(members.familyId, actor.familyId))
    ).map((m) => [m.id, m.name]),
  )
  const out: DoseEvent[] = []
  for (const d of given) {
    const drug = drugKey(d.drugKey)
    if (drug !== 'acetaminophen' && drug !== 'ibuprofen') continue
    const perMl = dependents.find((x) => x.id === d.dependentId)?.mgPerMl?.[drug]
    const mg =
      d.unit === 'mg' ? (d.amount ?? undefined) : d.unit === 'ml' && perMl && d.amount ? d.amount * perMl : undefined
    out.push({
      dependentId: d.dependentId,
      drug,
      at: d.at,
      ...optional('mg', mg),
      ...optional('givenBy', names.get(d.givenBy)),
    })
  }
  return out
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>)
