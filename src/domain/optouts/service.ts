import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { recordAudit } from '../audit/service.js'
import { optOuts } from './schema.js'

export type OptOutChannel = 'sms' | 'whatsapp'

/**
 * Carrier keywords, as Twilio handles them on long codes and toll-free numbers
 * (twilio.com/docs/messaging/tutorials/advanced-opt-out; help FAQ for HELP/INFO). A keyword counts only
 * when it is the whole message ("STOP please" does not opt out), matching Twilio's own behaviour.
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL']
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP']
export const HELP_KEYWORDS = ['HELP', 'INFO']

export type Keyword = { kind: 'opt-out' | 'opt-in' | 'help'; word: string }

export function matchKeyword(body: string): Keyword | undefined {
  const word = body
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase()
  if (OPT_OUT_KEYWORDS.includes(word)) return { kind: 'opt-out', word }
  if (OPT_IN_KEYWORDS.includes(word)) return { kind: 'opt-in', word }
  if (HELP_KEYWORDS.includes(word)) return { kind: 'help', word }
  return undefined
}

export async function isOptedOut(tx: Tx, channel: string, address: string): Promise<boolean> {
  if (channel !== 'sms' && channel !== 'whatsapp') return false
  const [row] = await tx
    .select({ optedOut: optOuts.optedOut })
    .from(optOuts)
    .where(and(eq(optOuts.channel, channel), eq(optOuts.address, address)))
  return row?.optedOut ?? false
}

/** Which of these channel+address pairs are opted out, as `channel:address` keys; one query. */
export async function optedOutAmong(tx: Tx, pairs: { channel: string; address: string }[]): Promise<Set<string>> {
  const addresses = [
    ...new Set(pairs.filter((p) => p.channel === 'sms' || p.channel === 'whatsapp').map((p) => p.address)),
  ]
  if (!addresses.length) return new Set()
  const rows = await tx
    .select({ channel: optOuts.channel, address: optOuts.address })
    .from(optOuts)
    .where(and(inArray(optOuts.address, addresses), eq(optOuts.optedOut, true)))
  return new Set(rows.map((r) => `${r.channel}:${r.address}`))
}

/** Records the new state; returns true when it changed. */
export async function setOptOut(
  tx: Tx,
  now: Date,
  {
    channel,
    address,
    optedOut,
    keyword,
  }: { channel: OptOutChannel; address: string; optedOut: boolean; keyword: string },
): Promise<boolean> {
  const before = await isOptedOut(tx, channel, address)
  await tx
    .insert(optOuts)
    .values({ id: newId('opt'), channel, address, optedOut, keyword, updatedAt: now })
    .onConflictDoUpdate({ target: [optOuts.channel, optOuts.address], set: { optedOut, keyword, updatedAt: now } })
  if (before !== optedOut) {
    await recordAudit(tx, now, {
      action: optedOut ? 'opt_out' : 'opt_in',
      subjectType: 'address',
      // The address itself stays out of the audit detail; the opt_outs row holds it.
      subjectId: channel,
      detail: { keyword },
    })
  }
  return before !== optedOut
}
