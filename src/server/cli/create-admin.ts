import { eq } from 'drizzle-orm';
import { checkPassword } from '../../domain/password-policy.js';
import { username as usernameSchema } from '../../shared/api/users.js';
import { passwordProblemCatalog } from '../../shared/i18n/errors.js';
import { translate } from '../../shared/i18n/translate.js';
import { recordChange } from '../audit/record-change.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import { units, users } from '../db/schema.js';
import { buildUser } from '../seed/builders.js';
import { CliError, EXIT_OK, parseCommandLine, UsageError, type Command, type Io } from './common.js';
import { openCliDatabase } from './open.js';

export interface NewAdmin {
  username: string;
  unitId: number;
  password: string;
  displayName?: string;
}

const DEFAULT_DISPLAY_NAME = '系统管理员';

/**
 * Create an administrator directly in the database, for when nobody can sign in as one any more. The password must
 * pass the same policy as everywhere else. The account and its history row are written in one transaction.
 */
export async function createAdmin(database: Database, input: NewAdmin): Promise<{ id: number; username: string; unitName: string }> {
  const parsed = usernameSchema.safeParse(input.username);
  if (!parsed.success)
    throw new CliError(`invalid username "${input.username}": 3–32 characters (letters, digits, . _ -), starting with a letter`);
  const username = parsed.data;
  const displayName = (input.displayName ?? DEFAULT_DISPLAY_NAME).trim();
  if (displayName.length === 0 || displayName.length > 64) throw new CliError('the display name must be 1–64 characters');
  const verdict = checkPassword(input.password, { username, displayName });
  if (!verdict.ok)
    throw new CliError(
      `the password is too weak: ${verdict.problems.map((p) => translate(passwordProblemCatalog, 'en', p)).join('; ')}`,
    );
  const passwordHash = await hashPassword(input.password);

  return database.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id, name: units.name, enabled: units.enabled }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw new CliError(`there is no unit with id ${input.unitId} (the unit ids are listed under 单位管理 in the web app, or in the units table)`);
    if (!unit.enabled) throw new CliError(`the unit ${input.unitId} (${unit.name}) is disabled; choose an enabled unit`);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw new CliError(`the username "${username}" is taken (user id ${taken.id}); choose another one`);
    const user = await buildUser(tx, { username, displayName, unitId: unit.id, roles: ['admin'], passwordHash });
    await recordChange(tx, { id: null, name: 'system' }, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: {
        id: user.id,
        username,
        displayName,
        unitId: unit.id,
        unitName: unit.name,
        roles: ['admin'],
        enabled: true,
        mustChangePassword: false,
        source: 'ducha create-admin',
      },
    });
    return { id: user.id, username, unitName: unit.name };
  });
}

/** Read a line from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
          finish();
          reject(new CliError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u001b') break; // an escape sequence (arrow keys ...): ignore the rest of it
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: Io, username: string): Promise<string> {
  const fromEnv = io.env.DUCHA_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new CliError('no password: set DUCHA_ADMIN_PASSWORD, or run the command in a terminal to be asked for it');
  const first = await promptHidden(`Password for the new administrator "${username}": `);
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new CliError('the two passwords differ; nothing was changed');
  return first;
}

const usage = `Usage: npm run ducha -- create-admin --username <name> --unit-id <id> [--display-name <name>]

Create a new administrator account, to regain access when no administrator can sign in. The account gets the admin
role in the given unit (usually the root unit, e.g. the county government, id 1 on a fresh install) and a history row
("user.created" by "system") is written in the same transaction.

  The password is taken from DUCHA_ADMIN_PASSWORD, or asked for twice without echo when run in a terminal. It must
  pass the password policy: at least 10 characters, three of upper case / lower case / digits / symbols, not
  containing the username, not a common password, no long repeats or sequences.

  Uses PostgreSQL when DATABASE_URL is set (works while the server runs), otherwise PGlite in <DUCHA_DATA_DIR>/db
  (stop the server first).

Options:
  --username <name>       the new account's login name (3–32 characters: letters, digits, . _ -)
  --unit-id <id>          the id of the unit the account belongs to
  --display-name <name>   shown in the app and the history (default: ${DEFAULT_DISPLAY_NAME})
  -h, --help              show this help`;

export const createAdminCommand: Command = {
  summary: 'create an administrator account (to recover access)',
  usage,
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandLine(argv, {
      username: { type: 'string' },
      'unit-id': { type: 'string' },
      'display-name': { type: 'string' },
    });
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.username) throw new UsageError('missing --username');
    if (!values['unit-id']) throw new UsageError('missing --unit-id');
    const unitId = Number(values['unit-id']);
    if (!Number.isInteger(unitId) || unitId < 1) throw new UsageError('--unit-id must be a positive whole number');
    const username = values.username.trim().toLowerCase();
    if (!usernameSchema.safeParse(username).success)
      throw new UsageError(`invalid username "${values.username}": 3–32 characters (letters, digits, . _ -), starting with a letter`);

    const password = await readPassword(io, username);
    const { database, where } = await openCliDatabase(io, { mustExist: true });
    try {
      const created = await createAdmin(database, { username, unitId, password, displayName: values['display-name'] });
      io.out(`administrator "${created.username}" created (user id ${created.id}, unit ${created.unitName}) in ${where}`);
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};
