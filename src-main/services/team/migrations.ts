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
//   owner), each row linked to the one before it in seq order; from version 19 under row-level
//   security, as the changes are (and the evidence tables from 20).
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
  {
    version: 4,
    name: 'sign-in on the server: hidden password hashes, sessions, lockout, promote',
    sql: `
-- The desks' role no longer reads password hashes: only the columns a picker needs.
REVOKE SELECT ON accounts FROM {app};
GRANT SELECT (id, name, approval_limit, disabled, version, created_at) ON accounts TO {app};

-- name_key: the name as the desks match it (matchKey in src-shared/domain/case.ts: case, accents and
-- spacing do not matter), computed by the desk that writes the account.
ALTER TABLE accounts
  ADD COLUMN name_key text,
  ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  ADD COLUMN locked_until timestamptz;
-- No release wrote accounts at version 3 (the desks' role could not); lower() is a fallback only.
UPDATE accounts SET name_key = lower(name);
ALTER TABLE accounts ALTER COLUMN name_key SET NOT NULL, ADD CHECK (name_key <> '');
CREATE UNIQUE INDEX accounts_name_key ON accounts (name_key);

-- The office's lockout rule, as the desk's security policy sets it (promote copies it).
CREATE TABLE security_policy (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  lockout_attempts integer NOT NULL CHECK (lockout_attempts BETWEEN 1 AND 100),
  lockout_minutes integer NOT NULL CHECK (lockout_minutes BETWEEN 1 AND 1440)
);
INSERT INTO security_policy (id, lockout_attempts, lockout_minutes) VALUES (true, 5, 15);

-- A secret of this server, so that the made-up salt of an unknown name cannot be told from a real one.
CREATE TABLE sign_in_secret (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  secret text NOT NULL
);
INSERT INTO sign_in_secret (id, secret) VALUES (true, gen_random_uuid()::text || gen_random_uuid()::text);

-- A signed-in person: the token is given to the desk once; the server keeps only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  account_id text NOT NULL REFERENCES accounts (id),
  desk_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Step 1 of a sign-in: the scrypt parameters and salt of a name's hash (never the hash itself). The
-- desk derives the key from the password typed and sends it to redress_sign_in. An unknown name gets
-- a made-up salt, the same each time, at today's cost.
CREATE FUNCTION redress_sign_in_params(p_name_key text, OUT params text, OUT key_bytes integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  stored text;
BEGIN
  SELECT password_hash INTO stored FROM accounts WHERE name_key = p_name_key;
  IF stored IS NOT NULL AND stored ~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
    params := regexp_replace(stored, '\\$[A-Za-z0-9+/]+$', '');
    key_bytes := length(decode(rpad(substring(stored from '[A-Za-z0-9+/]+$'),
      (length(substring(stored from '[A-Za-z0-9+/]+$')) + 3) / 4 * 4, '='), 'base64'));
    RETURN;
  END IF;
  params := '$scrypt$ln=17,r=8,p=1$' || rtrim(encode(substring(sha256(convert_to(
    (SELECT secret FROM sign_in_secret) || ':' || p_name_key, 'UTF8')) FROM 1 FOR 16), 'base64'), '=');
  key_bytes := 32;
END $$;

-- The session a desk claims for this transaction (SET LOCAL redress.session = token): its account,
-- when the token is known, not ended, not expired and the account not turned off; else null.
CREATE FUNCTION current_account() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.account_id
    FROM sessions s JOIN accounts a ON a.id = s.account_id
   WHERE s.token_hash = encode(sha256(convert_to(NULLIF(current_setting('redress.session', true), ''), 'UTF8')), 'hex')
     AND s.ended_at IS NULL AND s.expires_at > now() AND NOT a.disabled
$$;

-- Step 2: the key derived on the desk is compared with the stored one. A wrong key counts towards the
-- lockout (so this function returns rather than raises: the count must be kept). outcome is one of
-- ok, wrong, locked, disabled; token and the account's facts only with ok.
CREATE FUNCTION redress_sign_in(p_name_key text, p_key text, p_desk_id text, p_minutes integer,
  OUT outcome text, OUT token text, OUT account_id text, OUT account_name text, OUT roles text[],
  OUT approval_limit numeric, OUT expires_at timestamptz, OUT locked_until timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  acc accounts%ROWTYPE;
  policy security_policy%ROWTYPE;
BEGIN
  IF p_minutes IS NULL OR p_minutes < 1 OR p_minutes > 1440 THEN
    RAISE EXCEPTION 'A session lasts 1 to 1440 minutes.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO acc FROM accounts WHERE name_key = p_name_key FOR UPDATE;
  IF NOT FOUND THEN
    outcome := 'wrong';
    RETURN;
  END IF;
  IF acc.locked_until IS NOT NULL AND acc.locked_until > now() THEN
    outcome := 'locked';
    locked_until := acc.locked_until;
    RETURN;
  END IF;
  IF p_key IS NULL OR p_key = '' OR substring(acc.password_hash from '[A-Za-z0-9+/]+$') <> p_key THEN
    SELECT * INTO policy FROM security_policy;
    IF acc.failed_attempts + 1 >= policy.lockout_attempts THEN
      UPDATE accounts SET failed_attempts = 0,
             locked_until = now() + make_interval(mins => policy.lockout_minutes)
       WHERE id = acc.id RETURNING accounts.locked_until INTO locked_until;
      outcome := 'locked';
    ELSE
      UPDATE accounts SET failed_attempts = acc.failed_attempts + 1 WHERE id = acc.id;
      outcome := 'wrong';
    END IF;
    RETURN;
  END IF;
  IF acc.disabled THEN
    outcome := 'disabled';
    RETURN;
  END IF;
  UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = acc.id;
  token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  expires_at := now() + make_interval(mins => p_minutes);
  INSERT INTO sessions (token_hash, account_id, desk_id, expires_at)
    VALUES (encode(sha256(convert_to(token, 'UTF8')), 'hex'), acc.id, p_desk_id, expires_at);
  outcome := 'ok';
  account_id := acc.id;
  account_name := acc.name;
  roles := ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = acc.id ORDER BY r.role);
  approval_limit := acc.approval_limit;
END $$;

CREATE FUNCTION redress_sign_out(p_token text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE sessions SET ended_at = now()
   WHERE token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') AND ended_at IS NULL
$$;

-- Promote: a single desk's accounts (and lockout policy) onto a server that has none yet. The input
-- is a JSON array of { id, name, nameKey, passwordHash, roles, approvalLimit, disabled }. Returns how many.
CREATE FUNCTION redress_promote_accounts(p_accounts jsonb, p_lockout_attempts integer, p_lockout_minutes integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  item jsonb;
  n integer := 0;
BEGIN
  LOCK TABLE accounts IN EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM accounts) THEN
    RAISE EXCEPTION 'The team server already has accounts: a desk can only be promoted to an empty server.'
      USING ERRCODE = 'unique_violation';
  END IF;
  FOR item IN SELECT * FROM jsonb_array_elements(p_accounts) LOOP
    IF (item->>'passwordHash') !~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
      RAISE EXCEPTION 'Account % has no scrypt password hash.', item->>'id' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO accounts (id, name, name_key, password_hash, approval_limit, disabled)
      VALUES (item->>'id', item->>'name', item->>'nameKey', item->>'passwordHash',
              (item->>'approvalLimit')::numeric, (item->>'disabled')::boolean);
    INSERT INTO account_roles (account_id, role)
      SELECT item->>'id', r FROM jsonb_array_elements_text(item->'roles') AS r;
    n := n + 1;
  END LOOP;
  UPDATE security_policy SET lockout_attempts = p_lockout_attempts, lockout_minutes = p_lockout_minutes;
  RETURN n;
END $$;

REVOKE ALL ON FUNCTION redress_sign_in_params(text), current_account(),
  redress_sign_in(text, text, text, integer), redress_sign_out(text),
  redress_promote_accounts(jsonb, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_sign_in_params(text), current_account(),
  redress_sign_in(text, text, text, integer), redress_sign_out(text),
  redress_promote_accounts(jsonb, integer, integer) TO {app};
`,
  },
  {
    version: 5,
    name: 'row-level security for restricted cases',
    sql: `
-- Which case a record belongs to: itself for a case, its caseId for a note, a letter, evidence…
-- The server derives case_id and restricted itself (a desk cannot mark a restricted case's note open).
ALTER TABLE records ADD COLUMN case_id text;
CREATE INDEX records_case_id ON records (case_id) WHERE kind <> 'cases';

-- The rule of src-shared/domain/permissions.ts, may(person, 'case.view', { case }), in SQL: a person
-- with a case-working role (officer, investigator, manager) sees every unrestricted case; a
-- restricted one only as a manager, its assignee or its escalation owner (not as its creator).
-- tests/unit/src-main/services/team/row-security.test.ts checks that both agree on a table.
CREATE FUNCTION redress_sees_case(p_account text, p_restricted boolean, p_assignee text, p_escalation_owner text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- Never null: a missing assignee or owner is no one, and an unknown answer is no.
  SELECT COALESCE(p_account, '') <> ''
     AND EXISTS (SELECT 1 FROM account_roles
                  WHERE account_id = p_account AND role IN ('officer', 'investigator', 'manager'))
     AND (NOT COALESCE(p_restricted, false)
          OR EXISTS (SELECT 1 FROM account_roles WHERE account_id = p_account AND role = 'manager')
          OR p_account = COALESCE(p_assignee, '')
          OR p_account = COALESCE(p_escalation_owner, ''))
$$;

-- A case's data as the rule needs it, for the session's account.
CREATE FUNCTION redress_sees_case_data(p_data jsonb) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT redress_sees_case(current_account(), true, p_data->>'assigneeId',
    COALESCE(p_data->>'escalationOwnerId', p_data->'escalation'->'owner'->>'id'))
$$;

-- May the session's account see this restricted record? A case by its own data (a new case is not in
-- the table yet), anything else by its case's.
CREATE FUNCTION redress_sees_record(p_kind text, p_case_id text, p_data jsonb) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN p_kind = 'cases' THEN redress_sees_case_data(p_data)
    ELSE COALESCE((SELECT redress_sees_case_data(c.data) FROM records c
                    WHERE c.kind = 'cases' AND c.id = p_case_id), false) END
$$;

-- May the session's account see this change? As its record; an audit entry as the case it is about.
CREATE FUNCTION redress_sees_change(p_kind text, p_id text, p_fields jsonb) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN p_kind = 'audit' THEN
      COALESCE((SELECT NOT c.restricted OR redress_sees_case_data(c.data) FROM records c
                 WHERE c.kind = 'cases' AND c.id = p_fields->'caseId'->>'after'), true)
    ELSE
      COALESCE((SELECT NOT r.restricted OR redress_sees_record(r.kind, r.case_id, r.data) FROM records r
                 WHERE r.kind = p_kind AND r.id = p_id), true)
    END
$$;

CREATE FUNCTION records_derive_restriction() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.kind = 'cases' THEN
    NEW.case_id := NEW.id;
    NEW.restricted := COALESCE((NEW.data->>'restricted')::boolean, false);
  ELSE
    NEW.case_id := NEW.data->>'caseId';
    NEW.restricted := COALESCE((SELECT c.restricted FROM records c
                                 WHERE c.kind = 'cases' AND c.id = NEW.case_id), false);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER records_derive_restriction BEFORE INSERT OR UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION records_derive_restriction();

-- A case restricted (or opened) later takes its records with it.
CREATE FUNCTION records_follow_case() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE records SET restricted = NEW.restricted
   WHERE case_id = NEW.id AND kind <> 'cases' AND restricted IS DISTINCT FROM NEW.restricted;
  RETURN NULL;
END $$;
CREATE TRIGGER records_follow_case AFTER INSERT OR UPDATE OF data, restricted ON records
  FOR EACH ROW WHEN (NEW.kind = 'cases') EXECUTE FUNCTION records_follow_case();

UPDATE records SET data = data;

-- Not FORCEd: the owner (the migrator, and the definer functions above) sees every row; the desks'
-- role is not the owner, so these policies always apply to it.
ALTER TABLE records ENABLE ROW LEVEL SECURITY;
CREATE POLICY records_see ON records FOR SELECT TO {app}
  USING (NOT restricted OR redress_sees_record(kind, case_id, data));
CREATE POLICY records_add ON records FOR INSERT TO {app}
  WITH CHECK (NOT restricted OR redress_sees_record(kind, case_id, data));
CREATE POLICY records_change ON records FOR UPDATE TO {app}
  USING (NOT restricted OR redress_sees_record(kind, case_id, data))
  WITH CHECK (NOT restricted OR redress_sees_record(kind, case_id, data));

ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY changes_see ON changes FOR SELECT TO {app} USING (redress_sees_change(kind, id, fields));
CREATE POLICY changes_add ON changes FOR INSERT TO {app} WITH CHECK (true);

REVOKE ALL ON FUNCTION redress_sees_case(text, boolean, text, text), redress_sees_case_data(jsonb),
  redress_sees_record(text, text, jsonb), redress_sees_change(text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_sees_case(text, boolean, text, text), redress_sees_case_data(jsonb),
  redress_sees_record(text, text, jsonb), redress_sees_change(text, text, jsonb) TO {app};
`,
  },
  {
    version: 6,
    name: 'reference number ranges for desks',
    sql: `
-- Case references (CMP-<year>-<sequence>, src-shared/domain/reference.ts) are unique across desks:
-- the server hands each desk a range of a year's sequence; the desk numbers its new cases from it.
-- One head per year, taken FOR UPDATE, so ranges follow each other without gaps or overlaps.
CREATE TABLE reference_heads (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
  last_seq bigint NOT NULL CHECK (last_seq >= 0)
);
CREATE TABLE reference_ranges (
  year integer NOT NULL,
  first_seq bigint NOT NULL CHECK (first_seq > 0),
  last_seq bigint NOT NULL,
  desk_id text NOT NULL,
  allocated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, first_seq),
  CHECK (last_seq >= first_seq)
);
CREATE INDEX reference_ranges_desk ON reference_ranges (desk_id, year, first_seq);

-- A range of p_size numbers of p_year's sequence for a desk. p_at_least: the highest number the
-- desks already used that year (promote, or references made before team mode), so no range repeats one.
CREATE FUNCTION redress_allocate_references(p_desk_id text, p_year integer, p_size integer, p_at_least bigint DEFAULT 0,
  OUT first_seq bigint, OUT last_seq bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head bigint;
BEGIN
  IF p_size IS NULL OR p_size < 1 OR p_size > 10000 THEN
    RAISE EXCEPTION 'A range holds 1 to 10000 references.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF COALESCE(p_desk_id, '') = '' THEN
    RAISE EXCEPTION 'The desk id is missing.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO reference_heads (year, last_seq) VALUES (p_year, 0) ON CONFLICT (year) DO NOTHING;
  SELECT h.last_seq INTO head FROM reference_heads h WHERE h.year = p_year FOR UPDATE;
  first_seq := GREATEST(head, COALESCE(p_at_least, 0)) + 1;
  last_seq := first_seq + p_size - 1;
  UPDATE reference_heads h SET last_seq = redress_allocate_references.last_seq WHERE h.year = p_year;
  INSERT INTO reference_ranges (year, first_seq, last_seq, desk_id)
    VALUES (p_year, redress_allocate_references.first_seq, redress_allocate_references.last_seq, p_desk_id);
END $$;

REVOKE ALL ON FUNCTION redress_allocate_references(text, integer, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_allocate_references(text, integer, integer, bigint) TO {app};
GRANT SELECT ON reference_ranges TO {app};
`,
  },
  {
    version: 7,
    name: 'evidence in 1 MB chunks',
    sql: `
-- Evidence files of any size, content-addressed: the bytes in 1 MB chunks (a bytea value is read
-- whole into memory, and is capped at 1 GB), each chunk checked against its own SHA-256, and a file
-- row written last, by redress_evidence_complete, once the server has checked the whole hash.
CREATE TABLE evidence_chunks (
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  n integer NOT NULL CHECK (n >= 0),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 1048576),
  PRIMARY KEY (sha256, n)
);
CREATE TABLE evidence_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size > 0),
  chunks integer NOT NULL CHECK (chunks > 0),
  desk_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The file is complete when its chunks are 0..n-1, add up to its size and hash to its name.
CREATE FUNCTION redress_evidence_complete(p_sha256 text, p_size bigint, p_desk_id text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n_chunks integer;
  total bigint;
  last_n integer;
  h bytea;
BEGIN
  IF EXISTS (SELECT 1 FROM evidence_files WHERE sha256 = p_sha256) THEN
    RETURN false;
  END IF;
  SELECT count(*), COALESCE(sum(octet_length(bytes)), 0), max(n) INTO n_chunks, total, last_n
    FROM evidence_chunks WHERE sha256 = p_sha256;
  IF n_chunks = 0 OR last_n <> n_chunks - 1 OR total <> p_size THEN
    RAISE EXCEPTION 'The evidence file % is not all there.', p_sha256 USING ERRCODE = 'check_violation';
  END IF;
  SELECT sha256(string_agg(bytes, ''::bytea ORDER BY n)) INTO h FROM evidence_chunks WHERE sha256 = p_sha256;
  IF encode(h, 'hex') <> p_sha256 THEN
    RAISE EXCEPTION 'The evidence file''s bytes do not match its fingerprint %.', p_sha256
      USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO evidence_files (sha256, size, chunks, desk_id) VALUES (p_sha256, p_size, n_chunks, p_desk_id);
  RETURN true;
END $$;

-- An upload writes its chunks and the file row in one transaction, so chunks without a file row were
-- left by a desk that did not (bytes that never matched): the next upload of that file clears them.
CREATE FUNCTION redress_evidence_clear_partial(p_sha256 text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM evidence_chunks c
   WHERE c.sha256 = p_sha256 AND NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.sha256 = p_sha256)
$$;

-- Chunks are added, never changed; a file's row only through the function above.
GRANT SELECT, INSERT ON evidence_chunks TO {app};
GRANT SELECT ON evidence_files TO {app};
REVOKE ALL ON FUNCTION redress_evidence_complete(text, bigint, text), redress_evidence_clear_partial(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_evidence_complete(text, bigint, text), redress_evidence_clear_partial(text) TO {app};
`,
  },
  {
    version: 8,
    name: 'restriction kept on each change, for a fast pull',
    sql: `
-- The changes' policy asked redress_sees_change for every row a desk pulls: a look-up of the case
-- (an audit entry's) or of the record per row, which made a desk's first pull of a million changes
-- take minutes. Each change now carries whether the case or record it is about is restricted, kept in
-- step by the server as records_follow_case keeps notes in step with their case; the policy asks the
-- function only for those rows. The column is a shortcut, never the rule: a row marked restricted
-- still passes only if redress_sees_change says so, so a marking that errs towards "restricted" costs
-- time, never a leak, and one that says "open" is always right (checked below at every write).
ALTER TABLE changes ADD COLUMN restricted boolean NOT NULL DEFAULT false;

-- The case an audit change is about, as redress_sees_change reads it: restricting a case finds them.
CREATE INDEX changes_audit_case ON changes ((fields->'caseId'->>'after')) WHERE kind = 'audit';

-- Whether a change's case (audit) or record (anything else) is restricted now. SECURITY DEFINER: the
-- desk writing the change may not see the record, and must not be able to mark it open.
CREATE FUNCTION redress_change_restricted(p_kind text, p_id text, p_fields jsonb) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN p_kind = 'audit' THEN
      COALESCE((SELECT c.restricted FROM records c WHERE c.kind = 'cases' AND c.id = p_fields->'caseId'->>'after'), false)
    ELSE
      COALESCE((SELECT r.restricted FROM records r WHERE r.kind = p_kind AND r.id = p_id), false)
    END
$$;

CREATE FUNCTION changes_derive_restriction() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.restricted := redress_change_restricted(NEW.kind, NEW.id, NEW.fields);
  RETURN NEW;
END $$;
CREATE TRIGGER changes_derive_restriction BEFORE INSERT OR UPDATE OF kind, id, fields ON changes
  FOR EACH ROW EXECUTE FUNCTION changes_derive_restriction();

-- A record restricted or opened (a case by its data, anything else with its case: records_follow_case)
-- takes its changes with it; a case also takes the audit entries about it.
CREATE FUNCTION changes_follow_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.restricted = NEW.restricted AND OLD.kind = NEW.kind AND OLD.id = NEW.id THEN
    RETURN NULL;
  END IF;
  UPDATE changes SET restricted = NEW.restricted
   WHERE kind = NEW.kind AND id = NEW.id AND restricted IS DISTINCT FROM NEW.restricted;
  IF NEW.kind = 'cases' THEN
    UPDATE changes SET restricted = NEW.restricted
     WHERE kind = 'audit' AND (fields->'caseId'->>'after') = NEW.id AND restricted IS DISTINCT FROM NEW.restricted;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER changes_follow_record AFTER INSERT OR UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION changes_follow_record();

-- The changes already on the server: only those of restricted records and cases are marked.
UPDATE changes c SET restricted = true
  FROM records r
 WHERE r.restricted AND c.kind = r.kind AND c.id = r.id;
UPDATE changes c SET restricted = true
  FROM records r
 WHERE r.restricted AND r.kind = 'cases' AND c.kind = 'audit' AND (c.fields->'caseId'->>'after') = r.id;

DROP POLICY changes_see ON changes;
CREATE POLICY changes_see ON changes FOR SELECT TO {app}
  USING (NOT restricted OR redress_sees_change(kind, id, fields));

REVOKE ALL ON FUNCTION redress_change_restricted(text, text, jsonb) FROM PUBLIC;
`,
  },
  {
    version: 9,
    name: 'a signed-in person changes their own password on the server',
    sql: `
-- In team mode the server keeps the passwords, so a person changes theirs here. The session names
-- the account (nobody changes another's password this way); the key derived from the current
-- password is compared as at sign-in, and a wrong one counts towards the lockout like a failed
-- sign-in (so this returns rather than raises). The new hash is made on the desk, in the same
-- scrypt PHC form sign-in reads. The account's other sessions end: whoever knew the old password
-- and signed in with it is signed out. outcome: ok, wrong, locked, signed-out.
CREATE FUNCTION redress_change_password(p_key text, p_new_hash text,
  OUT outcome text, OUT locked_until timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text := current_account();
  acc accounts%ROWTYPE;
  policy security_policy%ROWTYPE;
BEGIN
  IF me IS NULL THEN
    outcome := 'signed-out';
    RETURN;
  END IF;
  IF p_new_hash IS NULL OR p_new_hash !~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'The new password hash is not in the scrypt form.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO acc FROM accounts WHERE id = me FOR UPDATE;
  IF acc.locked_until IS NOT NULL AND acc.locked_until > now() THEN
    outcome := 'locked';
    locked_until := acc.locked_until;
    RETURN;
  END IF;
  IF p_key IS NULL OR p_key = '' OR substring(acc.password_hash from '[A-Za-z0-9+/]+$') <> p_key THEN
    SELECT * INTO policy FROM security_policy;
    IF acc.failed_attempts + 1 >= policy.lockout_attempts THEN
      UPDATE accounts SET failed_attempts = 0,
             locked_until = now() + make_interval(mins => policy.lockout_minutes)
       WHERE id = acc.id RETURNING accounts.locked_until INTO locked_until;
      outcome := 'locked';
    ELSE
      UPDATE accounts SET failed_attempts = acc.failed_attempts + 1 WHERE id = acc.id;
      outcome := 'wrong';
    END IF;
    RETURN;
  END IF;
  UPDATE accounts SET password_hash = p_new_hash, failed_attempts = 0, locked_until = NULL,
         version = version + 1
   WHERE id = acc.id;
  UPDATE sessions SET ended_at = now()
   WHERE account_id = acc.id AND ended_at IS NULL
     AND token_hash <> encode(sha256(convert_to(current_setting('redress.session', true), 'UTF8')), 'hex');
  outcome := 'ok';
END $$;
REVOKE ALL ON FUNCTION redress_change_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_change_password(text, text) TO {app};
`,
  },
  {
    version: 10,
    name: 'administrators manage accounts on the server',
    sql: `
-- In team mode the office's accounts live here, so administrators add people, change their roles,
-- approval limit and name, turn them off or on, end a lockout and reset a password here. Each
-- function runs as the owner and first asks redress_administrator() for the session's account: no
-- valid session raises RDA01, an account without the administrator role 42501. The other refusals:
-- RDA02 the account changed since the desk read it (its version), RDA03 no enabled administrator
-- would be left, RDA04 an administrator turning off their own account, RDA05 no such account, 23505
-- a name whose key another account has. The desk writes the security log, as on a single desk.

-- The facts the People screen shows beside the ones the server had.
ALTER TABLE accounts
  ADD COLUMN created_by text REFERENCES accounts (id),
  ADD COLUMN password_changed_at timestamptz;
UPDATE accounts SET password_changed_at = created_at;
ALTER TABLE accounts ALTER COLUMN password_changed_at SET NOT NULL,
  ALTER COLUMN password_changed_at SET DEFAULT now();

-- A new password hash (own change, reset) dates itself, whoever writes it.
CREATE FUNCTION accounts_password_dated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.password_changed_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER accounts_password_dated BEFORE UPDATE OF password_hash ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_password_dated();

-- Promote carries the dates and who added each account, as accounts.json has them (missing: now, nobody).
CREATE OR REPLACE FUNCTION redress_promote_accounts(p_accounts jsonb, p_lockout_attempts integer, p_lockout_minutes integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  item jsonb;
  n integer := 0;
BEGIN
  LOCK TABLE accounts IN EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM accounts) THEN
    RAISE EXCEPTION 'The team server already has accounts: a desk can only be promoted to an empty server.'
      USING ERRCODE = 'unique_violation';
  END IF;
  FOR item IN SELECT * FROM jsonb_array_elements(p_accounts) LOOP
    IF (item->>'passwordHash') !~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
      RAISE EXCEPTION 'Account % has no scrypt password hash.', item->>'id' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO accounts (id, name, name_key, password_hash, approval_limit, disabled, created_at,
                          password_changed_at)
      VALUES (item->>'id', item->>'name', item->>'nameKey', item->>'passwordHash',
              (item->>'approvalLimit')::numeric, (item->>'disabled')::boolean,
              COALESCE((item->>'createdAt')::timestamptz, now()),
              COALESCE((item->>'passwordChangedAt')::timestamptz, now()));
    INSERT INTO account_roles (account_id, role)
      SELECT item->>'id', r FROM jsonb_array_elements_text(item->'roles') AS r;
    n := n + 1;
  END LOOP;
  -- Who added whom, once every account is there (the first may have been added by a later one).
  UPDATE accounts a SET created_by = given->>'createdBy'
    FROM jsonb_array_elements(p_accounts) AS given
   WHERE a.id = given->>'id' AND given->>'createdBy' IS NOT NULL
     AND EXISTS (SELECT 1 FROM accounts b WHERE b.id = given->>'createdBy');
  UPDATE security_policy SET lockout_attempts = p_lockout_attempts, lockout_minutes = p_lockout_minutes;
  RETURN n;
END $$;

-- The session's account, when it holds the administrator role; else the refusal (see above). Every
-- change of accounts takes the same lock first, so two desks cannot each turn off the other's last
-- administrator at once.
CREATE FUNCTION redress_administrator() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text := current_account();
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'The session is not open on the team server: sign in again.' USING ERRCODE = 'RDA01';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM account_roles WHERE account_id = me AND role = 'administrator') THEN
    RAISE EXCEPTION 'Only an administrator can manage the office''s accounts.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN me;
END $$;

-- An account as the People screen shows it (AccountSchema), never its hash.
CREATE FUNCTION redress_account_json(p_id text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object(
    'id', a.id, 'name', a.name,
    'roles', to_jsonb(ARRAY(SELECT r.name FROM roles r JOIN account_roles ar ON ar.role = r.name
                             WHERE ar.account_id = a.id
                             ORDER BY array_position(ARRAY['officer', 'investigator', 'manager', 'administrator'], r.name), r.name)),
    'approvalLimit', a.approval_limit, 'disabled', a.disabled,
    'createdAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'createdBy', a.created_by, 'failedAttempts', a.failed_attempts,
    'lockedUntil', to_char(a.locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'passwordChangedAt', to_char(a.password_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'version', a.version)
  FROM accounts a WHERE a.id = p_id
$$;

CREATE FUNCTION redress_list_accounts() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM redress_administrator();
  RETURN COALESCE((SELECT jsonb_agg(redress_account_json(id) ORDER BY name_key) FROM accounts), '[]'::jsonb);
END $$;

-- Checks what an account change must leave true, after it was made in this transaction.
CREATE FUNCTION redress_accounts_still_run() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM accounts a JOIN account_roles r ON r.account_id = a.id
                  WHERE r.role = 'administrator' AND NOT a.disabled) THEN
    RAISE EXCEPTION 'The office needs at least one administrator who can sign in.' USING ERRCODE = 'RDA03';
  END IF;
END $$;

CREATE FUNCTION redress_valid_roles(p_roles text[]) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
  IF p_roles IS NULL OR cardinality(p_roles) = 0 THEN
    RAISE EXCEPTION 'An account needs at least one role.' USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE FUNCTION redress_valid_limit(p_limit numeric) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
BEGIN
  IF p_limit IS NOT NULL AND (p_limit < 0 OR p_limit > 10000000) THEN
    RAISE EXCEPTION 'An approval limit is 0 to 10,000,000.' USING ERRCODE = 'check_violation';
  END IF;
END $$;

-- Adds a person: the hash is made on the desk (scrypt PHC, as sign-in reads it); returns the account.
CREATE FUNCTION redress_add_account(p_name text, p_name_key text, p_hash text, p_roles text[],
  p_approval_limit numeric) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text := redress_administrator();
  new_id text := gen_random_uuid()::text;
BEGIN
  LOCK TABLE account_roles IN SHARE ROW EXCLUSIVE MODE;
  IF p_hash IS NULL OR p_hash !~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'The password hash is not in the scrypt form.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM redress_valid_roles(p_roles);
  PERFORM redress_valid_limit(p_approval_limit);
  INSERT INTO accounts (id, name, name_key, password_hash, approval_limit, created_by)
    VALUES (new_id, p_name, p_name_key, p_hash, p_approval_limit, me);
  INSERT INTO account_roles (account_id, role) SELECT DISTINCT new_id, unnest(p_roles);
  RETURN redress_account_json(new_id);
END $$;

-- Changes an account: p_changes may hold name and nameKey, roles, approvalLimit, disabled, unlock
-- (true: end a lockout now). p_version, when given, is the version the desk read. Returns the
-- account before and after, so the desk can log each change.
CREATE FUNCTION redress_update_account(p_id text, p_version bigint, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text := redress_administrator();
  acc accounts%ROWTYPE;
  before jsonb;
  after jsonb;
BEGIN
  LOCK TABLE account_roles IN SHARE ROW EXCLUSIVE MODE;
  SELECT * INTO acc FROM accounts WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'There is no such account.' USING ERRCODE = 'RDA05';
  END IF;
  IF p_version IS NOT NULL AND p_version <> acc.version THEN
    RAISE EXCEPTION 'The account changed since it was read (version % now, % read).', acc.version, p_version
      USING ERRCODE = 'RDA02';
  END IF;
  before := redress_account_json(p_id);
  IF p_changes ? 'name' AND (p_changes->>'name') IS DISTINCT FROM acc.name THEN
    UPDATE accounts SET name = p_changes->>'name', name_key = p_changes->>'nameKey' WHERE id = p_id;
  END IF;
  IF p_changes ? 'roles' THEN
    PERFORM redress_valid_roles(ARRAY(SELECT jsonb_array_elements_text(p_changes->'roles')));
    DELETE FROM account_roles WHERE account_id = p_id
       AND role NOT IN (SELECT jsonb_array_elements_text(p_changes->'roles'));
    INSERT INTO account_roles (account_id, role)
      SELECT DISTINCT p_id, r FROM jsonb_array_elements_text(p_changes->'roles') AS r
      ON CONFLICT DO NOTHING;
  END IF;
  IF p_changes ? 'approvalLimit' THEN
    PERFORM redress_valid_limit((p_changes->>'approvalLimit')::numeric);
    UPDATE accounts SET approval_limit = (p_changes->>'approvalLimit')::numeric WHERE id = p_id;
  END IF;
  IF p_changes ? 'disabled' AND (p_changes->>'disabled')::boolean IS DISTINCT FROM acc.disabled THEN
    IF (p_changes->>'disabled')::boolean AND p_id = me THEN
      RAISE EXCEPTION 'An administrator cannot turn off their own account.' USING ERRCODE = 'RDA04';
    END IF;
    UPDATE accounts SET disabled = (p_changes->>'disabled')::boolean WHERE id = p_id;
    -- Turned off: signed out everywhere (turning it on again does not revive old sessions).
    UPDATE sessions SET ended_at = now() WHERE account_id = p_id AND ended_at IS NULL;
  END IF;
  IF COALESCE((p_changes->>'unlock')::boolean, false) THEN
    UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = p_id;
  END IF;
  PERFORM redress_accounts_still_run();
  after := redress_account_json(p_id);
  IF (after - 'version') IS DISTINCT FROM (before - 'version') THEN
    UPDATE accounts SET version = version + 1 WHERE id = p_id;
    after := redress_account_json(p_id);
  END IF;
  RETURN jsonb_build_object('before', before, 'after', after);
END $$;

-- Resets a person's password (forgotten, or given out by the administrator): a new hash made on the
-- desk, the lockout cleared, and the account's sessions ended (the caller's own kept). Returns it.
CREATE FUNCTION redress_reset_password(p_id text, p_hash text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text := redress_administrator();
BEGIN
  IF p_hash IS NULL OR p_hash !~ '^\\$scrypt\\$[^$]+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'The password hash is not in the scrypt form.' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE accounts SET password_hash = p_hash, failed_attempts = 0, locked_until = NULL, version = version + 1
   WHERE id = p_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'There is no such account.' USING ERRCODE = 'RDA05';
  END IF;
  UPDATE sessions SET ended_at = now()
   WHERE account_id = p_id AND ended_at IS NULL
     AND token_hash <> encode(sha256(convert_to(current_setting('redress.session', true), 'UTF8')), 'hex');
  RETURN redress_account_json(p_id);
END $$;

REVOKE ALL ON FUNCTION redress_administrator(), redress_account_json(text), redress_accounts_still_run(),
  redress_valid_roles(text[]), redress_valid_limit(numeric) FROM PUBLIC;
REVOKE ALL ON FUNCTION redress_list_accounts(), redress_add_account(text, text, text, text[], numeric),
  redress_update_account(text, bigint, jsonb), redress_reset_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_list_accounts(), redress_add_account(text, text, text, text[], numeric),
  redress_update_account(text, bigint, jsonb), redress_reset_password(text, text) TO {app};
`,
  },
  {
    version: 11,
    name: 'the server refuses approvals a person may not make',
    sql: `
-- The approval rule of src-shared/domain/permissions.ts (may(person, 'proposal.approve', { proposal }),
-- its function approval, with the facts of proposalSubject in resolution.ts), in SQL, for a
-- resolution proposal (records of kind 'resolutions') as a desk stores it: only a manager approves;
-- not the person who proposed it nor anyone who edited it; and the person's approval limit (null:
-- none) covers each of its totals, money summed per currency and never across (resolution.ts totals:
-- refunds, credits and goodwill payments). tests/unit/src-main/services/team/approval-rule.test.ts
-- checks that both agree on a table. code: null when the person may approve, else the refusal's
-- code as permissions.ts names it (role, own-proposal, edited-proposal, over-limit), and a message.
CREATE FUNCTION redress_approval_refusal(p_account text, p_data jsonb, OUT code text, OUT message text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cap numeric;
  over record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM account_roles WHERE account_id = COALESCE(p_account, '') AND role = 'manager') THEN
    code := 'role';
    message := 'Only a manager can decide on a resolution that needs approval.';
    RETURN;
  END IF;
  IF p_data->'createdBy'->>'id' = p_account THEN
    code := 'own-proposal';
    message := 'You proposed this remedy; another manager must approve it.';
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_data->'editedBy') = 'array'
                                                     THEN p_data->'editedBy' ELSE '[]'::jsonb END) e
              WHERE e->>'id' = p_account) THEN
    code := 'edited-proposal';
    message := 'You edited this proposal; another manager must approve it.';
    RETURN;
  END IF;
  SELECT approval_limit INTO cap FROM accounts WHERE id = p_account;
  IF cap IS NULL THEN
    RETURN;
  END IF;
  SELECT t.currency, t.amount INTO over
    FROM (SELECT r.value->>'currency' AS currency, round(sum((r.value->>'amount')::numeric), 2) AS amount,
                 min(r.ordinality) AS first
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_data->'remedies') = 'array'
                                           THEN p_data->'remedies' ELSE '[]'::jsonb END) WITH ORDINALITY r
           WHERE r.value->>'type' IN ('refund', 'credit', 'goodwill')
             AND jsonb_typeof(r.value->'amount') = 'number' AND (r.value->>'amount')::numeric <> 0
           GROUP BY 1) t
   WHERE t.amount > cap
   ORDER BY t.first
   LIMIT 1;
  IF FOUND THEN
    code := 'over-limit';
    message := format('This remedy (%s %s) is above your approval limit of %s %s; a manager with a higher limit must approve it.',
      over.currency, to_char(over.amount, 'FM999,999,999,990.00'), over.currency, to_char(cap, 'FM999,999,999,990.00'));
  END IF;
END $$;

-- A proposal becoming approved (from another state, or an approved one whose remedies, authors or
-- decision change) is checked for the session's account, which must be the approver the record
-- names. An approved proposal created in one go is history only when a promotion uploads it (no
-- session, or an administrator's session under a promote| key): any other is checked too.
-- Refusals carry SQLSTATE RD001 (Redress's own class: a rule of the app refused the change), the
-- message for the person, and the code in DETAIL; sync.ts answers that change as refused.
CREATE FUNCTION records_approval_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text;
  named text := NEW.data->'decision'->'by'->>'id';
  refusal record;
BEGIN
  IF NEW.data->>'state' IS DISTINCT FROM 'approved' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.data->>'state' = 'approved'
     AND OLD.data->'remedies' IS NOT DISTINCT FROM NEW.data->'remedies'
     AND OLD.data->'createdBy' IS NOT DISTINCT FROM NEW.data->'createdBy'
     AND OLD.data->'editedBy' IS NOT DISTINCT FROM NEW.data->'editedBy'
     AND OLD.data->'decision' IS NOT DISTINCT FROM NEW.data->'decision' THEN
    RETURN NEW;
  END IF;
  me := current_account();
  IF TG_OP = 'INSERT' THEN
    -- A push writes INSERT … ON CONFLICT DO UPDATE: for a record the server has, the UPDATE's turn decides.
    IF EXISTS (SELECT 1 FROM records WHERE kind = NEW.kind AND id = NEW.id) THEN
      RETURN NEW;
    END IF;
    IF COALESCE(current_setting('redress.session', true), '') = '' THEN
      RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM changes c
                WHERE c.seq = NEW.updated_seq AND c.kind = NEW.kind AND c.id = NEW.id
                  AND c.idempotency_key LIKE 'promote|%')
       AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = me AND role = 'administrator') THEN
      RETURN NEW;
    END IF;
  END IF;
  IF me IS NULL THEN
    RAISE EXCEPTION 'The team server could not tell who approved this proposal: the session has ended. Sign in again, then approve it again.'
      USING ERRCODE = 'RD001', DETAIL = 'signed-out';
  END IF;
  IF named IS DISTINCT FROM me THEN
    RAISE EXCEPTION 'This approval names someone other than the person signed in: only they can approve it in their name.'
      USING ERRCODE = 'RD001', DETAIL = 'not-the-approver';
  END IF;
  SELECT * INTO refusal FROM redress_approval_refusal(me, NEW.data);
  IF refusal.code IS NOT NULL THEN
    RAISE EXCEPTION '%', refusal.message USING ERRCODE = 'RD001', DETAIL = refusal.code;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER records_approval_guard BEFORE INSERT OR UPDATE ON records
  FOR EACH ROW WHEN (NEW.kind = 'resolutions') EXECUTE FUNCTION records_approval_guard();

REVOKE ALL ON FUNCTION redress_approval_refusal(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_approval_refusal(text, jsonb) TO {app};
`,
  },
  {
    version: 12,
    name: 'a disposal pushed from a desk scrubs the case’s history on the server',
    sql: `
-- Retention and erasure in team mode (issue 17). A desk disposing of a case pushes its rows'
-- deletions or stripped values (without the old values) and then the disposal's audit entry, which
-- names the erased entries by their payload commitment (erasesPayloads). The server's history still
-- held the personal data: every change's before/after values and the audit entries' payloads. The
-- push calls redress_erase_disposed for the disposal's entry, in its own transaction, which scrubs
-- them; only an account that may decide retention (permissions.ts, 'retention.decide': managers) may.

-- The rule of permissions.ts, may(person, 'retention.decide'), in SQL, for the session's account.
CREATE FUNCTION redress_may_decide_retention() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM account_roles WHERE account_id = current_account() AND role = 'manager')
$$;

-- The audit table stays insert-only, but for one update: an entry's payload erased the way
-- src-shared/domain/audit.ts eraseAuditPayload does it (changes emptied, reason and salt removed,
-- an erased mark added), its header, commitment and chain fields untouched, once.
CREATE FUNCTION audit_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.seq = OLD.seq AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
     AND NEW.desk_id = OLD.desk_id AND NEW.change_seq = OLD.change_seq
     AND NEW.received_at = OLD.received_at
     AND OLD.entry ? 'payloadHash' AND NOT OLD.entry ? 'erased'
     AND NEW.entry - 'changes' - 'erased' = OLD.entry - 'changes' - 'reason' - 'salt'
     AND NEW.entry -> 'changes' = '[]'::jsonb
     AND jsonb_typeof(NEW.entry -> 'erased' -> 'at') = 'string'
     AND jsonb_typeof(NEW.entry -> 'erased' -> 'recordId') = 'string'
     AND (NEW.entry -> 'erased') - 'at' - 'recordId' = '{}'::jsonb THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit trail is insert-only: % is refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER audit_no_update_delete ON audit;
CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_erase_only();

-- A change's fields with their values gone: each field's before and after null, but the case it
-- belongs to, which is no personal data and which row-level security reads.
CREATE FUNCTION redress_scrubbed_fields(p_fields jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT COALESCE(jsonb_object_agg(key,
           CASE WHEN key = 'caseId' THEN value ELSE '{"before":null,"after":null}'::jsonb END), '{}'::jsonb)
    FROM jsonb_each(p_fields)
$$;

-- Scrubs what the disposal entry linked at change p_change_seq names: the case's records' changes,
-- and the listed audit entries (of that case) and their changes, whose ids (the entries' salts) are
-- replaced by their commitment. Returns how many audit entries were erased.
CREATE FUNCTION redress_erase_disposed(p_change_seq bigint) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  disposal jsonb;
  disposed_case text;
  payloads text[];
  mark jsonb;
  targets bigint[];
  erased integer;
BEGIN
  SELECT entry INTO disposal FROM audit WHERE change_seq = p_change_seq;
  IF disposal IS NULL OR disposal->>'action' NOT LIKE 'dispose-%' OR disposal->>'caseId' IS NULL THEN
    RAISE EXCEPTION 'Change % is not a disposal of a case.', p_change_seq USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT redress_may_decide_retention() THEN
    RAISE EXCEPTION 'Only a manager may dispose of cases on the team server.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  disposed_case := disposal->>'caseId';
  payloads := ARRAY(SELECT jsonb_array_elements_text(COALESCE(disposal->'erasesPayloads', '[]'::jsonb)));
  mark := jsonb_build_object('at', disposal->>'at',
    'recordId', (SELECT c->>'after' FROM jsonb_array_elements(disposal->'changes') c WHERE c->>'field' = 'disposal'));
  IF mark->>'recordId' IS NULL THEN
    RAISE EXCEPTION 'Disposal % names no disposal record.', p_change_seq USING ERRCODE = 'invalid_parameter_value';
  END IF;

  UPDATE changes c SET fields = redress_scrubbed_fields(c.fields)
    FROM records r
   WHERE c.kind = r.kind AND c.id = r.id
     AND ((r.kind = 'cases' AND r.id = disposed_case) OR (r.kind <> 'cases' AND r.case_id = disposed_case));

  -- The listed entries of this case (through the index of audit changes by case).
  targets := ARRAY(
    SELECT a.change_seq FROM changes c JOIN audit a ON a.change_seq = c.seq
     WHERE c.kind = 'audit' AND (c.fields->'caseId'->>'after') = disposed_case
       AND a.entry->>'payloadHash' = ANY (payloads) AND NOT a.entry ? 'erased');
  UPDATE changes c SET fields = redress_scrubbed_fields(c.fields), id = a.entry->>'payloadHash'
    FROM audit a
   WHERE c.seq = ANY (targets) AND a.change_seq = c.seq;
  UPDATE audit SET entry = (entry - 'reason' - 'salt')
                           || jsonb_build_object('changes', '[]'::jsonb, 'erased', mark)
   WHERE change_seq = ANY (targets);
  GET DIAGNOSTICS erased = ROW_COUNT;
  RETURN erased;
END $$;

REVOKE ALL ON FUNCTION redress_may_decide_retention(), redress_scrubbed_fields(jsonb),
  redress_erase_disposed(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_may_decide_retention(), redress_erase_disposed(bigint) TO {app};
`,
  },
  {
    version: 13,
    name: 'the office security policy kept on the server',
    sql: `
-- In team mode the security settings are the office's: the server keeps all four (SecurityPolicy in
-- src-shared/domain/accounts.ts, with the same bounds), every signed-in desk reads them, and only an
-- administrator sets them (redress_administrator(): RDA01 no session, 42501 not an administrator).
-- The row from before keeps its lockout values; the new columns start at the desks' defaults.
ALTER TABLE security_policy
  ADD COLUMN min_password_length integer NOT NULL DEFAULT 12 CHECK (min_password_length BETWEEN 8 AND 128),
  ADD COLUMN idle_lock_minutes integer NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 1 AND 480),
  ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION redress_security_policy_json() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object('minPasswordLength', min_password_length, 'lockoutAttempts', lockout_attempts,
                            'lockoutMinutes', lockout_minutes, 'idleLockMinutes', idle_lock_minutes)
    FROM security_policy
$$;

-- The policy, for any valid session (a desk reads it at sign-in and unlock).
CREATE FUNCTION redress_security_policy() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF current_account() IS NULL THEN
    RAISE EXCEPTION 'The session is not open on the team server: sign in again.' USING ERRCODE = 'RDA01';
  END IF;
  RETURN redress_security_policy_json();
END $$;

-- An administrator sets any of the four (missing keys are kept); returns the policy before and after.
CREATE FUNCTION redress_set_security_policy(p_policy jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  before jsonb;
  after jsonb;
BEGIN
  PERFORM redress_administrator();
  PERFORM 1 FROM security_policy FOR UPDATE;
  before := redress_security_policy_json();
  UPDATE security_policy SET
    min_password_length = COALESCE((p_policy->>'minPasswordLength')::integer, min_password_length),
    lockout_attempts = COALESCE((p_policy->>'lockoutAttempts')::integer, lockout_attempts),
    lockout_minutes = COALESCE((p_policy->>'lockoutMinutes')::integer, lockout_minutes),
    idle_lock_minutes = COALESCE((p_policy->>'idleLockMinutes')::integer, idle_lock_minutes);
  after := redress_security_policy_json();
  IF after IS DISTINCT FROM before THEN
    UPDATE security_policy SET version = version + 1;
  END IF;
  RETURN jsonb_build_object('before', before, 'after', after);
END $$;

REVOKE ALL ON FUNCTION redress_security_policy_json(), redress_security_policy(),
  redress_set_security_policy(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_security_policy(), redress_set_security_policy(jsonb) TO {app};
`,
  },
  {
    version: 14,
    name: 'an approved proposal sent without a session is refused; promotion signs its administrator in',
    sql: `
-- Migration 11 let an approved proposal be created with no session at all, for a promotion's
-- history: so any desk (or anyone holding the service account) could write an approval nobody was
-- checked for. Now an approved proposal is created outright only under a session: a promotion's
-- under its administrator's (below), with a promote| key; anyone else's is checked as an approval.

-- Promotion, as before (accounts and lockout rule onto an empty server), and then a session for the
-- administrator promoting (p_promoter, one of the accounts just uploaded), opened on the desk
-- p_desk_id: the promotion's pushes claim it. It grants nothing the upload did not: whoever may
-- promote an empty server chooses every account's password hash.
CREATE FUNCTION redress_promote_accounts(p_accounts jsonb, p_lockout_attempts integer, p_lockout_minutes integer,
  p_promoter text, p_desk_id text, p_minutes integer,
  OUT promoted integer, OUT token text, OUT expires_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  promoted := redress_promote_accounts(p_accounts, p_lockout_attempts, p_lockout_minutes);
  IF NOT EXISTS (SELECT 1 FROM accounts a JOIN account_roles r ON r.account_id = a.id
                  WHERE a.id = p_promoter AND r.role = 'administrator' AND NOT a.disabled) THEN
    RAISE EXCEPTION 'Only an administrator whose account goes up with this desk can promote it.'
      USING ERRCODE = 'check_violation';
  END IF;
  IF COALESCE(p_desk_id, '') = '' OR p_minutes NOT BETWEEN 1 AND 1440 THEN
    RAISE EXCEPTION 'A promotion names its desk and a session of 1 to 1440 minutes.'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  expires_at := now() + make_interval(mins => p_minutes);
  INSERT INTO sessions (token_hash, account_id, desk_id, expires_at)
    VALUES (encode(sha256(convert_to(token, 'UTF8')), 'hex'), p_promoter, p_desk_id, expires_at);
END $$;
REVOKE ALL ON FUNCTION redress_promote_accounts(jsonb, integer, integer, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_promote_accounts(jsonb, integer, integer, text, text, integer) TO {app};

-- Migration 11's rule, its refusal now also carrying its figures (figures: for over-limit, the
-- currency, the total and the limit, as numbers), so that a desk words the money in the office's
-- locale instead of the server's "GBP 750.00" (src-shared/domain/team-sync.ts refusalMessage).
DROP FUNCTION redress_approval_refusal(text, jsonb);
CREATE FUNCTION redress_approval_refusal(p_account text, p_data jsonb,
  OUT code text, OUT message text, OUT figures jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cap numeric;
  over record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM account_roles WHERE account_id = COALESCE(p_account, '') AND role = 'manager') THEN
    code := 'role';
    message := 'Only a manager can decide on a resolution that needs approval.';
    RETURN;
  END IF;
  IF p_data->'createdBy'->>'id' = p_account THEN
    code := 'own-proposal';
    message := 'You proposed this remedy; another manager must approve it.';
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_data->'editedBy') = 'array'
                                                     THEN p_data->'editedBy' ELSE '[]'::jsonb END) e
              WHERE e->>'id' = p_account) THEN
    code := 'edited-proposal';
    message := 'You edited this proposal; another manager must approve it.';
    RETURN;
  END IF;
  SELECT approval_limit INTO cap FROM accounts WHERE id = p_account;
  IF cap IS NULL THEN
    RETURN;
  END IF;
  SELECT t.currency, t.amount INTO over
    FROM (SELECT r.value->>'currency' AS currency, round(sum((r.value->>'amount')::numeric), 2) AS amount,
                 min(r.ordinality) AS first
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_data->'remedies') = 'array'
                                           THEN p_data->'remedies' ELSE '[]'::jsonb END) WITH ORDINALITY r
           WHERE r.value->>'type' IN ('refund', 'credit', 'goodwill')
             AND jsonb_typeof(r.value->'amount') = 'number' AND (r.value->>'amount')::numeric <> 0
           GROUP BY 1) t
   WHERE t.amount > cap
   ORDER BY t.first
   LIMIT 1;
  IF FOUND THEN
    code := 'over-limit';
    message := format('This remedy (%s %s) is above your approval limit of %s %s; a manager with a higher limit must approve it.',
      over.currency, to_char(over.amount, 'FM999,999,999,990.00'), over.currency, to_char(cap, 'FM999,999,999,990.00'));
    figures := jsonb_build_object('currency', over.currency, 'amount', over.amount, 'limit', cap);
  END IF;
END $$;
REVOKE ALL ON FUNCTION redress_approval_refusal(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_approval_refusal(text, jsonb) TO {app};

-- As migration 11's, but for an approved proposal created in one go: without a session it is
-- refused (no-session); under an administrator's session with a promote| key it is a promotion's
-- history; under any other session it is an approval and checked as one. A refusal's figures go in
-- its HINT as JSON ({"code", "currency", "amount", "limit"}); DETAIL stays the code.
CREATE OR REPLACE FUNCTION records_approval_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me text;
  named text := NEW.data->'decision'->'by'->>'id';
  refusal record;
BEGIN
  IF NEW.data->>'state' IS DISTINCT FROM 'approved' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.data->>'state' = 'approved'
     AND OLD.data->'remedies' IS NOT DISTINCT FROM NEW.data->'remedies'
     AND OLD.data->'createdBy' IS NOT DISTINCT FROM NEW.data->'createdBy'
     AND OLD.data->'editedBy' IS NOT DISTINCT FROM NEW.data->'editedBy'
     AND OLD.data->'decision' IS NOT DISTINCT FROM NEW.data->'decision' THEN
    RETURN NEW;
  END IF;
  me := current_account();
  IF TG_OP = 'INSERT' THEN
    -- A push writes INSERT … ON CONFLICT DO UPDATE: for a record the server has, the UPDATE's turn decides.
    IF EXISTS (SELECT 1 FROM records WHERE kind = NEW.kind AND id = NEW.id) THEN
      RETURN NEW;
    END IF;
    IF COALESCE(current_setting('redress.session', true), '') = '' THEN
      RAISE EXCEPTION 'The team server keeps an approval only from someone signed in to it: this approved proposal was sent without a session, so it was not kept. Sign in to the team server, then approve it again.'
        USING ERRCODE = 'RD001', DETAIL = 'no-session';
    END IF;
    IF EXISTS (SELECT 1 FROM changes c
                WHERE c.seq = NEW.updated_seq AND c.kind = NEW.kind AND c.id = NEW.id
                  AND c.idempotency_key LIKE 'promote|%')
       AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = me AND role = 'administrator') THEN
      RETURN NEW;
    END IF;
  END IF;
  IF me IS NULL THEN
    RAISE EXCEPTION 'The team server could not tell who approved this proposal: the session has ended. Sign in again, then approve it again.'
      USING ERRCODE = 'RD001', DETAIL = 'signed-out';
  END IF;
  IF named IS DISTINCT FROM me THEN
    RAISE EXCEPTION 'This approval names someone other than the person signed in: only they can approve it in their name.'
      USING ERRCODE = 'RD001', DETAIL = 'not-the-approver';
  END IF;
  SELECT * INTO refusal FROM redress_approval_refusal(me, NEW.data);
  IF refusal.code IS NOT NULL THEN
    RAISE EXCEPTION '%', refusal.message USING ERRCODE = 'RD001', DETAIL = refusal.code,
      HINT = (jsonb_build_object('code', refusal.code) || COALESCE(refusal.figures, '{}'::jsonb))::text;
  END IF;
  RETURN NEW;
END $$;
`,
  },
  {
    version: 15,
    name: 'the server remembers disposed cases and keeps nothing personal that reaches it about them later',
    sql: `
-- Migration 12 scrubs a case's history when its disposal is pushed, but a desk that was offline could
-- push a note, a letter or an edit of that case afterwards, and the server kept that new personal
-- data. Now the server remembers each disposed case (the kind of disposal, its record, when:
-- redress_remember_disposal, called by the push after redress_erase_disposed), and:
-- - a record of that case (the case itself or any record whose case it is) is refused when written
--   (SQLSTATE RD001, DETAIL disposed-case, HINT JSON {code, caseId, disposal, at}); only a disposal's
--   own erasure (a manager's session, marked by the push with redress.erasure) still writes them;
-- - a trail entry about it is linked (the chain stays whole and in one order on every desk), but its
--   payload is erased at once, as the disposal erased the others (redress_erase_after_disposal).
--   Kept whole are the retention's own entries (dispose-*) and a desk's note that its change was
--   not kept (sync-change-refused with no field values): they hold no personal data.
CREATE TABLE disposed_cases (
  case_id text PRIMARY KEY,
  disposal text NOT NULL,
  record_id text NOT NULL,
  disposed_at text NOT NULL,
  change_seq bigint NOT NULL
);
GRANT SELECT ON disposed_cases TO {app};

-- Remembers the case the disposal entry linked at p_change_seq disposed of (sync.ts calls it right
-- after redress_erase_disposed, for the same entry): only an account that may decide retention.
CREATE FUNCTION redress_remember_disposal(p_change_seq bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  d_entry jsonb;
  d_record text;
BEGIN
  SELECT entry INTO d_entry FROM audit WHERE change_seq = p_change_seq;
  d_record := (SELECT c->>'after' FROM jsonb_array_elements(d_entry->'changes') c WHERE c->>'field' = 'disposal');
  IF d_entry IS NULL OR d_entry->>'action' NOT LIKE 'dispose-%' OR d_entry->>'caseId' IS NULL
     OR d_record IS NULL THEN
    RAISE EXCEPTION 'Change % is not a disposal of a case.', p_change_seq USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT redress_may_decide_retention() THEN
    RAISE EXCEPTION 'Only a manager may dispose of cases on the team server.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO disposed_cases (case_id, disposal, record_id, disposed_at, change_seq)
    VALUES (d_entry->>'caseId', d_entry->>'action', d_record, d_entry->>'at', p_change_seq)
    ON CONFLICT (case_id) DO UPDATE
      SET disposal = EXCLUDED.disposal, record_id = EXCLUDED.record_id,
          disposed_at = EXCLUDED.disposed_at, change_seq = EXCLUDED.change_seq;
END $$;

-- Cases disposed of before this version: their disposal entries say which.
INSERT INTO disposed_cases (case_id, disposal, record_id, disposed_at, change_seq)
SELECT DISTINCT ON (a.entry->>'caseId') a.entry->>'caseId', a.entry->>'action',
       (SELECT c->>'after' FROM jsonb_array_elements(a.entry->'changes') c WHERE c->>'field' = 'disposal'),
       a.entry->>'at', a.change_seq
  FROM audit a
 WHERE a.entry->>'action' LIKE 'dispose-%' AND a.entry->>'caseId' IS NOT NULL
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.entry->'changes') c WHERE c->>'field' = 'disposal')
 ORDER BY a.entry->>'caseId', a.seq DESC;

CREATE FUNCTION records_refuse_disposed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  d disposed_cases;
BEGIN
  SELECT * INTO d FROM disposed_cases WHERE case_id = NEW.case_id;
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF COALESCE(current_setting('redress.erasure', true), '') = 'on' AND redress_may_decide_retention() THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'This case was disposed of under the retention policy on %; this change was not kept.',
      left(d.disposed_at, 10)
    USING ERRCODE = 'RD001', DETAIL = 'disposed-case',
          HINT = jsonb_build_object('code', 'disposed-case', 'caseId', d.case_id, 'disposal', d.disposal,
                                    'at', d.disposed_at)::text;
END $$;
-- After records_derive_restriction (triggers fire by name), which sets case_id.
CREATE TRIGGER records_refuse_disposed BEFORE INSERT OR UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION records_refuse_disposed();

-- The trail entry linked at p_change_seq, about a case already disposed of: its payload erased (and
-- its change's values, its id becoming its commitment), marked with the disposal. True when erased.
CREATE FUNCTION redress_erase_after_disposal(p_change_seq bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  e jsonb;
  d disposed_cases;
BEGIN
  SELECT entry INTO e FROM audit WHERE change_seq = p_change_seq;
  IF e IS NULL OR NOT e ? 'payloadHash' OR e ? 'erased' OR e->>'action' LIKE 'dispose-%'
     OR (e->>'action' = 'sync-change-refused' AND jsonb_array_length(COALESCE(e->'changes', '[]'::jsonb)) = 0) THEN
    RETURN false;
  END IF;
  SELECT * INTO d FROM disposed_cases WHERE case_id = e->>'caseId';
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  UPDATE changes SET fields = redress_scrubbed_fields(fields), id = e->>'payloadHash' WHERE seq = p_change_seq;
  UPDATE audit SET entry = (entry - 'reason' - 'salt')
                           || jsonb_build_object('changes', '[]'::jsonb,
                                                 'erased', jsonb_build_object('at', d.disposed_at, 'recordId', d.record_id))
   WHERE change_seq = p_change_seq;
  RETURN true;
END $$;

REVOKE ALL ON FUNCTION records_refuse_disposed(), redress_erase_after_disposal(bigint),
  redress_remember_disposal(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_erase_after_disposal(bigint), redress_remember_disposal(bigint) TO {app};
`,
  },
  {
    version: 16,
    name: 'a change to an account or the security policy wakes the desks',
    sql: `
-- The desks wait on LISTEN redress_changes (sync.ts) and follow their person's session at each pass
-- (checkTeamSession). A change to an account did not wake them, so a desk noticed that its person
-- was turned off, or lost a role, only when its wait ran out. Now each such change notifies
-- redress_accounts (sent when, and only if, its transaction commits): the payload is the account's
-- id, or * for the office's security policy (every session follows it). What notifies:
-- - an account's name, approval limit, turned-off flag or version (roles and a password reset or
--   change move the version: redress_update_account, redress_reset_password, redress_change_password);
-- - a role given or taken (account_roles), whoever writes it;
-- - a session ended (signed out, turned off, a password reset or changed elsewhere);
-- - the security policy changed.
-- A failed sign-in (its attempt count) moves none of these, so it wakes nobody.
CREATE FUNCTION redress_notify_account() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'security_policy' THEN
    PERFORM pg_notify('redress_accounts', '*');
  ELSIF TG_TABLE_NAME = 'accounts' THEN
    PERFORM pg_notify('redress_accounts', NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('redress_accounts', OLD.account_id);
  ELSE
    PERFORM pg_notify('redress_accounts', NEW.account_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER accounts_notify AFTER UPDATE ON accounts FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.approval_limit IS DISTINCT FROM NEW.approval_limit
        OR OLD.disabled IS DISTINCT FROM NEW.disabled OR OLD.version IS DISTINCT FROM NEW.version)
  EXECUTE FUNCTION redress_notify_account();
CREATE TRIGGER account_roles_notify AFTER INSERT OR DELETE ON account_roles FOR EACH ROW
  EXECUTE FUNCTION redress_notify_account();
CREATE TRIGGER sessions_notify AFTER UPDATE OF ended_at ON sessions FOR EACH ROW
  WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
  EXECUTE FUNCTION redress_notify_account();
CREATE TRIGGER security_policy_notify AFTER UPDATE ON security_policy FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION redress_notify_account();
REVOKE ALL ON FUNCTION redress_notify_account() FROM PUBLIC;
`,
  },
  {
    version: 17,
    name: 'a desk hears of the cases it may no longer see',
    sql: `
-- A desk that pulled a case before it was restricted to others (or before it was taken from the
-- desk's person) never hears of it again: row-level security hides the restricting change with the
-- rest. This names, to the session's account, the restricted cases it may not see whose record
-- changed after p_after (a change seq), with the seq of that change, so the desk removes its copy.
-- Only ids and seqs, never data; the ids are random, and the desk drops those it does not hold.
CREATE FUNCTION redress_cases_hidden_since(p_after bigint)
RETURNS TABLE (case_id text, seq bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id, r.updated_seq FROM records r
   WHERE r.kind = 'cases' AND r.restricted AND r.updated_seq > p_after
     AND NOT redress_sees_case_data(r.data)
   ORDER BY r.updated_seq
$$;
REVOKE ALL ON FUNCTION redress_cases_hidden_since(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_cases_hidden_since(bigint) TO {app};
`,
  },
  {
    version: 18,
    name: 'a desk finds its own change by its idempotency key whatever it may see now',
    sql: `
-- A push that reached the server but whose answer was lost is sent again, and the server knows it
-- by its idempotency key. Row-level security hid the earlier change from that lookup when the case
-- had since been restricted from the desk's person (or the session had ended): the change was taken
-- as new, its insert then failed on the key, and the desk's outbox stalled on it for good. This
-- finds the change sent under that key whatever the session may see, and says only where it went
-- (seq, version, record) and whether a disposal has since erased it (its id is then the entry's
-- payload hash), never its data. By key alone: keys are random and unique across desks, and a desk
-- restored onto a new computer sends its outbox again under a new desk id.
CREATE FUNCTION redress_change_by_key(p_key text)
RETURNS TABLE (seq bigint, version bigint, kind text, id text, erased boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.seq, c.version, c.kind, c.id,
         EXISTS (SELECT 1 FROM audit a WHERE a.change_seq = c.seq AND a.entry ? 'erased')
    FROM changes c
   WHERE c.idempotency_key = p_key
$$;
REVOKE ALL ON FUNCTION redress_change_by_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_change_by_key(text) TO {app};
`,
  },
  {
    version: 19,
    name: 'the trail under the same row-level security as the changes',
    sql: `
-- The audit table had no row-level security: every entry's payload (a field's old and new values,
-- the reason) was readable through the desks' role whatever the session, so anyone holding the
-- service login read a restricted case's trail by direct SQL. An entry is now seen as the change it
-- was linked with (changes_see: the change says which case the entry is about, and carries whether
-- that case is restricted now, kept in step by migration 8). Not FORCEd, as records and changes:
-- the owner and the definer functions see every row.
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_see ON audit FOR SELECT TO {app}
  USING (EXISTS (SELECT 1 FROM changes c
                  WHERE c.seq = audit.change_seq
                    AND (NOT c.restricted OR redress_sees_change(c.kind, c.id, c.fields))));
-- Still insert-only: INSERT and SELECT are all the role was granted (migration 2), and the
-- triggers refuse UPDATE, DELETE and TRUNCATE; a push adds the next link whatever it may see.
CREATE POLICY audit_add ON audit FOR INSERT TO {app} WITH CHECK (true);

-- A push links each entry after the newest, which may be one its session may not see.
ALTER FUNCTION audit_in_order() SECURITY DEFINER SET search_path = public, pg_temp;

-- A desk checks its replica against the whole chain (team-trail.ts), hidden entries included: a
-- page of it by seq, every row's links (seq, prev_hash, hash) and key (the payload commitment, or
-- the hash of a format-1 entry) and whether it was erased; the entry itself only when the session's
-- account may see it (as audit_see), never the header or the payload of one it may not.
CREATE FUNCTION redress_trail_page(p_after bigint, p_limit integer)
RETURNS TABLE (seq bigint, prev_hash text, hash text, change_seq bigint, entry jsonb, key text, erased boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.seq, a.prev_hash, a.hash, a.change_seq,
         CASE WHEN c.seq IS NOT NULL AND (NOT c.restricted OR redress_sees_change(c.kind, c.id, c.fields))
              THEN a.entry END,
         COALESCE(a.entry->>'payloadHash', a.hash), a.entry ? 'erased'
    FROM (SELECT * FROM audit x WHERE x.seq > p_after ORDER BY x.seq LIMIT p_limit) a
    LEFT JOIN changes c ON c.seq = a.change_seq
   ORDER BY a.seq
$$;
REVOKE ALL ON FUNCTION redress_trail_page(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_trail_page(bigint, integer) TO {app};
`,
  },
  {
    version: 20,
    name: 'evidence files only for those who may see a case holding them',
    sql: `
-- The evidence tables had no row-level security, and a desk fetched a file by its fingerprint
-- alone: anyone holding the service login read a restricted case's files. A file is now read only
-- by a session that may see a record naming it (an evidence record, by its sha256, under the rule
-- of records_see): a restricted case's files go where its records go, and a file two cases hold is
-- read through either. A file no record names yet (sent before its record: sync-runner.ts sends
-- the file first) is read by nobody through the desks' role until its record arrives.
CREATE INDEX records_evidence_sha256 ON records ((data->>'sha256')) WHERE kind = 'evidence';

CREATE FUNCTION redress_sees_evidence(p_sha256 text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM records r
                  WHERE r.kind = 'evidence' AND r.data->>'sha256' = p_sha256
                    AND (NOT r.restricted OR redress_sees_record(r.kind, r.case_id, r.data)))
$$;

-- Chunks are still added by the desks' role (a file row only by redress_evidence_complete, which
-- like redress_evidence_clear_partial runs as the owner and sees every chunk).
ALTER TABLE evidence_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_files_see ON evidence_files FOR SELECT TO {app} USING (redress_sees_evidence(sha256));
ALTER TABLE evidence_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_chunks_see ON evidence_chunks FOR SELECT TO {app} USING (redress_sees_evidence(sha256));
CREATE POLICY evidence_chunks_add ON evidence_chunks FOR INSERT TO {app} WITH CHECK (true);
-- Version 3's table, unused since 7, under the same rule.
ALTER TABLE evidence_blobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_blobs_see ON evidence_blobs FOR SELECT TO {app} USING (redress_sees_evidence(sha256));
CREATE POLICY evidence_blobs_add ON evidence_blobs FOR INSERT TO {app} WITH CHECK (true);

-- Which of these files the server holds whole, whoever may see them: an upload (sent before its
-- record) and a desk dropping a hidden case's copies ask it rather than send bytes the server has.
-- It says only that the office holds a file of that fingerprint, never a byte or a case of it.
CREATE FUNCTION redress_evidence_held(p_hashes text[]) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.sha256 FROM evidence_files f WHERE f.sha256 = ANY (p_hashes)
$$;

REVOKE ALL ON FUNCTION redress_sees_evidence(text), redress_evidence_held(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redress_sees_evidence(text), redress_evidence_held(text[]) TO {app};
`,
  },
];

/** The schema version this build of Redress knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
