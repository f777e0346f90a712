/**
 * Administrator commands against the server's data folder; safe to run while the server is up
 * (revocations reach live sockets within about a second).
 *
 *   npm run server:admin -- <command> [args] [--data DIR] [--config FILE]
 *
 * `--config` is the server's configuration file, for its password policy and name.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createAdminCommands, type AdminCommands } from '../admin/commands';
import { loadConfigFile, parseConfig } from '../config';
import { ServiceError } from '../errors';
import { Store } from '../store/store';
import { readPassword } from './password-input';

const USAGE = `usage: npm run server:admin -- <command> [--data DIR] [--config FILE]

commands:
  create-user <username> <display name> [--role member|admin] [--password P]
              (without --password the password is read from stdin)
  create-channel <name> [--topic TEXT]
  add-member <channel> <username>
  list-users
  list-channels
  list-sessions
  revoke-session <session id> [--reason TEXT]
  revoke-user <username> [--reason TEXT]
  revoke-all [--reason TEXT]
  enroll-mfa <username>      (prints the TOTP secret and otpauth:// URI for the user's app)
  reset-mfa <username>`;

type Command = (admin: AdminCommands, args: string[], flags: Flags) => Promise<void> | void;
interface Flags {
  role?: string;
  password?: string;
  topic?: string;
  reason?: string;
}

const COMMANDS: Record<string, Command> = {
  async 'create-user'(admin, [username, displayName], flags) {
    need(username && displayName, 'create-user needs <username> <display name>');
    const password = flags.password ?? (await readPassword());
    const role = flags.role ?? 'member';
    need(role === 'member' || role === 'admin', '--role must be member or admin');
    const user = await admin.createUser({ username, displayName, role, password });
    console.log(`created user ${user.username} (${user.id}, ${user.role})`);
  },
  'create-channel'(admin, [name], flags) {
    need(name, 'create-channel needs <name>');
    const channel = admin.createChannel({ name: name.replace(/^#/, ''), topic: flags.topic });
    console.log(`created channel #${channel.name} (${channel.id})`);
  },
  'add-member'(admin, [channelName, username]) {
    need(channelName && username, 'add-member needs <channel> <username>');
    const channel = admin.findChannel(channelName);
    const user = admin.findUser(username);
    admin.addMember({ channelId: channel.id, userId: user.id });
    console.log(`${user.username} is a member of #${channel.name}`);
  },
  'list-users'(admin) {
    for (const u of admin.listUsers())
      console.log(`${u.id}\t${u.username}\t${u.role}\t${u.displayName}`);
  },
  'list-channels'(admin) {
    for (const c of admin.listChannels()) console.log(`${c.id}\t#${c.name}\t${c.topic}`);
  },
  'list-sessions'(admin) {
    console.log('id\tuser\tcreated\tlast seen\tstatus');
    for (const s of admin.listSessions()) {
      const status = s.revokedAt ? `revoked ${iso(s.revokedAt)}: ${s.revokeReason ?? ''}` : 'live';
      console.log(`${s.id}\t${s.username}\t${iso(s.createdAt)}\t${iso(s.lastSeenAt)}\t${status}`);
    }
  },
  'revoke-session'(admin, [sessionId], flags) {
    need(sessionId, 'revoke-session needs <session id>');
    admin.revokeSession(sessionId, flags.reason);
    console.log(`revoked session ${sessionId}`);
  },
  'revoke-user'(admin, [username], flags) {
    need(username, 'revoke-user needs <username>');
    const count = admin.revokeUser(username, flags.reason);
    console.log(`revoked ${count} session(s) of ${username}`);
  },
  'revoke-all'(admin, _args, flags) {
    const count = admin.revokeAll(flags.reason);
    console.log(`revoked ${count} session(s)`);
  },
  'enroll-mfa'(admin, [username]) {
    need(username, 'enroll-mfa needs <username>');
    const { secret, otpauthUri } = admin.enrollMfa(username);
    // Printing the secret is the point: the administrator hands it to the user's app.
    console.log(`two-factor authentication is now required for ${username}`);
    console.log(`secret: ${secret}`);
    console.log(`uri:    ${otpauthUri}`);
  },
  'reset-mfa'(admin, [username]) {
    need(username, 'reset-mfa needs <username>');
    admin.resetMfa(username);
    console.log(`removed two-factor authentication from ${username}`);
  },
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: path.join('.parley-dev', 'server') },
      role: { type: 'string' },
      password: { type: 'string' },
      topic: { type: 'string' },
      reason: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...args] = positionals;
  if (values.help || !name) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);

  const config = values.config
    ? await loadConfigFile(path.resolve(values.config))
    : parseConfig({});
  const store = Store.open(path.resolve(values.data));
  try {
    await command(createAdminCommands(store, {}, config), args, values);
  } finally {
    store.close();
  }
}

class UsageError extends Error {}

function need(condition: unknown, message: string): asserts condition {
  if (!condition) throw new UsageError(message);
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const message = error instanceof ServiceError ? error.message : (error as Error).message;
  console.error(`error: ${message}`);
  process.exit(1);
});
