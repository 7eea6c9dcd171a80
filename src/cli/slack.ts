import { Command } from 'commander'
import { createLinkCode, LINK_CODE_TTL_MS } from '../domain/families/links.js'
import { findFamily, ownerActor } from '../domain/families/queries.js'
import { type CliContext, withDb, writeJson } from './context.js'
import { nameOption } from './input.js'

interface LinkOptions {
  family: string
  member: string
  json?: boolean
}

/** `mednanny slack link`: a one-time code that links a member's Slack account (docs/decisions/0023-slack.md). */
export function slackCommand(ctx: CliContext): Command {
  const slack = new Command('slack').description('connect Slack accounts to family members')

  slack
    .command('link')
    .description('print a one-time code; the member types /nanny link CODE in Slack to link their account')
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .requiredOption('--member <name>', 'the member whose Slack account this links, e.g. Maria')
    .option('--json', 'print the code as JSON')
    .action(async (opts: LinkOptions, cmd: Command) => {
      const memberName = nameOption('--member', opts.member, 'person')
      const { family, created } = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const family = await findFamily(tx, opts.family)
          const actor = await ownerActor(tx, family.id)
          const created = await createLinkCode(tx, actor, ctx.clock.now(), { memberName, kind: 'slack' })
          return { family, created }
        }),
      )
      if (opts.json) {
        writeJson(ctx.stdout, {
          familyId: family.id,
          memberId: created.member.id,
          code: created.code,
          expiresAt: created.expiresAt,
        })
        return
      }
      const minutes = LINK_CODE_TTL_MS / 60_000
      ctx.stdout.write(
        `Link code for ${created.member.name} in ${family.name}: ${created.code} (works once, for ${minutes} minutes).\n` +
          `${created.member.name} types in Slack: /nanny link ${created.code}\n`,
      )
    })

  return slack
}
