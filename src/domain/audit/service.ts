import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { auditLog } from './schema.js'

export interface AuditEntry {
  familyId?: string | null
  actorMemberId?: string | null
  action: string
  subjectType: string
  subjectId: string
  detail?: Record<string, string | number | boolean | null>
}

export async function recordAudit(tx: Tx, now: Date, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId('aud'),
    familyId: e.familyId ?? null,
    actorMemberId: e.actorMemberId ?? null,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    detail: e.detail ?? null,
    at: now,
  })
}
