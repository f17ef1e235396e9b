import { beforeEach, describe, expect, it } from 'vitest';
import {
  CaseSearchIndex,
  IndexFormatError,
  caseToSearchDoc,
  type SearchDoc,
} from '../../../../src-renderer/search/search-index';
import { sampleDocs } from './search-docs';

const ids = (index: CaseSearchIndex, query: string, limit?: number) =>
  index.search(query, limit).map((h) => h.id);
const doc = (id: string, fields: Partial<SearchDoc>): SearchDoc => ({
  id,
  reference: `CMP-2025-${900_000 + Number(id.replace(/\D/g, ''))}`,
  name: 'Alex Doe',
  description: 'Nothing to see.',
  updatedAt: '2026-02-01T00:00:00.000Z',
  ...fields,
});

let index: CaseSearchIndex;
beforeEach(() => {
  index = new CaseSearchIndex();
  for (const d of sampleDocs()) index.add(d);
});

describe('CaseSearchIndex', () => {
  it('passes over hidden cases, which take no place among the results', () => {
    const all = ids(index, 'mortgage');
    const hidden = new Set(all.slice(0, 2));
    const shown = index.search('mortgage', 3, hidden).map((h) => h.id);
    expect(shown).toEqual(all.slice(2, 5));
  });

  it('finds a word of the description and says where it matched', () => {
    const hits = index.search('mortgage');
    expect(hits.map((h) => h.id).sort()).toEqual(['case-11', 'case-19', 'case-27', 'case-3', 'case-35']);
    expect(hits.every((h) => h.fields.join() === 'description')).toBe(true);
  });

  it('finds names whatever the accents and case', () => {
    expect(ids(index, 'zoe').sort()).toEqual(['case-1', 'case-13', 'case-25']);
    expect(ids(index, 'ZOË ADAMS').sort()).toEqual(['case-1', 'case-13', 'case-25']);
    expect(ids(index, 'angstrom')).toHaveLength(3);
    expect(ids(index, 'dang thi')).toHaveLength(3);
    expect(ids(index, 'Ngugi')).toHaveLength(3);
    expect(ids(index, 'lukasz')).toEqual(ids(index, 'Łukasz'));
  });

  it('finds words as they are typed: prefixes of names and of the text', () => {
    expect(ids(index, 'zo').sort()).toEqual(['case-1', 'case-13', 'case-25']);
    const refu = ids(index, 'refu');
    // refund (texts 0), refused (2), refunded (5)
    expect(refu.sort()).toEqual(
      sampleDocs()
        .filter((d) => /\brefu/i.test(d.description))
        .map((d) => d.id)
        .sort(),
    );
    expect(refu.length).toBeGreaterThan(ids(index, 'refund').length);
  });

  it('needs every query word, each in any field', () => {
    index.add(doc('x1', { name: 'Ann Smith', description: 'Charged twice, asked for a refund.' }));
    index.add(doc('x2', { name: 'Ann Smith', description: 'Branch closed.' }));
    index.add(doc('x3', { name: 'Bob Jones', description: 'Smith charged me twice.' }));
    expect(ids(index, 'ann refund')).toEqual(['x1']);
    expect(ids(index, 'smith twice').sort()).toEqual(['x1', 'x3']);
    expect(ids(index, 'ann nonexistentword')).toEqual([]);
  });

  it('ranks the name above the text, and more fields above fewer', () => {
    index.add(doc('x1', { name: 'Kim Park', description: 'Letter from Holloway arrived late.' }));
    index.add(doc('x2', { name: 'Ria Holloway', description: 'Card declined.' }));
    index.add(doc('x3', { name: 'Dan Holloway', description: 'Holloway family account frozen.' }));
    const hits = index.search('holloway');
    expect(hits.map((h) => h.id)).toEqual(['x3', 'x2', 'x1']);
    expect(hits[0]!.fields).toEqual(['name', 'description']);
  });

  it('puts an exact reference first, typed in full, padded or as the bare number', () => {
    index.add(doc('x23', { description: 'I paid 23 pounds, then 000023 appeared on CMP 2026 statements.' }));
    for (const query of [
      'CMP-2026-000023',
      'cmp 2026 000023',
      'cmp2026000023',
      'CMP-2026-23',
      '000023',
      '23',
    ]) {
      const hits = index.search(query);
      expect(hits[0], query).toEqual({ id: 'case-23', fields: ['reference'] });
    }
    // The same number in another year is an exact match too; the text mention ranks after both.
    index.add(doc('y23', { reference: 'CMP-2025-000023', updatedAt: '2025-06-01T00:00:00.000Z' }));
    expect(ids(index, '23').slice(0, 2)).toEqual(['case-23', 'y23']);
    expect(ids(index, '23')).toContain('x23');
  });

  it('finds references as they are typed', () => {
    // "00003" begins 000030…000036 and, without its zeros, is number 3 exactly.
    expect(ids(index, 'CMP-2026-00003')).toEqual([
      'case-3',
      'case-36',
      'case-35',
      'case-34',
      'case-33',
      'case-32',
      'case-31',
      'case-30',
    ]);
    expect(ids(index, 'CMP-2026-00001')).toEqual([
      'case-1',
      ...Array.from({ length: 10 }, (_, i) => `case-${19 - i}`),
    ]);
  });

  it('breaks ties by the most recent change', () => {
    const smiths = ids(index, 'smith');
    expect(smiths).toEqual(['case-32', 'case-31', 'case-20', 'case-19', 'case-8', 'case-7']);
  });

  it('limits the hits', () => {
    expect(ids(index, 'cmp', 5)).toEqual(['case-36', 'case-35', 'case-34', 'case-33', 'case-32']);
    expect(index.search('cmp', 0)).toEqual([]);
    expect(index.search('  ')).toEqual([]);
  });

  it('gives every match, in the same order, when asked for more than there are', () => {
    const all = ids(index, 'cmp', 1_000_000);
    expect(all).toHaveLength(sampleDocs().length);
    expect(all.slice(0, 5)).toEqual(ids(index, 'cmp', 5));
    expect(ids(index, 'smith', 1_000_000)).toEqual(ids(index, 'smith'));
    const hidden = new Set(all.slice(0, 2));
    expect(index.search('cmp', 1_000_000, hidden).map((h) => h.id)).toEqual(all.slice(2));
  });

  it('replaces a case on update and forgets it on removal', () => {
    const changed = { ...sampleDocs()[2]!, description: 'Now about a pension transfer.' };
    expect(index.add(changed)).toBe(true);
    expect(ids(index, 'mortgage')).not.toContain('case-3');
    expect(ids(index, 'pension')).toEqual(['case-3']);
    // The same text again (a status change, say) leaves the index as it was.
    expect(index.add({ ...changed, updatedAt: '2027-01-01T00:00:00.000Z' })).toBe(false);
    expect(index.indexedAt('case-3')).toBe(Date.parse('2027-01-01T00:00:00.000Z'));

    expect(index.remove('case-11')).toBe(true);
    expect(index.remove('case-11')).toBe(false);
    expect(ids(index, 'mortgage').sort()).toEqual(['case-19', 'case-27', 'case-35']);
    expect(ids(index, 'CMP-2026-000011')).toEqual([]);
    expect(index.size).toBe(35);
    expect(index.has('case-11')).toBe(false);
  });

  it('indexes notes when given', () => {
    index.add(doc('x1', { notes: 'Spoke to the ombudsman on Tuesday.' }));
    expect(index.search('ombudsman')).toEqual([{ id: 'x1', fields: ['notes'] }]);
  });

  it('makes a search document from a case record', () => {
    const record = {
      id: 'c1',
      reference: 'CMP-2026-000001',
      complainant: { name: 'Zoë Adams' },
      description: 'Charged twice.',
      updatedAt: '2026-01-01T00:00:00.000Z',
    } as Parameters<typeof caseToSearchDoc>[0];
    expect(caseToSearchDoc(record)).toEqual({
      id: 'c1',
      reference: 'CMP-2026-000001',
      name: 'Zoë Adams',
      description: 'Charged twice.',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(caseToSearchDoc(record, 'A note').notes).toBe('A note');
    const full = {
      ...record,
      complainant: { name: 'Zoë Adams', phone: '07700 900123' },
      accountRef: 'ACC-5521',
      product: 'Gold credit card',
      assignee: { id: 'u1', name: 'Séverine Brûlé' },
      escalation: { owner: { id: 'u2', name: 'Tom Ng' } },
    } as Parameters<typeof caseToSearchDoc>[0];
    expect(caseToSearchDoc(full)).toMatchObject({
      phone: '07700 900123',
      accountRef: 'ACC-5521',
      product: 'Gold credit card',
      staff: 'Séverine Brûlé, Tom Ng',
    });
  });

  describe('identifiers, product and staff', () => {
    beforeEach(() => {
      index.add(
        doc('p1', {
          phone: '+44 7700 900123',
          accountRef: 'ACC-5521-0098',
          product: 'Platinum credit card',
          staff: 'Séverine Brûlé, Tom Ng',
          description: 'Paid by card 4929 1234 on 12.03.2026, transaction TXN-88412 never arrived.',
        }),
      );
      index.add(doc('p2', { phone: '020 7946 0018', accountRef: '40-11-22 88776655', product: 'Mortgage' }));
    });

    it('finds a phone number however it is typed', () => {
      for (const typed of [
        '+44 7700 900123',
        '07700 900123',
        '07700900123',
        '+447700900123',
        '(0)7700-900-123',
      ])
        expect(index.search(typed), typed).toEqual([{ id: 'p1', fields: ['identifier'] }]);
      expect(ids(index, '0207946 0018')).toEqual(['p2']);
      // Too few digits to be a person's number ("123" is still a word of p1's text: "1234").
      for (const typed of ['123', '0123', '00123'])
        expect(
          index.search(typed).filter((h) => h.fields.includes('identifier')),
          typed,
        ).toEqual([]);
    });

    it('finds a phone number from its last six to eight digits, however they are typed', () => {
      index.add(doc('p4', { phone: '07700 800123' }));
      for (const typed of ['900123', '0 900 123', ' 0900-123 ', '00 900 123', '(0)900.123'])
        expect(index.search(typed), typed).toEqual([{ id: 'p1', fields: ['identifier'] }]);
      // The digits before the last six must match too.
      expect(ids(index, '1900123')).toEqual([]);
      expect(ids(index, '800123')).toEqual(['p4']);
      expect(ids(index, '946 0018')).toEqual(['p2']);
      // Kept after saving and loading the index.
      const restored = new CaseSearchIndex();
      restored.import(index.export());
      expect(ids(restored, '0 900 123')).toEqual(['p1']);
    });

    it('finds an account reference with or without its spaces and dashes, in any case', () => {
      for (const typed of ['ACC-5521-0098', 'acc 5521 0098', 'acc55210098'])
        expect(ids(index, typed), typed).toEqual(['p1']);
      expect(ids(index, '401122 88776655')).toEqual(['p2']);
    });

    it('finds reference-like tokens typed in the description, written another way', () => {
      expect(index.search('txn88412')).toEqual([{ id: 'p1', fields: ['identifier'] }]);
      expect(ids(index, 'TXN-88412')).toEqual(['p1']);
      expect(ids(index, '49291234')).toEqual(['p1']);
      expect(ids(index, '4929-1234')).toEqual(['p1']);
      // A date is not a reference: its digits run together find nothing.
      expect(ids(index, '12032026')).toEqual([]);
    });

    it('puts the case an identifier names above cases that only mention its words', () => {
      index.add(doc('p3', { description: 'The TXN reference 88412 is not ours.' }));
      expect(ids(index, 'TXN-88412')).toEqual(['p1', 'p3']);
    });

    it('finds the product and the staff, by whole word or prefix, without accents', () => {
      expect(index.search('platinum')).toEqual([{ id: 'p1', fields: ['product'] }]);
      expect(ids(index, 'plat')).toEqual(['p1']);
      expect(ids(index, 'mortgage')).toContain('p2');
      expect(index.search('severine brule')).toEqual([{ id: 'p1', fields: ['staff'] }]);
      expect(ids(index, 'SÉVER')).toEqual(['p1']);
      expect(ids(index, 'tom ng')).toEqual(['p1']);
    });

    it('forgets the old identifiers when a case changes, and all of them when it goes', () => {
      index.add(doc('p1', { phone: '07700 900999', accountRef: 'NEW-123456' }));
      expect(ids(index, '07700 900123')).toEqual([]);
      expect(ids(index, 'txn88412')).toEqual([]);
      expect(ids(index, '07700900999')).toEqual(['p1']);
      index.remove('p1');
      expect(ids(index, '07700900999')).toEqual([]);
      expect(ids(index, 'NEW-123456')).toEqual([]);
    });

    it('passes over a hidden case found by its identifiers', () => {
      const hidden = new Set(['p1']);
      for (const typed of ['07700 900123', 'ACC-5521-0098', 'TXN88412', 'platinum', 'severine'])
        expect(index.search(typed, 50, hidden), typed).toEqual([]);
    });

    it('keeps them through export and import', () => {
      const restored = new CaseSearchIndex();
      restored.import(index.export());
      for (const typed of ['07700900123', 'acc 5521 0098', 'txn88412', 'platinum', 'tom'])
        expect(restored.search(typed), typed).toEqual(index.search(typed));
    });
  });

  describe('export and import', () => {
    const queries = [
      'mortgage',
      'zoe',
      'refu',
      'smith twice',
      'CMP-2026-000023',
      '23',
      'cmp',
      'angs',
      'holiday refused',
    ];

    it('gives the same results after a round trip, whatever order the chunks come back in', () => {
      index.remove('case-5');
      const chunks = index.export();
      expect(chunks.every((c) => typeof c.key === 'string' && typeof c.data === 'string')).toBe(true);
      expect(new Set(chunks.map((c) => c.key)).size).toBe(chunks.length);

      const restored = new CaseSearchIndex();
      // IndexedDB returns rows sorted by key, not in export order.
      restored.import([...chunks].sort((a, b) => (a.key < b.key ? -1 : 1)));
      expect(restored.size).toBe(index.size);
      for (const query of queries) expect(restored.search(query), query).toEqual(index.search(query));
    });

    it('saves no word that no case holds any more (an erased name), and every word a case still holds', () => {
      const vocabulary = () => index.export().find((c) => c.key === 'search:vocabulary')!.data;
      index.add(doc('x1', { description: 'Quintessa Marlowe-Fairweather rang about her mortgage.' }));
      index.add(doc('x2', { description: 'Zebedee Quarrington wrote twice.' }));
      expect(vocabulary()).toMatch(/"quintessa".*"zebedee"/);
      // Anonymised: its text replaced. Removed: gone.
      index.add(doc('x1', { description: 'Anonymised' }));
      index.remove('x2');
      const results = queries.map((q) => index.search(q));
      expect(vocabulary()).not.toMatch(/quintessa|marlowe|fairweather|zebedee|quarrington/);
      expect(vocabulary()).toMatch(/"mortgage"/);
      // Pruning changed no search: a word a case holds is still there to expand a prefix to.
      expect(queries.map((q) => index.search(q))).toEqual(results);
      expect(ids(index, 'quint')).toEqual([]);
    });

    it('keeps working after import: add, update and remove', () => {
      const restored = new CaseSearchIndex();
      restored.import(index.export());
      restored.add(doc('x1', { name: 'Quentin Blake' }));
      restored.add({ ...sampleDocs()[2]!, description: 'Pension transfer.' });
      restored.remove('case-11');
      expect(ids(restored, 'quentin')).toEqual(['x1']);
      expect(ids(restored, 'pension')).toEqual(['case-3']);
      expect(ids(restored, 'mortgage').sort()).toEqual(['case-19', 'case-27', 'case-35']);
      expect(ids(restored, '11')).toEqual([]);
    });

    it('round-trips an empty index', () => {
      const restored = new CaseSearchIndex();
      restored.import(new CaseSearchIndex().export());
      expect(restored.size).toBe(0);
      expect(restored.search('anything')).toEqual([]);
    });

    it('refuses chunks it cannot read', () => {
      const chunks = index.export();
      const restored = new CaseSearchIndex();
      expect(() => restored.import([])).toThrow(IndexFormatError);
      expect(() => restored.import(chunks.filter((c) => c.key !== 'search:cases'))).toThrow(IndexFormatError);
      expect(() =>
        restored.import(chunks.map((c) => (c.key === 'search:format' ? { ...c, data: '0' } : c))),
      ).toThrow(IndexFormatError);
    });
  });
});
