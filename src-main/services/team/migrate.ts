// Creates and upgrades the team server's schema: each pending migration in its own transaction,
// recorded in schema_migrations with it, under an advisory lock so that two desks upgrading at once
// take turns. Runs as the role that owns the database (the migrator), never as the desks' role.
import { escapeIdentifier, type ClientBase } from 'pg';
import { AppError } from '../../../src-shared/errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

/** Any number, the same in every build: the lock that serialises migrations on one database. */
const MIGRATION_LOCK = 0x5265_6472;

/** The server's schema is newer than this build knows, or a migration failed (nothing of it stayed). */
export class TeamSchemaError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, undefined, options);
  }
}

const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** The newest migration applied on the server (0 for an empty database). */
export async function schemaVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  if (!rows[0]?.exists) return 0;
  const max = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return max.rows[0]?.version ?? 0;
}

/** A migration's SQL with `{app}` as the application role's quoted name. */
export function migrationSql(migration: Migration, appRole: string): string {
  return migration.sql.replaceAll('{app}', escapeIdentifier(appRole));
}

export interface MigrateOptions {
  /** The role the desks log in as: the migrations grant it what it may do. */
  appRole: string;
  /** Stop after this version (tests build older servers); the newest by default. */
  to?: number;
  migrations?: readonly Migration[];
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: number[];
}

/** Brings the server's schema to `to` (the newest by default), one transaction per migration. */
export async function migrate(client: ClientBase, options: MigrateOptions): Promise<MigrateResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.at(-1)?.version ?? 0;
  const target = options.to ?? known;
  const from = await schemaVersion(client);
  if (from > known) {
    throw new TeamSchemaError(
      `The team server's database is at version ${from}, newer than this Redress knows (${known}): update Redress on this desk.`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > target) break;
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(CREATE_LEDGER);
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.rowCount === 0) {
        await client.query(migrationSql(migration, options.appRole));
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        applied.push(migration.version);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new TeamSchemaError(
        `The team server's database could not be brought to version ${migration.version} (${migration.name}); nothing of that step was kept.`,
        { cause: error },
      );
    }
  }
  return { from, to: await schemaVersion(client), applied };
}

export { SCHEMA_VERSION };
