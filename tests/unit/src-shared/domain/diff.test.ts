import { describe, expect, it } from 'vitest';
import { creationChanges, diffFields, flattenFields } from '../../../../src-shared/domain/diff';

describe('diffFields', () => {
  it('lists changed leaves by dotted path, before → after, sorted', () => {
    const before = {
      status: 'received',
      complainant: { name: 'Zoë', email: '' },
      tags: ['a'],
      assignee: null,
    };
    const after = {
      status: 'acknowledged',
      complainant: { name: 'Zoë', email: 'z@example.com' },
      tags: ['a', 'b'],
      assignee: { id: 'u1', name: 'Sam' },
    };
    expect(diffFields(before, after)).toEqual([
      { field: 'assignee.id', before: null, after: 'u1' },
      { field: 'assignee.name', before: null, after: 'Sam' },
      { field: 'complainant.email', before: '', after: 'z@example.com' },
      { field: 'status', before: 'received', after: 'acknowledged' },
      { field: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('leaves out ignored fields and their children', () => {
    expect(
      diffFields({ updatedAt: '1', meta: { x: 1 }, a: 1 }, { updatedAt: '2', meta: { x: 2 }, a: 1 }, [
        'updatedAt',
        'meta',
      ]),
    ).toEqual([]);
  });

  it('treats a missing field as null, so creation lists every field once', () => {
    expect(diffFields({}, { a: 1, b: { c: '' } })).toEqual([
      { field: 'a', before: null, after: 1 },
      { field: 'b.c', before: null, after: '' },
    ]);
  });

  it('flattens nested objects but keeps arrays and empty objects as leaves', () => {
    expect(flattenFields({ a: { b: { c: 1 } }, d: [1, { e: 2 }], f: {} })).toEqual({
      'a.b.c': 1,
      d: [1, { e: 2 }],
      f: {},
    });
  });
});

describe('creationChanges', () => {
  const record = {
    id: 'c1',
    reference: 'CMP-2026-000001',
    complainant: { name: 'Ngũgĩ wa Thiong’o', email: '', phone: '+44 20 7946 0000', vulnerable: false },
    deadlines: { acknowledgeDue: '2026-01-05T23:59:59.999Z' },
    nextDueAt: '2026-01-05T23:59:59.999Z',
    relatedCaseIds: [],
    checklist: {},
    finding: null,
    externalRef: undefined,
    severity: 'high',
  };

  it('is diffFields from nothing, less the fields created empty', () => {
    const full = diffFields({}, record, ['id']);
    const listed = creationChanges(record, ['id']);
    const empty = ['""', 'null', '[]', '{}'];
    expect(listed).toEqual(full.filter((c) => !empty.includes(JSON.stringify(c.after))));
    expect(listed.map((c) => c.field)).toEqual([
      'complainant.name',
      'complainant.phone',
      'complainant.vulnerable',
      'deadlines.acknowledgeDue',
      'nextDueAt',
      'reference',
      'severity',
    ]);
  });

  it('leaves out what it is told to, nested fields by their parent’s name', () => {
    expect(
      creationChanges(record, ['id', 'deadlines', 'nextDueAt', 'complainant']).map((c) => c.field),
    ).toEqual(['reference', 'severity']);
  });
});
