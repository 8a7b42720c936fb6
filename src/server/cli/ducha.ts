import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { auditCommand } from './audit.js';
import { backupCommand } from './backup.js';
import { CliError, describeError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type Command, type Io } from './common.js';
import { createAdminCommand } from './create-admin.js';
import { restoreCommand } from './restore.js';

/** Operator commands: `npm run ducha -- <command> [options]`. Exit codes: 0 ok, 1 failure, 2 wrong usage. */
export const commands: Record<string, Command> = {
  backup: backupCommand,
  restore: restoreCommand,
  audit: auditCommand,
  'create-admin': createAdminCommand,
};

const overview = `Usage: npm run ducha -- <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`)
  .join('\n')}

Run "npm run ducha -- <command> --help" for a command's options.

The database is the server's: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in
<DUCHA_DATA_DIR>/db (DUCHA_DATA_DIR defaults to ./data). PGlite allows one process at a time, so stop the server
before running a command against it. Exit codes: 0 success, 1 failure, 2 wrong usage.`;

export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(overview);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0] === undefined ? undefined : commands[rest[0]];
    io.out(topic ? topic.usage : overview);
    return EXIT_OK;
  }
  const command = commands[name];
  if (!command) {
    io.err(`ducha: unknown command "${name}"\n\n${overview}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ducha ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.err(`ducha ${name}: ${error.message}`);
      return EXIT_FAILURE;
    }
    const detail = describeError(error);
    io.err(`ducha ${name} failed: ${detail}`);
    if (io.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack) io.err(error.stack);
    return EXIT_FAILURE;
  }
}

const invokedPath = process.argv[1] ? realpathSync(process.argv[1]) : undefined;
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  const code = await runCli(process.argv.slice(2));
  // Let pending output drain; nothing else should keep the process alive (databases are closed by the commands).
  process.exitCode = code;
}
