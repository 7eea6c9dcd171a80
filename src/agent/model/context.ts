import { DateTime } from 'luxon'
import type { Db } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { listDependentsTool } from '../../domain/dependents/tools.js'
import { listMembersTool } from '../../domain/families/tools.js'
import { runTool } from '../../domain/tools.js'
import type { Clock } from '../../lib/clock.js'

const CHANNEL_NAMES = { sms: 'SMS', whatsapp: 'WhatsApp', slack: 'Slack', console: 'the dev console (like SMS)' }

/**
 * What the model should know about this family before it reads anything: now in the family's zone,
 * who is asking, the members and the dependents. Read through the same tools (and permissions) the
 * model has, in one read.
 */
export async function familyContext(db: Db, clock: Clock, actor: ActorContext): Promise<string> {
  const { family, members, dependents } = await db.read(async (tx) => {
    const ctx = { tx, actor, clock }
    const fam = await runTool(listMembersTool, ctx, {})
    return { family: fam.family, members: fam.members, dependents: await runTool(listDependentsTool, ctx, {}) }
  })
  const now = DateTime.fromJSDate(clock.now(), { zone: actor.timezone })
  const me = members.find((m) => m.id === actor.memberId)
  const lines = [
    '# This conversation',
    `Now: ${now.toFormat('cccc d LLLL yyyy, h:mm a')} (${actor.timezone}).`,
    `Family: ${family}. Talking to ${me?.name ?? 'a member'} (${actor.role}) on ${CHANNEL_NAMES[actor.channel]}.`,
    `Members: ${members.map((m) => `${m.name} (${m.role}${m.status === 'invited' ? ', invited' : ''})`).join('; ') || 'none'}.`,
    `Dependents: ${dependents.map((d) => describeDependent(d)).join('; ') || 'none yet'}.`,
  ]
  return lines.join('\n')
}

function describeDependent(d: {
  name: string
  nicknames?: string[] | null
  birthDate?: string | null
  ageDays?: number
}) {
  const nick = d.nicknames?.length ? ` "${d.nicknames.join('", "')}"` : ''
  const age = d.ageDays === undefined ? '' : `, ${describeAge(d.ageDays)}`
  return `${d.name}${nick}${d.birthDate ? ` (born ${d.birthDate}${age})` : ''}`
}

function describeAge(days: number): string {
  if (days < 60) return `${days} days old`
  if (days < 730) return `${Math.floor(days / 30.44)} months old`
  return `${Math.floor(days / 365.25)} years old`
}
