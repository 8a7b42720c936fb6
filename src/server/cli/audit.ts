import type { ChainVerdict } from '../../domain/audit-chain.js';
import type { Executor } from '../db/client.js';
import { verifyAudit } from '../usecases/verify-audit.js';
import { EXIT_FAILURE, EXIT_OK, parseCommandLine, plural, UsageError, type Command, type Io } from './common.js';
import { openCliDatabase } from './open.js';

const reasons: Record<'content' | 'link', string> = {
  content: 'the row no longer matches its hash: it was changed after it was written',
  link: "the row's prev_hash does not match the row before it: a row was removed, inserted or reordered",
};

/** "audit chain OK: N rows", or "audit chain BROKEN at row <id> (<reason>)" plus an explanation. */
export function auditVerdictLines(verdict: ChainVerdict): string[] {
  if (verdict.ok) return [`audit chain OK: ${plural(verdict.rows, 'row')}`];
  return [
    `audit chain BROKEN at row ${verdict.brokenId} (${verdict.reason})`,
    `  ${reasons[verdict.reason]}; the ${plural(verdict.rows, 'row')} before it verified.`,
  ];
}

/** Verify the chain and print the verdict; exit code 0 when intact, 1 when broken. */
export async function auditVerify(ex: Executor, io: Io): Promise<number> {
  const verdict = await verifyAudit(ex);
  for (const line of auditVerdictLines(verdict)) io.out(line);
  return verdict.ok ? EXIT_OK : EXIT_FAILURE;
}

const usage = `Usage: npm run ducha -- audit verify

Check the hash chain of the whole change history (审计日志). Every history row's hash covers its content and the
previous row's hash, so a row changed, removed or inserted behind the application's back breaks the chain there.

  Prints "audit chain OK: N rows" (exit code 0) or "audit chain BROKEN at row <id> (<reason>)" (exit code 1), where
  the reason is "content" (the row was altered) or "link" (rows were removed, inserted or reordered).

  Uses PostgreSQL when DATABASE_URL is set (safe while the server runs), otherwise PGlite in <DUCHA_DATA_DIR>/db
  (stop the server first). The same check is available to administrators in the web app.

Options:
  -h, --help   show this help`;

export const auditCommand: Command = {
  summary: 'audit verify: check the hash chain of the change history',
  usage,
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandLine(argv, {});
    if (values.help) {
      io.out(usage);
      return EXIT_OK;
    }
    const [sub, ...rest] = positionals;
    if (sub === undefined) throw new UsageError('missing the audit subcommand (verify)');
    if (sub !== 'verify') throw new UsageError(`unknown audit subcommand "${sub}" (the only one is verify)`);
    if (rest.length > 0) throw new UsageError('too many arguments');
    const { database, where } = await openCliDatabase(io, { mustExist: true });
    try {
      io.err(`verifying the audit chain in ${where} ...`);
      return await auditVerify(database.db, io);
    } finally {
      await database.close();
    }
  },
};
