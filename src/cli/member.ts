import { Command, Option } from 'commander'
import { findFamily, ownerActor } from '../domain/families/queries.js'
import { inviteMember } from '../domain/families/service.js'
import { formatPhone } from '../lib/phone.js'
import { type CliContext, CliError, withDb, writeJson } from './context.js'
import { nameOption, phoneOption, roleOption, slackOption } from './input.js'

interface AddOptions {
  family: string
  name: string
  role: string
  phone?: string
  slack?: string
  emergencyContact?: boolean
  json?: boolean
}

/** `mednanny member add`. */
export function memberCommand(ctx: CliContext): Command {
  const member = new Command('member').description('invite people to a family')

  member
    .command('add')
    .description('invite a person to a family; they join by replying YES')
    .requiredOption('--family <id-or-name>', "the family's id or exact name")
    .requiredOption('--name <name>', 'what the family calls them, e.g. Maria')
    .requiredOption('--role <role>', 'admin, caregiver, member or viewer (also: parent, nanny, grandparent)')
    .addOption(new Option('--phone <e164>', 'their mobile number, international format').conflicts('slack'))
    .addOption(new Option('--slack <team:user>', 'their Slack team and user ids, e.g. T0123:U0456'))
    .option('--emergency-contact', 'reached by SOS alerts')
    .option('--json', 'print the invitation as JSON')
    .action(async (opts: AddOptions, cmd: Command) => {
      if (!opts.phone && !opts.slack) throw new CliError('give --phone or --slack: where to send the invitation')
      const name = nameOption('--name', opts.name, 'person')
      const { role, emergencyContact } = roleOption(opts.role)
      const identity = opts.phone
        ? { kind: 'phone' as const, address: phoneOption('--phone', opts.phone) }
        : { kind: 'slack' as const, address: slackOption(opts.slack ?? '') }
      const { family, invited, invitation } = await withDb(ctx, cmd, (db) =>
        db.transaction(async (tx) => {
          const family = await findFamily(tx, opts.family)
          const actor = await ownerActor(tx, family.id)
          const { member: invited, invitation } = await inviteMember(tx, actor, ctx.clock.now(), {
            name,
            role,
            emergencyContact: emergencyContact || Boolean(opts.emergencyContact),
            ...identity,
          })
          return { family, invited, invitation }
        }),
      )
      if (identity.kind === 'slack') {
        // The outbox row is written; a server without a Slack sender marks it failed (no_sender).
        ctx.stderr.write('mednanny: note: the server sends this invitation by Slack DM when SLACK_BOT_TOKEN is set.\n')
      }
      if (opts.json) {
        writeJson(ctx.stdout, {
          familyId: family.id,
          memberId: invited.id,
          invitationId: invitation.id,
          name: invited.name,
          role: invited.role,
          emergencyContact: invited.emergencyContact,
          kind: invitation.kind,
          address: invitation.address,
          expiresAt: invitation.expiresAt,
        })
        return
      }
      const where = identity.kind === 'phone' ? formatPhone(identity.address) : `Slack ${identity.address}`
      const as = invited.role + (invited.emergencyContact ? ' and emergency contact' : '')
      ctx.stdout.write(`Invited ${invited.name} (${where}) to ${family.name} as ${as}; they join by replying YES.\n`)
    })

  return member
}
