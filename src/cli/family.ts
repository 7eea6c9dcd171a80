import { Command } from 'commander'
import { listFamilies } from '../domain/families/queries.js'
import { createFamily } from '../domain/families/service.js'
import { endOnboarding } from '../domain/onboarding/service.js'
import { guessLocale } from '../lib/phone.js'
import { type CliContext, withDb, writeJson } from './context.js'
import { localeOption, nameOption, phoneOption, timezoneOption } from './input.js'

interface CreateOptions {
  name: string
  ownerPhone: string
  ownerName: string
  timezone: string
  locale?: string
  json?: boolean
}

/** `mednanny family create|list`. */
export function familyCommand(ctx: CliContext): Command {
  const family = new Command('family').description('create and list families')

  family
    .command('create')
    .description("create a family and its owner, who is active at once; prints the family's id")
    .requiredOption('--name <name>', 'family name, e.g. "The Garcias"')
    .requiredOption('--owner-phone <e164>', "owner's mobile number, international format (+15551234567)")
    .requiredOption('--timezone <zone>', 'IANA time zone, e.g. America/New_York')
    .option('--owner-name <name>', 'what the family calls the owner; shown in invitations', 'Owner')
    .option('--locale <tag>', "BCP 47 locale (default: from the owner's number, e.g. en-US for +1)")
    .option('--json', 'print {"id", "name"} as JSON')
    .action(async (opts: CreateOptions, cmd: Command) => {
      const name = nameOption('--name', opts.name, 'family')
      const ownerName = nameOption('--owner-name', opts.ownerName, 'person')
      const phone = phoneOption('--owner-phone', opts.ownerPhone)
      const timezone = timezoneOption(opts.timezone)
      const locale = opts.locale === undefined ? guessLocale(phone) : localeOption(opts.locale)
      const { family: created } = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const out = await createFamily(tx, ctx.clock.now(), {
            name,
            timezone,
            locale,
            owner: { name: ownerName, sender: { kind: 'phone', address: phone, channel: 'sms' } },
          })
          // A set-up they had started by text is moot now that they own a family.
          await endOnboarding(tx, 'phone', phone)
          return out
        }),
      )
      if (opts.json) writeJson(ctx.stdout, { id: created.id, name: created.name })
      else ctx.stdout.write(`${created.id}\n`)
    })

  family
    .command('list')
    .description('list families: id, name, time zone and active members')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withDb(ctx, cmd, (db) => db.read((tx) => listFamilies(tx)))
      const list = rows.map((f) => ({
        id: f.id,
        name: f.name,
        timezone: f.timezone,
        locale: f.locale,
        activeMembers: f.members,
        createdAt: f.createdAt,
      }))
      if (opts.json) return writeJson(ctx.stdout, list)
      if (list.length === 0) {
        ctx.stdout.write(
          'No families yet. Create one with: mednanny family create --name … --owner-phone … --timezone …\n',
        )
        return
      }
      ctx.stdout.write(
        table(
          ['ID', 'NAME', 'TIMEZONE', 'MEMBERS'],
          list.map((f) => [f.id, f.name, f.timezone, String(f.activeMembers)]),
        ),
      )
    })

  return family
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}
