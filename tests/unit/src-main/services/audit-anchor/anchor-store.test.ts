import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import {
  ANCHOR_KEY_FILE,
  exportAnchorKey,
  importAnchorKey,
  type KeyStore,
} from '../../../../../src-main/services/audit-anchor/anchor-key';
import {
  ANCHOR_FILE,
  CENSUS_FILE,
  createAuditAnchor,
  recordRestoredDatabase,
} from '../../../../../src-main/services/audit-anchor/anchor-store';

const GEN = '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e';
const OTHER_GEN = '7c1d4b2a-1111-4a43-8f55-0c9f6a3c1d2e';
const h = (c: string) => c.repeat(64);
const ada = { id: 'a1', name: 'Ada Admin' };

/** A stand-in for the OS key store: wraps by prefixing, refuses what it did not wrap. */
function fakeKeyStore(problem: string | null = null): KeyStore & { wrapped: number } {
  const PREFIX = Buffer.from('wrapped-by-os:');
  return {
    wrapped: 0,
    problem: () => problem,
    encrypt(b) {
      this.wrapped += 1;
      return Buffer.concat([PREFIX, b]);
    },
    decrypt(b) {
      if (!b.subarray(0, PREFIX.length).equals(PREFIX)) throw new Error('not ours');
      return b.subarray(PREFIX.length);
    },
  };
}

let dir: string;
let clock: Date;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-anchor-'));
  clock = new Date('2026-03-02T09:00:00.000Z');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const anchorFor = (keyStore?: KeyStore) =>
  createAuditAnchor({
    dataDir: dir,
    log: createSecurityLog(dir),
    now: () => {
      clock = new Date(clock.getTime() + 1000);
      return clock;
    },
    ...(keyStore ? { keyStore } : {}),
  });

const anchorLines = async () => (await readFile(join(dir, ANCHOR_FILE), 'utf8')).split('\n').filter(Boolean);
const writeLines = (lines: string[]) =>
  writeFile(join(dir, ANCHOR_FILE), lines.map((l) => `${l}\n`).join(''));
const securityEvents = async () => (await createSecurityLog(dir).page({ offset: 0, limit: 50 })).entries;

async function anchorThree(anchor = anchorFor()) {
  for (const [seq, c] of [
    [3, 'a'],
    [7, 'b'],
    [12, 'c'],
  ] as const) {
    expect(await anchor.checkpoint({ generation: GEN, cases: seq, seq, hash: h(c) }, ada)).toEqual({
      recorded: true,
      refused: false,
    });
  }
  return anchor;
}

describe('the anchor file', () => {
  it('appends one MAC-sealed line per checkpoint, chained to the line before, and reads them back', async () => {
    const anchor = await anchorThree();
    const lines = (await anchorLines()).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.seq)).toEqual([3, 7, 12]);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['at', 'hash', 'mac', 'seq']);
    const read = await anchor.read();
    expect(read.problems).toEqual([]);
    expect(read.lines).toBe(3);
    expect(read.checkpoints).toEqual([
      { seq: 3, hash: h('a'), at: '2026-03-02T09:00:01.000Z' },
      { seq: 7, hash: h('b'), at: '2026-03-02T09:00:02.000Z' },
      { seq: 12, hash: h('c'), at: '2026-03-02T09:00:03.000Z' },
    ]);
  });

  it('writes nothing when the head has not moved', async () => {
    const anchor = await anchorThree();
    expect(await anchor.checkpoint({ generation: GEN, cases: 12, seq: 12, hash: h('c') }, ada)).toEqual({
      recorded: false,
      refused: false,
    });
    expect(await anchorLines()).toHaveLength(3);
  });

  it.each([
    ['a seq that goes backwards', 9, h('d')],
    ['the same seq with another hash', 12, h('d')],
  ])(
    'refuses %s, keeps the anchor, and records it once as a problem and in the security log',
    async (_n, seq, hash) => {
      const anchor = await anchorThree();
      const input = { generation: GEN, cases: 1, seq, hash };
      expect(await anchor.checkpoint(input, ada)).toEqual({ recorded: false, refused: true });
      expect(await anchor.checkpoint(input, ada)).toEqual({ recorded: false, refused: true });
      expect(await anchorLines()).toHaveLength(3);
      const read = await anchor.read();
      expect(read.checkpoints).toHaveLength(3);
      expect(read.problems).toEqual([
        { kind: 'rewrite-refused', at: '2026-03-02T09:00:04.000Z', seq, anchoredSeq: 12 },
      ]);
      const events = (await securityEvents()).filter((e) => e.event === 'audit-rewrite-refused');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: ada,
        detail: `The audit trail reached entry 12; its head is now entry ${seq}.`,
      });
    },
  );

  it('reports an edited line', async () => {
    const anchor = await anchorThree();
    const lines = await anchorLines();
    await writeLines([lines[0]!, lines[1]!.replace(h('b'), h('e')), lines[2]!]);
    const read = await anchor.read();
    expect(read.problems).toEqual([{ kind: 'line-altered', line: 2, count: 1 }]);
    expect(read.checkpoints.map((c) => c.seq)).toEqual([3, 12]);
  });

  it('reports a removed line: the line after it no longer follows', async () => {
    const anchor = await anchorThree();
    const lines = await anchorLines();
    await writeLines([lines[0]!, lines[2]!]);
    expect((await anchor.read()).problems).toEqual(
      expect.arrayContaining([{ kind: 'line-altered', line: 2, count: 1 }]),
    );
  });

  it('reports the newest lines cut off, which the MAC chain alone cannot show', async () => {
    const anchor = await anchorThree();
    await writeLines((await anchorLines()).slice(0, 2));
    expect((await anchor.read()).problems).toEqual([{ kind: 'tail-removed', expected: 3, found: 2 }]);
  });

  it('keeps the evidence of a cut anchor when the next checkpoint moves the census on', async () => {
    const anchor = await anchorThree();
    await writeLines((await anchorLines()).slice(0, 2));
    expect(await anchor.checkpoint({ generation: GEN, cases: 20, seq: 20, hash: h('f') }, ada)).toEqual({
      recorded: true,
      refused: false,
    });
    expect((await anchor.read()).problems).toEqual([
      { kind: 'tail-removed', at: '2026-03-02T09:00:04.000Z', expected: 3, found: 2 },
    ]);
    const events = (await securityEvents()).filter((e) => e.event === 'audit-rewrite-refused');
    expect(events.map((e) => e.detail)).toEqual([
      'Redress had written 3 audit anchor checkpoints; 2 were left.',
    ]);
  });

  it('reports an unreadable line and an edited census', async () => {
    const anchor = await anchorThree();
    const lines = await anchorLines();
    await writeLines([lines[0]!, '{"seq": 7, half a line', lines[2]!]);
    const census = JSON.parse(await readFile(join(dir, CENSUS_FILE), 'utf8')) as { cases: number };
    await writeFile(join(dir, CENSUS_FILE), JSON.stringify({ ...census, cases: 0 }));
    const read = await anchor.read();
    expect(read.problems).toEqual([{ kind: 'line-altered', line: 2, count: 2 }, { kind: 'census-altered' }]);
  });

  it('reports a missing key when checkpoints exist, and does not make a new one over them', async () => {
    const anchor = await anchorThree();
    await rm(join(dir, ANCHOR_KEY_FILE));
    expect(await anchor.read()).toMatchObject({ checkpoints: [], problems: [{ kind: 'key-missing' }] });
    expect(await anchor.checkpoint({ generation: GEN, cases: 1, seq: 20, hash: h('f') }, ada)).toEqual({
      recorded: false,
      refused: false,
    });
    await expect(stat(join(dir, ANCHOR_KEY_FILE))).rejects.toThrow();
  });

  it('refuses checkpoints from another database while main knows one that held data', async () => {
    const anchor = await anchorThree();
    expect(await anchor.checkpoint({ generation: OTHER_GEN, cases: 0, seq: 1, hash: h('a') }, ada)).toEqual({
      recorded: false,
      refused: false,
    });
    expect(await anchorLines()).toHaveLength(3);
  });
});

describe('the key', () => {
  it('without a key store: a plain file only this account may read, and the read says so', async () => {
    const anchor = await anchorThree();
    const file = join(dir, ANCHOR_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, protection: 'plain' });
    expect((await anchor.read()).keyProtection).toBe('plain');
  });

  it('with a key store: wrapped, and a plain key is wrapped once the key store can take it', async () => {
    await anchorThree();
    const keyStore = fakeKeyStore();
    const anchor = anchorFor(keyStore);
    const read = await anchor.read();
    expect(read).toMatchObject({ keyProtection: 'key-store', problems: [] });
    expect(JSON.parse(await readFile(join(dir, ANCHOR_KEY_FILE), 'utf8'))).toMatchObject({
      protection: 'key-store',
    });
    expect(keyStore.wrapped).toBe(1);
    expect((await anchor.read()).checkpoints).toHaveLength(3);
  });

  it('a key store that cannot be used now keeps the key plain', async () => {
    const anchor = await anchorThree(anchorFor(fakeKeyStore('The system keyring is locked.')));
    expect((await anchor.read()).keyProtection).toBe('plain');
  });

  it('a wrapped key that this computer cannot unwrap is reported, not replaced', async () => {
    await anchorThree(anchorFor(fakeKeyStore()));
    const elsewhere: KeyStore = { ...fakeKeyStore(), decrypt: () => Buffer.from('garbage') };
    expect((await anchorFor(elsewhere).read()).problems).toEqual([{ kind: 'key-unusable' }]);
  });

  it('exports the raw key and imports it on another computer, where the anchor still verifies', async () => {
    await anchorThree(anchorFor(fakeKeyStore()));
    const key = await exportAnchorKey(dir, fakeKeyStore());
    expect(key).toHaveLength(32);
    // Another computer: the files come from the backup, the key store is its own.
    const other = await mkdtemp(join(tmpdir(), 'redress-anchor-other-'));
    try {
      for (const name of [ANCHOR_FILE, CENSUS_FILE])
        await writeFile(join(other, name), await readFile(join(dir, name)));
      const theirs: KeyStore = {
        problem: () => null,
        encrypt: (b) => Buffer.from(b).reverse(),
        decrypt: (b) => Buffer.from(b).reverse(),
      };
      await importAnchorKey(other, theirs, key);
      const read = await createAuditAnchor({
        dataDir: other,
        keyStore: theirs,
        log: createSecurityLog(other),
      }).read();
      expect(read).toMatchObject({ problems: [], keyProtection: 'key-store' });
      expect(read.checkpoints).toHaveLength(3);
      await expect(importAnchorKey(other, theirs, new Uint8Array(5))).rejects.toThrow(/damaged/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('the census', () => {
  it('remembers what it last saw, and calls an empty database a loss', async () => {
    const anchor = await anchorThree();
    expect(await anchor.census({ generation: GEN, cases: 12, auditSeq: 12 })).toEqual({ state: 'ok' });
    const verdict = await anchor.census({ generation: OTHER_GEN, cases: 0, auditSeq: 0 });
    expect(verdict).toMatchObject({
      state: 'lost',
      kind: 'empty',
      known: { generation: GEN, cases: 12, auditSeq: 12 },
    });
  });

  it('a first database is noted, not a loss', async () => {
    const anchor = anchorFor();
    expect(await anchor.census({ generation: GEN, cases: 0, auditSeq: 0 })).toEqual({ state: 'ok' });
    expect(JSON.parse(await readFile(join(dir, CENSUS_FILE), 'utf8'))).toMatchObject({ generation: GEN });
  });

  it('starting empty records the reason, sets the old anchor aside and starts the census again', async () => {
    const anchor = await anchorThree();
    const facts = { generation: OTHER_GEN, cases: 0, auditSeq: 0 };
    expect(await anchor.startEmpty({ ...facts, reason: 'New computer.' }, ada)).toEqual({ state: 'ok' });
    expect(await anchor.census(facts)).toEqual({ state: 'ok' });
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('audit-anchor-retired-'))).toHaveLength(1);
    expect(files).not.toContain(ANCHOR_FILE);
    const [event] = (await securityEvents()).filter((e) => e.event === 'database-started-empty');
    expect(event).toMatchObject({ actor: ada, subject: null });
    expect(event!.detail).toMatch(
      /^New computer\. — Before: 12 cases and 12 audit entries \(.+\)\. Now: 0 cases and 0 audit entries\.$/,
    );
    // The new trail anchors from entry 1 again, with nothing wrong.
    expect(await anchor.checkpoint({ generation: OTHER_GEN, cases: 1, seq: 1, hash: h('a') }, ada)).toEqual({
      recorded: true,
      refused: false,
    });
    expect((await anchor.read()).problems).toEqual([]);
  });

  it('starting empty changes nothing while the database is the one main knows', async () => {
    const anchor = await anchorThree();
    const facts = { generation: GEN, cases: 12, auditSeq: 12 };
    expect(await anchor.startEmpty({ ...facts, reason: 'Just because.' }, ada)).toEqual({ state: 'ok' });
    expect(await anchorLines()).toHaveLength(3);
    expect((await securityEvents()).map((e) => e.event)).not.toContain('database-started-empty');
  });

  it('after a restore, the restored database is the one main knows', async () => {
    const anchor = await anchorThree();
    await recordRestoredDatabase(dir, { cases: 5, auditSeq: 7 });
    // The restored database's id is learnt at its first sign-in.
    expect(await anchor.census({ generation: OTHER_GEN, cases: 5, auditSeq: 7 })).toEqual({ state: 'ok' });
    expect(await anchor.census({ generation: OTHER_GEN, cases: 5, auditSeq: 6 })).toMatchObject({
      kind: 'smaller',
    });
    expect((await anchor.read()).problems).toEqual([]);
  });
});
