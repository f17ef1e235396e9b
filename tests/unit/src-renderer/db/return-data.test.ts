import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../../src-renderer/db/cases';
import { recordReturnData } from '../../../../src-renderer/db/return-data';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { ValidationError } from '../../../../src-shared/errors';
import { freshDb, intake, person, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const lists = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES };
let db: RedressDB;

beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function newCase() {
  return createCase(db, intake('2026-03-04T09:30:00Z'), priya, testRules(), new Date('2026-03-04T09:30:00Z'));
}

describe('recordReturnData', () => {
  it('stores the data and audits the change in the same transaction', async () => {
    const c = await newCase();
    const data = {
      ...emptyReturnData(),
      productId: 'credit-card',
      causeId: 'fees-charges',
      postcode: 'sw1a 1aa',
      redress: [{ type: 'refund' as const, amount: 25, currency: 'GBP', paidOn: '2026-03-20' }],
    };
    const saved = await recordReturnData(db, c.id, data, lists, priya, new Date('2026-03-21T09:00:00Z'));
    expect(saved.returnData).toMatchObject({ productId: 'credit-card', postcode: 'SW1A 1AA' });
    expect((await db.cases.get(c.id))?.returnData?.redress).toHaveLength(1);
    const audit = await db.audit.where('caseId').equals(c.id).toArray();
    const entry = audit.find((a) => a.action === 'return-data');
    expect(entry?.actor.name).toBe('Priya Shah');
    expect(entry?.changes.map((ch) => ch.field)).toContain('returnData.productId');
  });

  it('refuses a product that is not on the office’s list, naming the field', async () => {
    const c = await newCase();
    const attempt = recordReturnData(db, c.id, { ...emptyReturnData(), productId: 'yacht' }, lists, priya);
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({ field: 'productId' });
    expect((await db.cases.get(c.id))?.returnData).toBeUndefined();
  });

  it('refuses a bad postcode with a clear message', async () => {
    const c = await newCase();
    await expect(
      recordReturnData(db, c.id, { ...emptyReturnData(), postcode: '??' }, lists, priya),
    ).rejects.toThrow('Enter a postcode such as SW1A 1AA or 2000.');
  });
});
