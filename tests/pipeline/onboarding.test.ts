import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // US number: the family's zone is guessed as America/New_York
const MARIA = '+15551234567'
const GRANDMA = '+447700900123'
const STRANGER = '+15559876543'
let t: TestApp

beforeEach(async () => {
  t = await startTestApp()
})
afterEach(async () => {
  await t.close()
})

/** Sends one SMS and returns the replies it produced. */
async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  const res = await t.sms(from, body)
  expect(res.statusCode).toBe(200)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

describe('creating a family by chat', () => {
  it('asks for a name and a family name, guesses the time zone from the number, and creates it on YES', async () => {
    expect((await say(ANA, 'hi'))[0]).toMatch(/What’s your first name/)
    expect((await say(ANA, 'Ana'))[0]).toMatch(/Nice to meet you, Ana/)
    expect((await say(ANA, 'The Garcias'))[0]).toMatch(/America\/New_York.*Reply YES/)
    expect((await say(ANA, 'yes'))[0]).toMatch(/The Garcias” is set up \(America\/New_York\)/)
    expect((await say(ANA, 'who am i'))[0]).toBe(
      'You’re Ana, owner in The Garcias (America/New_York). I reach you on SMS, then WhatsApp.',
    )
  })

  it('lets the newcomer correct the guessed time zone with a city', async () => {
    await say(ANA, 'hi')
    await say(ANA, 'Ana')
    await say(ANA, 'The Garcias')
    expect((await say(ANA, 'Los Angeles'))[0]).toMatch(/America\/Los_Angeles/)
    expect((await say(ANA, 'Atlantis'))[0]).toMatch(/don’t know the time zone/)
    await say(ANA, 'YES')
    expect((await say(ANA, 'who am i'))[0]).toMatch(/America\/Los_Angeles/)
  })
})

describe('inviting people by chat', () => {
  beforeEach(async () => {
    await onboardFamily(t, ANA)
  })

  it('invites a nanny, who joins only by replying YES', async () => {
    const [confirm] = await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    expect(confirm).toMatch(/Invitation sent to Maria \(\+1 555 123 4567\) as caregiver/)
    const [invitation] = t.inboxOf(MARIA)
    expect(invitation).toMatch(/Ana invited you to join The Garcias on MedNanny as a caregiver.*Reply YES/)

    // Before answering, Maria is not a member: she learns nothing about the family.
    const [before] = await say(MARIA, 'my family')
    expect(before).toMatch(/Reply YES to join or NO/)
    expect(before).not.toMatch(/owner|Garcias|\+1 555/)

    const [welcome] = await say(MARIA, 'YES')
    expect(welcome).toMatch(/Welcome to The Garcias, Maria/)
    expect(t.inboxOf(ANA).at(-1)).toMatch(/Maria joined The Garcias on MedNanny as caregiver/)
    const [family] = await say(MARIA, 'my family')
    expect(family).toMatch(/• Ana: owner, emergency contact/)
    expect(family).toMatch(/• Maria: caregiver \(SMS, WhatsApp\)/)
  })

  it('invites an emergency contact abroad in international format', async () => {
    const [confirm] = await say(ANA, 'add grandma +44 7700 900123 as emergency contact')
    expect(confirm).toMatch(/Invitation sent to grandma \(\+44 7700 900123\) as emergency contact/)
    expect(t.inboxOf(GRANDMA)).toHaveLength(1)
  })

  it('reads a number without a country code in the inviter’s country', async () => {
    await say(ANA, 'add Maria 555 123 4567 as nanny')
    expect(t.inboxOf(MARIA)).toHaveLength(1)
  })

  it('answers a typo in the role with the roles it knows, and invites nobody', async () => {
    const [reply] = await say(ANA, 'add Maria +1 555 123 4567 as nany')
    expect(reply).toMatch(/I don't know the role "nany"\. Use nanny, parent/)
    expect(t.inboxOf(MARIA)).toEqual([])
  })

  it('lets an invitee decline with NO', async () => {
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    expect((await say(MARIA, 'no'))[0]).toMatch(/you won’t join/)
    expect((await say(ANA, 'my family'))[0]).not.toMatch(/Maria/)
  })

  it('does not let a caregiver invite people', async () => {
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    await say(MARIA, 'yes')
    const [reply] = await say(MARIA, 'add Bob +1 555 000 1111 as nanny')
    expect(reply).toMatch(/Your role in this family doesn’t allow that/)
    expect(t.inboxOf('+15550001111')).toEqual([])
  })

  it('removes a member, who then sees nothing of the family', async () => {
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    await say(MARIA, 'yes')
    expect((await say(ANA, 'remove Maria'))[0]).toMatch(/Maria was removed/)
    const [after] = await say(MARIA, 'my family')
    expect(after).not.toMatch(/Ana|Garcias/)
  })

  it('refuses to invite a number that already belongs to a member', async () => {
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    await say(MARIA, 'yes')
    expect((await say(ANA, 'add Mary +1 555 123 4567 as nanny'))[0]).toMatch(/already belongs/)
  })
})

describe('invitations are rationed and carry names, not messages', () => {
  beforeEach(async () => {
    await onboardFamily(t, ANA)
  })

  it.each(['Claim your prize at evil.example', 'Eve 555', 'bit.ly/x', 'Winner!!! call now'])(
    'refuses “%s” as a name and texts nobody',
    async (name) => {
      const [reply] = await say(ANA, `add ${name} +1 555 123 4567 as nanny`)
      expect(reply).toMatch(/name has only letters/)
      expect(t.inboxOf(MARIA)).toEqual([])
    },
  )

  it('does not invite someone again for 30 days after they said NO', async () => {
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    await say(MARIA, 'no')
    const invitations = () => t.inboxOf(MARIA).filter((m) => /invited you/.test(m))
    expect((await say(ANA, 'add Maria +1 555 123 4567 as nanny'))[0]).toMatch(/won’t text them again for 30 days/)
    expect(invitations()).toHaveLength(1)
    t.clock.advance(31 * 24 * 60 * 60 * 1000)
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    expect(invitations()).toHaveLength(2)
  })

  it('sends at most 10 invitations a day per family', async () => {
    for (let i = 0; i < 10; i++) {
      const [reply] = await say(
        ANA,
        `add Guest ${String.fromCharCode(65 + i)} +1 555 300 10${String(i).padStart(2, '0')} as viewer`,
      )
      expect(reply).toMatch(/^Invitation sent/)
    }
    const [eleventh] = await say(ANA, 'add Late Guest +1 555 300 1099 as viewer')
    expect(eleventh).toMatch(/sent 10 invitations today/)
    expect(t.inboxOf('+15553001099')).toEqual([])
  })

  it('does not take a newcomer’s link as the family’s name', async () => {
    await say(STRANGER, 'hi')
    await say(STRANGER, 'Eve')
    expect((await say(STRANGER, 'Visit evil.example now'))[0]).toMatch(/What should I call your family/)
  })
})

describe('STOP, START and HELP', () => {
  beforeEach(async () => {
    await onboardFamily(t, ANA)
    await say(ANA, 'add Maria +1 555 123 4567 as nanny')
    await say(MARIA, 'yes')
  })

  it('sends nothing to a number that replied STOP, and resumes after START', async () => {
    expect(await say(MARIA, 'STOP')).toEqual([])
    // A message that would go to Maria (a reply to her) is suppressed, never sent.
    expect(await say(MARIA, 'who am i')).toEqual([])
    const suppressed = (await t.outboxRows()).filter((r) => r.toAddress === MARIA && r.status === 'suppressed')
    expect(suppressed.length).toBeGreaterThan(0)

    expect(await say(MARIA, 'start')).toEqual(['You’re subscribed to MedNanny messages again.'])
    expect((await say(MARIA, 'who am i'))[0]).toMatch(/You’re Maria/)
  })

  it('honours the usual synonyms (UNSUBSCRIBE, CANCEL) and only as the whole message', async () => {
    expect(await say(MARIA, 'unsubscribe')).toEqual([])
    await say(MARIA, 'START')
    expect(await say(MARIA, 'Cancel.')).toEqual([])
    await say(MARIA, 'UNSTOP')
    // "stop please" is a sentence, not the keyword (Twilio's rule too): it is handled as a message.
    expect((await say(MARIA, 'stop please')).length).toBe(1)
  })

  it('records opt-outs and answers HELP for members and strangers', async () => {
    expect((await say(MARIA, 'help'))[0]).toMatch(/who am i/)
    expect((await say(STRANGER, 'HELP'))[0]).toMatch(/To start a family, send HI/)
  })
})

describe('a newcomer’s answers', () => {
  it.each(['who am i', 'my family?', 'yes', 'help me', 'add Maria +1 555 123 4567 as nanny'])(
    'does not take “%s” as a name, and asks again',
    async (text) => {
      await say(STRANGER, 'hi')
      const [reply] = await say(STRANGER, text)
      expect(reply).not.toMatch(/Nice to meet you/)
    },
  )

  it('takes “I’m Ana.” as the name Ana', async () => {
    await say(STRANGER, 'hi')
    expect((await say(STRANGER, 'I’m Ana.'))[0]).toMatch(/^Nice to meet you, Ana\./)
  })
})

describe('an uninvited sender', () => {
  it('learns nothing about any family, whatever they ask', async () => {
    await onboardFamily(t, ANA, 'Zoraida', 'The Quintanillas')
    for (const text of ['my family', 'who am i', 'remove Ana', 'add Eve +1 555 222 3333 as parent', 'YES']) {
      for (const reply of await say(STRANGER, text)) {
        expect(reply).not.toMatch(/Zoraida|Quintanilla|owner|\+1 555/)
      }
    }
    expect(t.inboxOf('+15552223333')).toEqual([])
  })
})
