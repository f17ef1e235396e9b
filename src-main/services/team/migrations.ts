// The team server's schema, as ordered SQL migrations. A migration, once released, is never edited:
// a change is a new entry at the end. `{app}` stands for the application role (the desks' login),
// quoted as an identifier when a migration runs; everything else is owned by the role that migrates.
//
// The tables:
// - sync_head: one row, the head of the change sequence (and, from version 2, of the audit chain).
//   A push takes this row FOR UPDATE and bumps it in its own transaction, so seqs are gap-free and
//   given in one order (a SERIAL would leave a gap at every rolled-back push).
// - records: the current state of every synced record, by (kind, id), with its version.
// - changes: one row per applied change, by seq, with the desk's idempotency key (unique).
// - audit: insert-only (grants, plus a trigger that refuses UPDATE/DELETE/TRUNCATE even for the
//   owner), each row linked to the one before it in seq order.
// - roles, accounts, evidence_blobs: identity and content-addressed evidence on the server.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'change sequence and records',
    sql: `
CREATE TABLE sync_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_seq bigint NOT NULL CHECK (last_seq >= 0)
);
INSERT INTO sync_head (id, last_seq) VALUES (true, 0);

-- The head only moves forward: a seq once given is never given again.
CREATE FUNCTION sync_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.last_seq < OLD.last_seq THEN
    RAISE EXCEPTION 'The change sequence only moves forward (% to %).', OLD.last_seq, NEW.last_seq
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sync_head_forward BEFORE UPDATE ON sync_head FOR EACH ROW EXECUTE FUNCTION sync_head_forward();
CREATE FUNCTION sync_head_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The change sequence''s head row is never removed.' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER sync_head_keep BEFORE DELETE ON sync_head FOR EACH ROW EXECUTE FUNCTION sync_head_keep();

CREATE TABLE records (
  kind text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL CHECK (version > 0),
  data jsonb NOT NULL,
  restricted boolean NOT NULL DEFAULT false,
  updated_seq bigint NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX records_updated_seq ON records (updated_seq);

CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  desk_id text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  id text NOT NULL,
  -- The record's version this change produced.
  version bigint NOT NULL,
  -- { field: { before, after } } as the desk saw it.
  fields jsonb NOT NULL,
  actor jsonb NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_record ON changes (kind, id, seq);

-- Desks read which schema version the server is at.
GRANT SELECT ON schema_migrations TO {app};
GRANT SELECT, UPDATE ON sync_head TO {app};
GRANT SELECT, INSERT, UPDATE ON records TO {app};
GRANT SELECT, INSERT ON changes TO {app};
`,
  },
  {
    version: 2,
    name: 'insert-only audit chain',
    sql: `
ALTER TABLE sync_head
  ADD COLUMN audit_seq bigint NOT NULL DEFAULT 0,
  ADD COLUMN audit_hash text NOT NULL DEFAULT '${'0'.repeat(64)}';

CREATE TABLE audit (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE,
  -- The entry as the chain hashes it (src-shared/domain/audit.ts), with its seq and hashes.
  entry jsonb NOT NULL,
  desk_id text NOT NULL,
  change_seq bigint NOT NULL UNIQUE REFERENCES changes (seq),
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Nobody rewrites history, not even the owner: an entry is added once and stays as written.
CREATE FUNCTION audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is insert-only: % is refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_insert_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_insert_only();

-- One order: each entry follows the newest one, by seq and by hash.
CREATE FUNCTION audit_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest audit%ROWTYPE;
BEGIN
  SELECT * INTO newest FROM audit ORDER BY seq DESC LIMIT 1;
  IF NEW.seq <> COALESCE(newest.seq, 0) + 1
     OR NEW.prev_hash <> COALESCE(newest.hash, '${'0'.repeat(64)}') THEN
    RAISE EXCEPTION 'Audit entry % does not follow the newest entry.', NEW.seq USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_in_order BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_in_order();

GRANT SELECT, INSERT ON audit TO {app};
`,
  },
  {
    version: 3,
    name: 'accounts, roles and evidence',
    sql: `
CREATE TABLE roles (
  name text PRIMARY KEY,
  description text NOT NULL
);
INSERT INTO roles (name, description) VALUES
  ('officer', 'Logs and handles complaints'),
  ('investigator', 'Investigates the cases given to them'),
  ('manager', 'Approves remedies and oversees the team'),
  ('administrator', 'Manages accounts and settings');

CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- The PHC string (scrypt), as in accounts.json on a single desk.
  password_hash text NOT NULL,
  approval_limit numeric,
  disabled boolean NOT NULL DEFAULT false,
  version bigint NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_name ON accounts (lower(name));

CREATE TABLE account_roles (
  account_id text NOT NULL REFERENCES accounts (id),
  role text NOT NULL REFERENCES roles (name),
  PRIMARY KEY (account_id, role)
);

CREATE TABLE evidence_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  -- The server checks the content address itself: bytes that do not hash to their name are refused.
  bytes bytea NOT NULL CHECK (octet_length(bytes) = size AND encode(sha256(bytes), 'hex') = sha256),
  desk_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON roles, accounts, account_roles TO {app};
GRANT SELECT, INSERT ON evidence_blobs TO {app};
`,
  },
];

/** The schema version this build of Redress knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
