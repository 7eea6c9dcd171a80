import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { IdentityKind } from '../families/schema.js'
import { type OnboardingData, type OnboardingStep, onboardingSessions } from './schema.js'

export type OnboardingSession = typeof onboardingSessions.$inferSelect

/** A newcomer's half-finished family set-up; abandoned ones restart after a day. */
export const ONBOARDING_TTL_MS = 24 * 60 * 60 * 1000

export async function getOnboarding(tx: Tx, now: Date, kind: IdentityKind, address: string) {
  const [row] = await tx
    .select()
    .from(onboardingSessions)
    .where(and(eq(onboardingSessions.kind, kind), eq(onboardingSessions.address, address)))
  if (!row) return undefined
  if (now.getTime() - row.updatedAt.getTime() > ONBOARDING_TTL_MS) {
    await endOnboarding(tx, kind, address)
    return undefined
  }
  return row
}

export async function saveOnboarding(
  tx: Tx,
  now: Date,
  s: { kind: IdentityKind; address: string; channel: string; step: OnboardingStep; data: OnboardingData },
): Promise<void> {
  await tx
    .insert(onboardingSessions)
    .values({ id: newId('onb'), ...s, updatedAt: now })
    .onConflictDoUpdate({
      target: [onboardingSessions.kind, onboardingSessions.address],
      set: { step: s.step, data: s.data, channel: s.channel, updatedAt: now },
    })
}

export async function endOnboarding(tx: Tx, kind: IdentityKind, address: string): Promise<void> {
  await tx
    .delete(onboardingSessions)
    .where(and(eq(onboardingSessions.kind, kind), eq(onboardingSessions.address, address)))
}
