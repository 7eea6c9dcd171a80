import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { listDependentRows } from '../../domain/dependents/service.js'
import { listMembers } from '../../domain/families/queries.js'
import { listMedications } from '../../domain/medications/service.js'
import type { ParseContext } from '../parser/types.js'

/** What the parser needs to know about the sender's family, read from the record. */
export async function parseContext(tx: Tx, actor: ActorContext, now: Date): Promise<ParseContext> {
  const dependents = await listDependentRows(tx, actor)
  const members = await listMembers(tx, actor)
  const medications = await listMedications(tx, actor)
  const dependentOf = (memberId: string) => dependents.find((d) => d.memberId === memberId)?.id
  return {
    now,
    timezone: actor.timezone,
    locale: actor.locale,
    dependents: dependents.map((d) => ({ id: d.id, name: d.name, nicknames: d.nicknames })),
    members: members
      .filter((m) => m.status === 'active')
      .map((m) => ({ id: m.id, name: m.name, dependentId: dependentOf(m.id) })),
    self: { memberId: actor.memberId, dependentId: dependentOf(actor.memberId) },
    medications: [...new Set(medications.map((m) => m.name))],
  }
}
