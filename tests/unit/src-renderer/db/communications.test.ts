// Recording a regulated letter stamps the case in the same transaction, with its own audit entry.
import { describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import { recordCommunication, type LetterKind } from '../../../../src-renderer/db/communications';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { ensureDefaultTemplates, listTemplates } from '../../../../src-renderer/db/templates';
import { useFreshDb, intake, person, sendLetter, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();
// PSD, received Monday 2 March 2026 in England: acknowledge by Tue 3 Mar, final response by Mon
// 23 Mar (15 business days), or by Wed 22 Apr (35, over Easter) once a holding reply is sent.
const RECEIVED = '2026-03-02T10:00:00.000Z';
const DUE = {
  acknowledge: '2026-03-03T23:59:59.999Z',
  final: '2026-03-23T23:59:59.999Z',
  extended: '2026-04-22T22:59:59.999Z',
};

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

const psdCase = () =>
  createCase(db, intake(RECEIVED, { regime: 'uk-fca-psd' }), priya, rules, new Date(RECEIVED));
const stamps = async (id: string) => {
  const c = (await db.cases.get(id))!;
  return {
    acknowledgedAt: c.acknowledgedAt,
    holdingReplyAt: c.holdingReplyAt,
    finalResponseAt: c.finalResponseAt,
    summaryResolutionAt: c.summaryResolutionAt,
    nextDueAt: c.nextDueAt,
  };
};
const actions = async (id: string) => (await caseAuditTrail(db, id)).map((e) => e.action);

describe('recordCommunication stamps the case', () => {
  it.each([
    ['acknowledgement', 'acknowledgedAt', DUE.final],
    ['holding-reply', 'holdingReplyAt', DUE.extended],
    ['final-response', 'finalResponseAt', null],
    ['summary-resolution', 'summaryResolutionAt', null],
  ] as const)(
    'an outbound %s sets %s, moves the next due date to %s, and says so in the trail',
    async (kind, field, nextDueAt) => {
      const c = await psdCase();
      expect(c.nextDueAt).toBe(DUE.acknowledge);
      const at = '2026-03-02T15:00:00.000Z';
      // A holding reply opens the extended line only once the acknowledgement is met.
      if (kind === 'holding-reply') await sendLetter(db, c.id, 'acknowledgement', '2026-03-02T14:00:00.000Z');
      const before = await stamps(c.id);
      await sendLetter(db, c.id, kind, at);
      const after = (await db.cases.get(c.id))!;
      expect(after[field]).toBe(at);
      expect(after.nextDueAt).toBe(nextDueAt);
      // Stamping is not a status change: the case stays where it was.
      expect(after.status).toBe('received');
      // (An acknowledgement also ticks its checklist items: see below.)
      const trail = (await caseAuditTrail(db, c.id)).filter((e) => e.action !== 'checklist-tick');
      expect(trail.at(-2)).toMatchObject({ action: 'communication-out', entity: 'communication' });
      expect(trail.at(-1)).toMatchObject({
        action: 'response-sent',
        entity: 'case',
        caseId: c.id,
        actor: { id: 'u1', name: 'Priya Shah' },
        at,
      });
      // The stamp, and the next due date it moves.
      const changes = trail.at(-1)!.changes;
      expect(changes).toHaveLength(2);
      expect(changes).toEqual(
        expect.arrayContaining([
          { field, before: null, after: at },
          { field: 'nextDueAt', before: before.nextDueAt, after: nextDueAt },
        ]),
      );
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    },
  );

  it.each([
    ['an inbound letter', 'in', 'final-response'],
    ['an outbound contact of another kind', 'out', 'other'],
  ] as const)('%s stamps nothing', async (_name, direction, kind: LetterKind) => {
    const c = await psdCase();
    const before = await stamps(c.id);
    await recordCommunication(
      db,
      c.id,
      {
        direction,
        channel: 'letter',
        at: '2026-03-02T15:00:00Z',
        from: '',
        to: '',
        subject: 'About the complaint',
        body: 'Text.',
        kind,
      },
      priya,
      { now: new Date('2026-03-02T15:05:00Z') },
    );
    expect(await stamps(c.id)).toEqual(before);
    expect(await actions(c.id)).toEqual([
      'create',
      direction === 'in' ? 'communication-in' : 'communication-out',
    ]);
  });

  it('refuses an outbound letter that still holds template text in [square brackets], and writes nothing', async () => {
    const c = await psdCase();
    const letter = (direction: 'in' | 'out') => ({
      direction,
      channel: 'letter' as const,
      at: '2026-03-02T15:00:00Z',
      from: '',
      to: '',
      subject: 'Our final response',
      body: 'Dear Zoë,\n\n[Explain what happened, in plain words, and why.]\n\nYours sincerely',
      kind: 'final-response' as const,
    });
    // Written from the shipped final response, whose own text holds that placeholder.
    await ensureDefaultTemplates(db);
    const final = (await listTemplates(db)).find((tpl) => tpl.body.includes('[Explain what happened'))!;
    const template = { key: final.key, version: final.version, name: final.name };
    await expect(recordCommunication(db, c.id, letter('out'), priya, { template })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'body',
      message: expect.stringContaining('[Explain what happened, in plain words, and why.]'),
    });
    expect(await stamps(c.id)).toMatchObject({ finalResponseAt: null });
    expect(await actions(c.id)).toEqual(['create']);
    // Square brackets the complainant wrote, merged in from the case, are theirs: the letter goes.
    const quoted = {
      ...letter('out'),
      body: 'Dear Zoë,\n\nYou wrote: [EXTERNAL] Charged twice [cid:image001.png@01DA2B3C]\n\nWe refunded it.',
    };
    await recordCommunication(db, c.id, quoted, priya, { template });
    expect(await actions(c.id)).toEqual(['create', 'communication-out', 'response-sent']);
    // What the complainant wrote to us is kept as they wrote it.
    await recordCommunication(db, c.id, letter('in'), priya);
    expect(await actions(c.id)).toEqual(['create', 'communication-out', 'response-sent', 'communication-in']);
  });

  it('keeps the earliest letter of each kind: a later one changes nothing, an earlier one logged late moves it back', async () => {
    const c = await psdCase();
    await sendLetter(db, c.id, 'final-response', '2026-03-18T10:00:00.000Z');
    await sendLetter(db, c.id, 'final-response', '2026-03-19T10:00:00.000Z');
    expect((await stamps(c.id)).finalResponseAt).toBe('2026-03-18T10:00:00.000Z');
    expect(await actions(c.id)).toEqual([
      'create',
      'communication-out',
      'response-sent',
      'communication-out',
    ]);
    await sendLetter(db, c.id, 'final-response', '2026-03-16T10:00:00.000Z');
    expect((await stamps(c.id)).finalResponseAt).toBe('2026-03-16T10:00:00.000Z');
    expect((await caseAuditTrail(db, c.id)).at(-1)!.changes).toEqual([
      { field: 'finalResponseAt', before: '2026-03-18T10:00:00.000Z', after: '2026-03-16T10:00:00.000Z' },
    ]);
  });

  it('a PSD holding reply then final response: the extended line is live, then met', async () => {
    const c = await psdCase();
    await sendLetter(db, c.id, 'acknowledgement', '2026-03-02T14:00:00.000Z');
    await sendLetter(db, c.id, 'holding-reply', '2026-03-20T10:00:00.000Z');
    expect((await stamps(c.id)).nextDueAt).toBe(DUE.extended);
    await sendLetter(db, c.id, 'final-response', '2026-04-15T10:00:00.000Z');
    expect(await stamps(c.id)).toEqual({
      acknowledgedAt: '2026-03-02T14:00:00.000Z',
      holdingReplyAt: '2026-03-20T10:00:00.000Z',
      finalResponseAt: '2026-04-15T10:00:00.000Z',
      summaryResolutionAt: null,
      nextDueAt: null,
    });
    expect((await actions(c.id)).filter((a) => a === 'response-sent')).toHaveLength(3);
  });

  it('writes neither the contact nor the stamp when the audit entry cannot be written', async () => {
    const c = await psdCase();
    const diskFull = () => {
      throw new Error('disk full');
    };
    db.audit.hook('creating', diskFull);
    await expect(sendLetter(db, c.id, 'final-response', '2026-03-18T10:00:00.000Z')).rejects.toThrow(
      'disk full',
    );
    db.audit.hook('creating').unsubscribe(diskFull);
    expect(await db.communications.count()).toBe(0);
    expect((await stamps(c.id)).finalResponseAt).toBeNull();
  });
});

describe('sending the acknowledgement', () => {
  it('ticks the acknowledge checklist items it does, so the case can go on to investigation', async () => {
    const c = await psdCase();
    await sendLetter(db, c.id, 'acknowledgement', '2026-03-02T14:00:00.000Z');
    const after = (await db.cases.get(c.id))!;
    expect(Object.keys(after.checklist).sort()).toEqual(['confirm-receipt', 'outline-next-steps']);
    expect(after.checklist['confirm-receipt']?.by.name).toBe('Priya Shah');
    await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: new Date('2026-03-02T14:05:00Z') });
    await transitionCase(db, c.id, 'investigating', priya, rules, { now: new Date('2026-03-02T14:10:00Z') });
    expect((await db.cases.get(c.id))!.status).toBe('investigating');
    expect(await actions(c.id)).toContain('checklist-tick');
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('ticks nothing for another letter, or twice', async () => {
    const c = await psdCase();
    await sendLetter(db, c.id, 'holding-reply', '2026-03-02T14:00:00.000Z');
    expect((await db.cases.get(c.id))!.checklist).toEqual({});
    await sendLetter(db, c.id, 'acknowledgement', '2026-03-02T15:00:00.000Z');
    await sendLetter(db, c.id, 'acknowledgement', '2026-03-02T16:00:00.000Z');
    expect((await actions(c.id)).filter((a) => a === 'checklist-tick')).toHaveLength(2);
  });
});
