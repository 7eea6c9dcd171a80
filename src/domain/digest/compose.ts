import { and, asc, eq, gt, gte, isNull, lt, lte, or } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { careNotes, diapers, feeds, sleeps, temperatures } from '../care-log/schema.js'
import { dependents } from '../dependents/schema.js'
import { doses } from '../medications/schema.js'
import { FEVER_C } from '../safety/fever.js'

/** Something in the period a parent should look at. */
export type Flag =
  | { kind: 'dose'; at: Date; drugName: string; rule: string | null }
  | { kind: 'note'; at: Date; text: string; flagged: boolean }
  | { kind: 'fever'; at: Date; celsius: number; unit: 'C' | 'F' }

/** One dependent's period: what the digest says about them. */
export interface DependentDigest {
  name: string
  feeds: number
  bottleMl: number
  sleptMinutes: number
  naps: number
  wet: number
  dirty: number
  /** Doses given, by drug as first typed: [name, count], most given first. */
  doses: [string, number][]
  flags: Flag[]
}

/** The period (from, to]: from the same wall-clock time the day before to the digest's occurrence. */
export interface Period {
  from: Date
  to: Date
  /** Every note of the period, not only flagged ones (a shift handoff). */
  allNotes?: boolean
}

/** Every current dependent of the family, oldest record first, with their period's care log. */
export async function composeDigest(tx: Tx, familyId: string, period: Period): Promise<DependentDigest[]> {
  const list = await tx
    .select({ id: dependents.id, name: dependents.name })
    .from(dependents)
    .where(and(eq(dependents.familyId, familyId), isNull(dependents.deletedAt)))
    .orderBy(asc(dependents.createdAt), asc(dependents.id))
  const out: DependentDigest[] = []
  for (const d of list) out.push(await dependentDigest(tx, familyId, d, period))
  return out
}

async function dependentDigest(
  tx: Tx,
  familyId: string,
  d: { id: string; name: string },
  { from, to, allNotes }: Period,
): Promise<DependentDigest> {
  const of = <T extends typeof feeds | typeof diapers | typeof temperatures | typeof careNotes | typeof doses>(t: T) =>
    and(eq(t.familyId, familyId), eq(t.dependentId, d.id), isNull(t.deletedAt), gt(t.at, from), lte(t.at, to))
  const fed = await tx.select({ amountMl: feeds.amountMl }).from(feeds).where(of(feeds))
  const changes = await tx.select({ wet: diapers.wet, dirty: diapers.dirty }).from(diapers).where(of(diapers))
  const given = await tx.select().from(doses).where(of(doses)).orderBy(asc(doses.at))
  const notes = await tx
    .select()
    .from(careNotes)
    .where(allNotes ? of(careNotes) : and(of(careNotes), eq(careNotes.flagged, true)))
    .orderBy(asc(careNotes.at))
  const fevers = await tx
    .select()
    .from(temperatures)
    .where(and(of(temperatures), gte(temperatures.celsius, FEVER_C)))
    .orderBy(asc(temperatures.at))
  const slept = await sleepIn(tx, familyId, d.id, { from, to })
  const flags: Flag[] = [
    ...given
      .filter((g) => g.flagged)
      .map((g) => ({ kind: 'dose' as const, at: g.at, drugName: g.drugName, rule: g.flagRule })),
    ...notes.map((n) => ({ kind: 'note' as const, at: n.at, text: tx.fields.open(n.body), flagged: n.flagged })),
    ...fevers.map((f) => ({ kind: 'fever' as const, at: f.at, celsius: f.celsius, unit: f.unit })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  return {
    name: d.name,
    feeds: fed.length,
    bottleMl: Math.round(fed.reduce((sum, f) => sum + (f.amountMl ?? 0), 0)),
    ...slept,
    wet: changes.filter((c) => c.wet).length,
    dirty: changes.filter((c) => c.dirty).length,
    doses: countDoses(given),
    flags,
  }
}

/** Sleep overlapping the period, clipped to it; a sleep still going counts up to the period's end. */
async function sleepIn(tx: Tx, familyId: string, dependentId: string, { from, to }: Period) {
  const rows = await tx
    .select({ startAt: sleeps.startAt, endAt: sleeps.endAt })
    .from(sleeps)
    .where(
      and(
        eq(sleeps.familyId, familyId),
        eq(sleeps.dependentId, dependentId),
        isNull(sleeps.deletedAt),
        lt(sleeps.startAt, to),
        or(isNull(sleeps.endAt), gt(sleeps.endAt, from)),
      ),
    )
  const ms = rows.reduce((sum, s) => {
    const start = Math.max(s.startAt.getTime(), from.getTime())
    const end = Math.min((s.endAt ?? to).getTime(), to.getTime())
    return sum + Math.max(0, end - start)
  }, 0)
  return { sleptMinutes: Math.round(ms / 60_000), naps: rows.length }
}

function countDoses(given: { drugKey: string; drugName: string }[]): [string, number][] {
  const byDrug = new Map<string, [string, number]>()
  for (const g of given) {
    const seen = byDrug.get(g.drugKey)
    if (seen) seen[1]++
    else byDrug.set(g.drugKey, [g.drugName, 1])
  }
  return [...byDrug.values()].sort((a, b) => b[1] - a[1])
}
