// The case database (Dexie over IndexedDB). Every schema change is a new entry in SCHEMA_VERSIONS
// with an upgrade function when data must move, and a migration test from the version before.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { AuditEntry } from '../../src-shared/domain/audit';
import type { CaseRecord } from '../../src-shared/domain/case';
import type { UserRecord } from '../../src-shared/domain/users';

export const DB_NAME = 'redress';

export interface CounterRow {
  key: string;
  value: number;
  /** Used by the audit head, which also keeps the newest hash. */
  hash?: string;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The full history of the schema, oldest first. Never edit a released entry: add one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      cases: 'id, &reference, [receivedAt+id], createdAt, updatedAt, status',
      audit: 'seq, caseId, [caseId+seq], at',
      counters: 'key',
      users: 'id, name',
    },
  },
];

export class RedressDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  audit!: EntityTable<AuditEntry, 'seq'>;
  counters!: EntityTable<CounterRow, 'key'>;
  users!: EntityTable<UserRecord, 'id'>;

  constructor(name = DB_NAME, options: ConstructorParameters<typeof Dexie>[1] = {}) {
    // 'strict' durability: a committed complaint is on disk, not in an OS buffer.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

let instance: RedressDB | undefined;

/** The app's one database connection. */
export function getDb(): RedressDB {
  instance ??= new RedressDB();
  return instance;
}

/** Asks the browser to keep the database even under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
