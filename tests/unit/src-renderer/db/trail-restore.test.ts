// A case whose disposal the team server refused takes back the trail details this desk erased, from
// the server's copies: only a payload that matches the commitment the erased entry kept comes back
// (a server, or anyone between, cannot slip other words into the desk's history), and with the
// server away the case waits for the next pass.
import { describe, expect, it } from 'vitest';
import { hashAuditPayload, type AuditPayload } from '../../../../src-shared/domain/audit';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import { eraseComplainant } from '../../../../src-renderer/db/retention';
import {
  restoreRefusedDisposalTrail,
  trailRestoreKey,
  trailRestoresWaiting,
} from '../../../../src-renderer/db/sync-replica';
import { restoreRefusedTrails } from '../../../../src-renderer/features/team/sync-runner';
import type { SyncTransport } from '../../../../src-renderer/features/team/sync-runner';
import { freshDb, intake, MANAGER, testRules } from './test-db';

const NAME = 'Eiðunn Þórsdóttir-Kowalska';

async function erasedCase() {
  const db = freshDb();
  const rules = testRules();
  const logged = await createCase(
    db,
    intake('2026-10-02T09:15:00Z', { complainant: { name: NAME }, description: `${NAME}: fee taken twice` }),
    MANAGER,
    rules,
  );
  await transitionCase(db, logged.id, 'withdrawn', MANAGER, rules, {
    reason: `${NAME} withdrew by phone`,
    now: new Date('2026-10-20T11:00:00Z'),
  });
  // Before the erasure: the payloads as the server holds them.
  const payloads: AuditPayload[] = (await caseAuditTrail(db, logged.id)).map((e) => ({
    payloadHash: e.payloadHash!,
    salt: e.salt!,
    changes: e.changes,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
  }));
  await eraseComplainant(db, [logged.id], MANAGER, {
    reason: 'Erasure request, identity checked',
    files: { dispose: () => Promise.resolve({ removed: 0 }) },
  });
  const erased = (await caseAuditTrail(db, logged.id)).filter((e) => e.erased);
  expect(erased.length).toBeGreaterThan(0);
  expect(JSON.stringify(erased)).not.toContain(NAME);
  return { db, caseId: logged.id, payloads };
}

describe('taking back a refused disposal’s erased trail details', () => {
  it('restores each payload that matches its commitment, and refuses one that does not', async () => {
    const { db, caseId, payloads } = await erasedCase();
    const [first, ...rest] = payloads;
    const forged = {
      ...first!,
      changes: [{ field: 'complainant.name', before: null, after: 'Someone Else' }],
    };
    expect(hashAuditPayload(forged)).not.toBe(forged.payloadHash);
    await db.syncState.put({ key: trailRestoreKey(caseId), at: '2026-10-21T10:00:00Z' });

    expect(await restoreRefusedDisposalTrail(db, caseId, [forged, ...rest])).toBe(rest.length);
    const trail = await caseAuditTrail(db, caseId);
    const kept = trail.find((e) => e.payloadHash === first!.payloadHash);
    expect(kept?.erased).toBeDefined();
    expect(JSON.stringify(trail)).not.toContain('Someone Else');
    expect(trail.at(-1)).toMatchObject({
      action: 'trail-details-restored',
      changes: [{ field: 'restoredEntries', before: null, after: rest.length }],
    });
    expect(await trailRestoresWaiting(db)).toEqual([]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('waits, with the server away, and restores at the next pass', async () => {
    const { db, caseId, payloads } = await erasedCase();
    await db.syncState.put({ key: trailRestoreKey(caseId), at: '2026-10-21T10:00:00Z' });
    let online = false;
    const transport = {
      trailPayloads: (id: string) =>
        Promise.resolve(
          online
            ? { online: true as const, payloads: id === caseId ? payloads : [] }
            : { online: false as const, message: 'The network is cut (test).' },
        ),
    } as unknown as SyncTransport;
    expect(await restoreRefusedTrails(db, transport, new Date())).toEqual({
      online: false,
      message: 'The network is cut (test).',
    });
    expect(await trailRestoresWaiting(db)).toEqual([caseId]);
    online = true;
    expect(await restoreRefusedTrails(db, transport, new Date())).toBeNull();
    expect(await trailRestoresWaiting(db)).toEqual([]);
    const trail = await caseAuditTrail(db, caseId);
    expect(trail.filter((e) => e.erased && e.action !== 'dispose-erasure')).toEqual([]);
    expect(JSON.stringify(trail)).toContain(NAME);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });
});
