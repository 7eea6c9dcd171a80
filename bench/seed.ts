import type { FakeTwilio, FakeTwilioMessage } from '../tests/fakes/twilio.js'
import { postWebhook, signedInbound, sleep } from './support.js'

const FAMILY = 'The Benches'
const TIMEOUT_MS = 10_000

/** A family sends at most 10 invitations a day (domain/families/service.ts): so families of 10. */
const FAMILY_SIZE = 10

/**
 * Families of ten (an owner and nine invitees) until every phone is an active member, set up by chat as
 * people would: onboarding, "add … as grandma", YES. Only the public webhook is used, so the bench does
 * not depend on how the domain services are arranged. Throws when a phone did not end up a member.
 */
export async function seedFamily(url: string, fake: FakeTwilio, phones: string[]): Promise<void> {
  const chat = new Chat(url, fake)
  try {
    for (let at = 0; at < phones.length; at += FAMILY_SIZE) {
      const [owner = '', ...others] = phones.slice(at, at + FAMILY_SIZE)
      for (const text of ['hi', 'Ana', FAMILY, 'yes']) await chat.say(owner, text)
      for (const [i, phone] of others.entries()) {
        // The invitation must reach the invitee before they answer it.
        const invited = chat.next(phone)
        await chat.say(owner, `add Bench ${letters(i)} ${phone} as grandma`)
        await invited
      }
      await Promise.all(others.map((phone) => chat.say(phone, 'YES')))
    }
    await chat.quiet(200) // the owner's "… joined" notices
    await Promise.all(
      phones.map(async (phone) => {
        const reply = await chat.say(phone, 'who am i')
        if (!reply.includes(FAMILY)) throw new Error(`seed: ${phone} is not a member (answer: ${reply.slice(0, 60)})`)
      }),
    )
    await chat.quiet(100)
  } finally {
    fake.onMessage = undefined
  }
}

/** Two letters per index (aa, ab, …): names may not contain digits. */
const letters = (i: number) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))

class Chat {
  private readonly waiters = new Map<string, (body: string) => void>()
  private lastAt = performance.now()

  constructor(
    private readonly url: string,
    fake: FakeTwilio,
  ) {
    fake.onMessage = (m: FakeTwilioMessage) => {
      this.lastAt = performance.now()
      const waiter = this.waiters.get(m.to)
      this.waiters.delete(m.to)
      waiter?.(m.body)
    }
  }

  /** The body of the next message the fake sends to `phone`. */
  next(phone: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`seed: nothing sent to ${phone} in ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      )
      this.waiters.set(phone, (body) => {
        clearTimeout(timer)
        resolve(body)
      })
    })
  }

  /** Sends `text` from `phone` and returns the reply. */
  async say(phone: string, text: string): Promise<string> {
    const reply = this.next(phone)
    const status = await postWebhook(this.url, signedInbound(phone, text))
    if (status !== 200) throw new Error(`seed: webhook answered ${status}`)
    return reply
  }

  /** Resolves once nothing has been sent for `ms`. */
  async quiet(ms: number): Promise<void> {
    while (performance.now() - this.lastAt < ms) await sleep(ms / 4)
  }
}
