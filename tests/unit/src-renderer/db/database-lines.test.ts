import './dexie-export-import-env';
import Dexie from 'dexie';
import { exportDB, importInto } from 'dexie-export-import';
import { describe, expect, it } from 'vitest';
import {
  exportDatabase,
  gunzip,
  gzipAndHash,
  importDatabase,
} from '../../../../src-renderer/db/database-backup';
import { LinesFormatError, readLines, type LinesHeader } from '../../../../src-renderer/db/database-lines';
import { IMPORT_COMPLETE_KEY, RedressDB } from '../../../../src-renderer/db/schema';
import { freshDb } from './test-db';

// What people really type into a complaint: line breaks, quotes, back-slashes, a line that looks
// like the layout's own ']}', right-to-left text, emoji sequences and a lone surrogate's neighbours.
const AWKWARD = [
  'Line one\nLine two\r\n]},\n{"tableName":"cases","inbound":true,"rows":[',
  'He said "no" \\ twice',
  'محمد عبد الله — 王秀英 — 👩🏽‍⚕️🇬🇧',
  ']}}',
  '',
];

async function plant(db: RedressDB): Promise<void> {
  await db.users.bulkPut(
    AWKWARD.map((name, i) => ({ id: `u${i}`, name, nested: { list: [name, i, null, true] } }) as never),
  );
  await db.counters.put({ key: 'audit:head', value: 7, hash: 'ab'.repeat(32) });
  await db.notes.bulkPut(
    Array.from(
      { length: 2500 },
      (_, i) => ({ id: `n${i}`, caseId: `c${i % 7}`, text: AWKWARD[i % 5] }) as never,
    ),
  );
}

/** A text stream cut into pieces of `size` characters, so lines and characters break anywhere. */
function textStream(text: string, size: number): ReadableStream<string> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= text.length) return controller.close();
      controller.enqueue(text.slice(at, at + size));
      at += size;
    },
  });
}

async function exportedText(db: RedressDB): Promise<string> {
  const exported = await exportDatabase(db, { rowsPerPage: 333 });
  return (await gunzip(exported.bytes)).text();
}

describe('the row-per-line database layout', () => {
  it('is read back row for row from text cut at any point', async () => {
    const db = freshDb();
    await plant(db);
    const text = await exportedText(db);
    for (const size of [1, 7, 4099]) {
      const tables: Record<string, unknown[]> = {};
      let header: LinesHeader | undefined;
      await readLines(
        textStream(text, size),
        {
          header: (h) => void (header = h),
          rows: async (table, rows) => void (tables[table] = [...(tables[table] ?? []), ...rows]),
        },
        { pageChars: 1000 },
      );
      expect(header?.tables.find((t) => t.name === 'notes')?.rowCount).toBe(2500);
      expect(tables.users).toEqual(await db.users.toArray());
      expect(tables.notes).toEqual(await db.notes.toArray());
    }
    db.close();
  }, 60_000);

  it('stays a dexie-export-import document: the library itself imports it', async () => {
    const db = freshDb();
    await plant(db);
    const exported = await exportDatabase(db);
    const other = new RedressDB(`lines-library-${Date.now()}`);
    await other.open();
    await importInto(other, await gunzip(exported.bytes), { acceptNameDiff: true });
    expect(await other.users.toArray()).toEqual(await db.users.toArray());
    expect(await other.notes.count()).toBe(2500);
    other.close();
    db.close();
  });

  it('reports what it exported: counts per table and the audit head', async () => {
    const db = freshDb();
    await plant(db);
    const exported = await exportDatabase(db);
    expect(exported.counts.notes).toBe(2500);
    expect(exported.counts.users).toBe(AWKWARD.length);
    expect(exported.counts).not.toHaveProperty('searchIndex');
    expect(exported.auditHead).toEqual({ seq: 7, hash: 'ab'.repeat(32) });
    db.close();
  });

  it('refuses a document cut short, and one with a damaged row', async () => {
    const db = freshDb();
    await plant(db);
    const text = await exportedText(db);
    const sink = { header: () => undefined, rows: async () => undefined };
    await expect(readLines(textStream(text.slice(0, text.length - 20), 64), sink)).rejects.toBeInstanceOf(
      LinesFormatError,
    );
    const damaged = text.replace('"He said', '"He said"');
    await expect(readLines(textStream(damaged, 64), sink)).rejects.toThrow(/a row of users cannot be read/);
    db.close();
  });

  it('imports into a new database, marked whole; an export made before this layout still imports', async () => {
    const db = freshDb();
    await plant(db);
    const target = `lines-import-${Date.now()}`;
    const counts = await importDatabase(target, (await exportDatabase(db)).bytes);
    expect(counts.notes).toBe(2500);
    const restored = new RedressDB(target);
    expect(await restored.users.toArray()).toEqual(await db.users.toArray());
    expect(await restored.counters.get(IMPORT_COMPLETE_KEY)).toBeTruthy();
    restored.close();

    // The layout before: the library's own export, one long line.
    const old = await gzipAndHash(await exportDB(db, { skipTables: ['searchIndex', 'analyticsSnapshot'] }));
    const older = `lines-old-${Date.now()}`;
    expect((await importDatabase(older, old.bytes)).notes).toBe(2500);
    const fromOld = new RedressDB(older);
    expect(await fromOld.notes.toArray()).toEqual(await db.notes.toArray());
    fromOld.close();
    await Dexie.delete(target);
    await Dexie.delete(older);
    db.close();
  });
});
