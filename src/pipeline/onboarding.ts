import type { Tx } from '../db/client.js'
import { redeemLinkCode } from '../domain/families/links.js'
import { familyNameProblem, personNameProblem } from '../domain/families/names.js'
import { memberName } from '../domain/families/queries.js'
import type { Sender } from '../domain/families/schema.js'
import { acceptInvitation, createFamily, declineInvitation, pendingInvitationsFor } from '../domain/families/service.js'
import { familyPhrase, roleWord } from '../domain/families/words.js'
import type { OnboardingData } from '../domain/onboarding/schema.js'
import { endOnboarding, getOnboarding, saveOnboarding } from '../domain/onboarding/service.js'
import { guessLocale, guessTimezone, isPhoneAddress } from '../lib/phone.js'
import { findTimezone } from '../lib/timezone.js'
import type { Outcome } from './types.js'

const YES = /^(yes|y|yep|yeah|ok|okay|si|sí|oui|ja|confirm)[.!]*$/i
const NO = /^(no|n|nope|decline)[.!]*$/i
const RESTART = /^(start over|restart)[.!]*$/i
const LINK = /^link\s+([a-z0-9][a-z0-9 -]{3,30})$/i

/** What an unlinked Slack user hears: how to link, and nothing about any family. */
export const SLACK_UNLINKED =
  'Hi, I’m MedNanny. This Slack account isn’t linked to a family yet, so I can’t share anything. ' +
  'Ask your family’s owner for a link code (they run `mednanny slack link`), then type `/nanny link CODE`.'
const LINK_FAILED =
  'That link code didn’t work: it may be mistyped, used already, or older than 15 minutes. Ask for a new one.'

/**
 * Someone who is not an active member. They see no family data: they can answer an invitation, or
 * create a family of their own, one question at a time.
 */
export async function handleStranger(
  tx: Tx,
  now: Date,
  sender: Sender,
  text: string,
  profileName?: string,
): Promise<Outcome> {
  const link = sender.kind === 'slack' ? LINK.exec(text) : null
  if (link?.[1]) return await linkAccount(tx, now, sender, link[1])
  const [invitation] = await pendingInvitationsFor(tx, now, sender.kind, sender.address)
  if (invitation) {
    if (YES.test(text)) {
      const { member, family } = await acceptInvitation(tx, now, invitation, {
        response: text,
        channel: sender.channel,
      })
      await endOnboarding(tx, sender.kind, sender.address)
      return reply(
        'invitation',
        `Welcome to ${familyPhrase(family.name)}, ${member.name}! You’re in as ${roleWord(member.role)}. Send HELP to see what I can do.`,
      )
    }
    if (NO.test(text)) {
      await declineInvitation(tx, now, invitation, text)
      return reply('invitation', 'OK, you won’t join. Nothing else will be sent about it.')
    }
    const inviter = await memberName(tx, invitation.invitedBy)
    return reply(
      'invitation',
      `${inviter ?? 'Someone'} invited you to a family on MedNanny. Reply YES to join or NO to decline.`,
    )
  }
  // Families are created by phone (onboarding asks for a name and a time zone); Slack links to one.
  if (sender.kind === 'slack') return reply('slack:unlinked', SLACK_UNLINKED)
  return continueOnboarding(tx, now, sender, text, profileName)
}

async function linkAccount(tx: Tx, now: Date, sender: Sender, code: string): Promise<Outcome> {
  const result = await redeemLinkCode(tx, now, sender, code)
  if (!result.linked) return reply('link:invalid', LINK_FAILED)
  return reply(
    'link',
    `Linked: you’re ${result.member.name} in ${familyPhrase(result.family.name)}. Ask me anything here, or type /nanny who am i.`,
  )
}

type Step = 'ask_name' | 'ask_family' | 'confirm_timezone'
interface StepInput {
  tx: Tx
  now: Date
  sender: Sender
  text: string
  data: OnboardingData
  profileName?: string
  save: (step: Step, data: OnboardingData) => Promise<void>
}

async function continueOnboarding(
  tx: Tx,
  now: Date,
  sender: Sender,
  text: string,
  profileName?: string,
): Promise<Outcome> {
  const session = RESTART.test(text) ? undefined : await getOnboarding(tx, now, sender.kind, sender.address)
  const save = (step: Step, data: OnboardingData) =>
    saveOnboarding(tx, now, { kind: sender.kind, address: sender.address, channel: sender.channel, step, data })
  if (!session) {
    await save('ask_name', {})
    return reply(
      'onboarding',
      'Hi, I’m MedNanny 👋 I keep your family’s care record, medicines, reminders and SOS alerts, right here in chat. ' +
        `Let’s set up your family. What’s your first name?${profileName ? ` (or reply OK for ${profileName})` : ''}`,
    )
  }
  const input: StepInput = { tx, now, sender, text, data: session.data, profileName, save }
  return STEPS[session.step](input)
}

const STEPS: Record<Step, (i: StepInput) => Promise<Outcome>> = {
  async ask_name({ text, data, profileName, save }) {
    const fromProfile = YES.test(text) && profileName && !personNameProblem(profileName) ? profileName : undefined
    const name = fromProfile ?? cleanName(text, 'person')
    if (!name) return reply('onboarding', 'What’s your first name? Just the name, e.g. Ana.')
    await save('ask_family', { ...data, ownerName: name })
    return reply('onboarding', `Nice to meet you, ${name}. What should I call your family? e.g. The Garcias`)
  },

  async ask_family({ text, data, sender, save }) {
    const familyName = cleanName(text, 'family')
    if (!familyName) return reply('onboarding', 'What should I call your family? e.g. The Garcias')
    const phone = isPhoneAddress(sender.address)
    const timezone = (phone && guessTimezone(sender.address)) || 'UTC'
    const locale = phone ? guessLocale(sender.address) : 'en-US'
    await save('confirm_timezone', { ...data, familyName, timezone, locale })
    return reply(
      'onboarding',
      `Great: “${familyName}”. Your time zone looks like ${timezone}. Reply YES to create the family, ` +
        'or send your city or time zone (e.g. London, Chicago or Europe/Madrid).',
    )
  },

  async confirm_timezone({ tx, now, sender, text, data, save }) {
    if (!YES.test(text)) {
      const timezone = findTimezone(text)
      if (!timezone) {
        return reply(
          'onboarding',
          `I don’t know the time zone “${text.slice(0, 40)}”. Send a city like London or a zone like America/Chicago, or YES to keep ${data.timezone}.`,
        )
      }
      await save('confirm_timezone', { ...data, timezone })
      return reply('onboarding', `Time zone ${timezone}. Reply YES to create “${data.familyName}”.`)
    }
    const { family } = await createFamily(tx, now, {
      name: data.familyName ?? 'My family',
      timezone: data.timezone ?? 'UTC',
      locale: data.locale ?? 'en-US',
      owner: { name: data.ownerName ?? 'Owner', sender },
    })
    await endOnboarding(tx, sender.kind, sender.address)
    return reply(
      'onboarding',
      `Done! “${family.name}” is set up (${family.timezone}) and you’re its owner. ` +
        'Add people by text, e.g. “add Maria +1 555 123 4567 as nanny” or “add grandma +44 7700 900123 as emergency contact”. Send HELP any time.',
    )
  },
}

/**
 * A name as typed: trimmed, without "I'm"/"my name is" and trailing punctuation, a few words of letters.
 * Questions and command words ("who am i?", "help", "yes") are not names: the question is asked again.
 */
function cleanName(text: string, kind: 'person' | 'family'): string | undefined {
  const name = text
    .trim()
    .replace(/^(i['’]?m|i am|my name is|it['’]?s|this is|we['’]?re|we are|call (us|me))\s+/i, '')
    .replace(/[.!]+$/, '')
    .trim()
  if (!name || name.split(/\s+/).length > (kind === 'person' ? 3 : 6)) return undefined
  if (NOT_A_NAME.test(name)) return undefined
  // Names are texted to other people (invitations): only letters and the like, never a link.
  const problem = kind === 'person' ? personNameProblem(name) : familyNameProblem(name)
  return problem ? undefined : name
}

const NOT_A_NAME =
  /^(y|n|(hi|hello|hey|help|info|yes|no|ok|okay|stop|start|menu|sos|who|what|when|where|why|how|can|add|invite|remove|my|show|list)\b.*)$/i

const reply = (route: string, text: string): Outcome => ({ route, replies: [text] })
