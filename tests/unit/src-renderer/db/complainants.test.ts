import { describe, expect, it } from 'vitest';
import { createCase, findPossibleDuplicates, updateCase } from '../../../../src-renderer/db/cases';
import { complainantCases, complainantContacts } from '../../../../src-renderer/db/complainants';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { useFreshDb, intake, MANAGER, person, sendLetter, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const sam = person('u2', 'Sam Lee', 'officer');
const rules = testRules();
const now = new Date('2026-06-01T10:00:00Z');

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

/** The same person three times, typed three ways, and a stranger who shares only a name. */
async function plant() {
  const first = await createCase(
    db,
    intake('2026-02-01T09:00:00Z', {
      complainant: { name: 'Zoë Đặng', email: 'zoe.dang@example.org', phone: '+44 7700 900123' },
      accountRef: '40-30-20 11223344',
    }),
    priya,
    rules,
    now,
  );
  const byEmail = await createCase(
    db,
    intake('2026-05-20T09:00:00Z', {
      complainant: { name: 'Zoe Dang-Smith', email: ' ZOE.DANG@example.org ', phone: '' },
    }),
    priya,
    rules,
    now,
  );
  const byPhone = await createCase(
    db,
    intake('2026-05-25T09:00:00Z', {
      complainant: { name: 'Z. D. Smith', email: 'zds@example.net', phone: '07700 900123' },
    }),
    priya,
    rules,
    now,
  );
  const namesake = await createCase(
    db,
    intake('2026-05-26T09:00:00Z', {
      complainant: { name: 'ZOE DANG', email: 'other.zoe@example.com', phone: '0161 496 0000' },
    }),
    priya,
    rules,
    now,
  );
  const stranger = await createCase(
    db,
    intake('2026-05-27T09:00:00Z', { complainant: { name: 'Ada Quill', email: 'ada@example.com' } }),
    priya,
    rules,
    now,
  );
  return { first, byEmail, byPhone, namesake, stranger };
}

describe('the complainant record', () => {
  it('finds the person’s cases by name, e-mail, phone or account, says by which, newest first', async () => {
    const p = await plant();
    const { cases, truncated } = await complainantCases(db, p.first, priya);
    expect(truncated).toBe(false);
    expect(cases.map((c) => [c.record.reference, c.matchedBy])).toEqual([
      [p.first.reference, []],
      [p.namesake.reference, ['name']],
      [p.byPhone.reference, ['phone']],
      [p.byEmail.reference, ['email']],
    ]);
  });

  it('gathers every contact logged on those cases, newest first, each with its case reference', async () => {
    const p = await plant();
    await sendLetter(db, p.first.id, 'acknowledgement', '2026-02-02T10:00:00Z');
    await sendLetter(db, p.byEmail.id, 'acknowledgement', '2026-05-21T10:00:00Z');
    await sendLetter(db, p.stranger.id, 'acknowledgement', '2026-05-28T10:00:00Z');
    const { cases } = await complainantCases(db, p.byEmail, priya);
    const contacts = await complainantContacts(db, cases);
    expect(contacts.map((m) => [m.reference, m.at])).toEqual([
      [p.byEmail.reference, '2026-05-21T10:00:00.000Z'],
      [p.first.reference, '2026-02-02T10:00:00.000Z'],
    ]);
  });

  it('leaves out the cases the viewer may not see', async () => {
    const p = await plant();
    await updateCase(db, p.byPhone.id, MANAGER, 'restrict', () => ({
      restricted: true,
      assignee: { id: sam.id, name: sam.name },
    }));
    const ids = async (viewer: typeof priya) =>
      (await complainantCases(db, p.first, viewer)).cases.map((c) => c.record.id);
    expect(await ids(priya)).not.toContain(p.byPhone.id);
    expect(await ids(MANAGER)).toContain(p.byPhone.id);
  });

  it('flags a new complaint from the same e-mail under another spelling of the name at intake', async () => {
    const p = await plant();
    const found = await findPossibleDuplicates(
      db,
      { name: 'Zoey Dang', accountRef: '', email: 'Zoe.Dang@example.org', phone: '' },
      priya,
      now,
    );
    // The first case is older than the 90 days intake looks back: the complainant page has it.
    expect(found.map((c) => c.id)).toEqual([p.byEmail.id]);
  });
});
