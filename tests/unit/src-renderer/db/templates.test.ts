// Offices that stored the first shipped letters get the regulated wording as a new version, unless
// they edited them.
import { describe, expect, it } from 'vitest';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import {
  ensureDefaultTemplates,
  listTemplates,
  saveTemplate,
  standingOf,
  SYSTEM_ACTOR,
  templateVersions,
} from '../../../../src-renderer/db/templates';
import { DEFAULT_TEMPLATES, wordingFingerprint } from '../../../../src-shared/domain/default-templates';
import { FIRST_SHIPPED_TEMPLATES } from './first-shipped-templates';
import { useFreshDb, person } from './test-db';

const priya = person('u1', 'Priya Shah', 'administrator');
const shipped = (key: string) => DEFAULT_TEMPLATES.find((d) => d.key === key)!;
const firstShipped = (key: string) => FIRST_SHIPPED_TEMPLATES.find((d) => d.key === key)!;
const CHANGED = ['acknowledgement', 'holding', 'final', 'summary-resolution'];

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

/** An office as the first release left it: version 1 of each letter, in the first wording. */
async function officeWithFirstShippedLetters() {
  await db.templates.bulkAdd(
    FIRST_SHIPPED_TEMPLATES.map((d) => ({
      id: `first-${d.key}`,
      key: d.key,
      version: 1,
      kind: d.kind,
      name: d.name,
      subject: d.subject,
      body: d.body,
      createdAt: '2026-01-05T09:00:00.000Z',
      createdBy: SYSTEM_ACTOR,
    })),
  );
}

describe('ensureDefaultTemplates', () => {
  it('a new office gets version 1 of each letter in the current wording', async () => {
    await ensureDefaultTemplates(db);
    for (const t of await listTemplates(db)) {
      expect(t.version).toBe(1);
      expect(t.body).toBe(shipped(t.key).body);
    }
  });

  it('gives each unedited letter the new wording as its next version, by Redress, keeping the history', async () => {
    await officeWithFirstShippedLetters();
    // Two starts at once (two windows, or React's double effect) write each version once.
    await Promise.all([
      ensureDefaultTemplates(db, new Date('2026-06-01T08:00:00Z')),
      ensureDefaultTemplates(db, new Date('2026-06-01T08:00:00Z')),
    ]);
    await ensureDefaultTemplates(db);
    for (const key of CHANGED) {
      const versions = await templateVersions(db, key);
      expect(
        versions.map((v) => v.version),
        key,
      ).toEqual([2, 1]);
      expect(versions[0]).toMatchObject({ body: shipped(key).body, createdBy: SYSTEM_ACTOR });
      expect(versions[1]!.body).toBe(firstShipped(key).body);
      expect(standingOf(versions)).toBe('current');
    }
    // Letters whose wording did not change stay as they were.
    for (const key of ['request-info', 'follow-up'])
      expect((await templateVersions(db, key)).map((v) => v.version)).toEqual([1]);
    const audit = (await db.audit.toArray()).filter((e) => e.action === 'template-version');
    expect(audit.map((e) => e.entityId).sort()).toEqual([...CHANGED].sort());
    expect(audit.every((e) => e.actor.id === SYSTEM_ACTOR.id)).toBe(true);
  });

  it('keeps an office’s edited letter and says a newer default exists; one saved unchanged is upgraded', async () => {
    await officeWithFirstShippedLetters();
    const final = firstShipped('final');
    await saveTemplate(db, 'final', { ...final, body: `${final.body}\nPS: our own words.` }, priya);
    const holding = firstShipped('holding');
    await saveTemplate(db, 'holding', { ...holding }, priya);
    await ensureDefaultTemplates(db);

    const finalVersions = await templateVersions(db, 'final');
    expect(finalVersions.map((v) => v.version)).toEqual([2, 1]);
    expect(finalVersions[0]!.body).toContain('PS: our own words.');
    expect(standingOf(finalVersions)).toBe('edited-newer-default');

    const holdingVersions = await templateVersions(db, 'holding');
    expect(holdingVersions.map((v) => [v.version, v.createdBy.id])).toEqual([
      [3, SYSTEM_ACTOR.id],
      [2, priya.id],
      [1, SYSTEM_ACTOR.id],
    ]);
    expect(holdingVersions[0]!.body).toBe(shipped('holding').body);
  });

  it('an office that starts its own wording from the new default is not told again', async () => {
    await officeWithFirstShippedLetters();
    await saveTemplate(db, 'final', { ...firstShipped('final'), name: 'Our final letter' }, priya);
    await ensureDefaultTemplates(db);
    expect(standingOf(await templateVersions(db, 'final'))).toBe('edited-newer-default');
    const news = shipped('final');
    await saveTemplate(
      db,
      'final',
      { ...news, name: 'Our final letter', basedOnDefault: wordingFingerprint(news) },
      priya,
    );
    const versions = await templateVersions(db, 'final');
    expect(versions[0]).toMatchObject({ version: 3, basedOnDefault: wordingFingerprint(news) });
    expect(standingOf(versions)).toBe('edited');
    await ensureDefaultTemplates(db);
    expect(await templateVersions(db, 'final')).toHaveLength(3);
  });
});
