import { describe, expect, it } from 'vitest';
import {
  assessCensus,
  compareWithAnchor,
  thinCheckpoints,
  type AnchorProblem,
  type Census,
  type ChainFacts,
  type Checkpoint,
} from '../../../../src-shared/domain/audit-anchor';

const h = (c: string) => c.repeat(64);
const point = (seq: number, hash: string, at = `2026-03-0${Math.min(seq, 9)}T10:00:00.000Z`): Checkpoint => ({
  seq,
  hash,
  at,
});
const facts = (
  lastSeq: number,
  stored: Record<number, string>,
  head: ChainFacts['head'] = lastSeq > 0 ? { seq: lastSeq, hash: stored[lastSeq] ?? h('f') } : null,
): ChainFacts => ({ lastSeq, head, hashAt: new Map(Object.entries(stored).map(([k, v]) => [Number(k), v])) });

describe('compareWithAnchor', () => {
  const anchored = [point(2, h('a')), point(5, h('b'))];
  it.each<[string, ChainFacts, Checkpoint[], AnchorProblem[], unknown[]]>([
    ['a trail that matches every checkpoint', facts(6, { 2: h('a'), 5: h('b') }), anchored, [], []],
    ['no checkpoints yet', facts(3, {}), [], [], []],
    ['an empty trail, nothing anchored', facts(0, {}), [], [], []],
    [
      'the tail cut and the head moved back',
      facts(4, { 2: h('a') }),
      anchored,
      [],
      [{ kind: 'truncated', lastSeq: 4, anchoredSeq: 5, anchoredAt: '2026-03-05T10:00:00.000Z' }],
    ],
    [
      'a rewritten and re-hashed trail',
      facts(6, { 2: h('c'), 5: h('d') }),
      anchored,
      [],
      [{ kind: 'rewritten', seq: 2, anchoredAt: '2026-03-02T10:00:00.000Z', count: 2 }],
    ],
    [
      'a rewrite after the first checkpoint',
      facts(6, { 2: h('a'), 5: h('d') }),
      anchored,
      [],
      [{ kind: 'rewritten', seq: 5, anchoredAt: '2026-03-05T10:00:00.000Z', count: 1 }],
    ],
    [
      'the head row deleted',
      facts(6, { 2: h('a'), 5: h('b') }, null),
      anchored,
      [],
      [{ kind: 'head-missing', lastSeq: 6 }],
    ],
    [
      'an emptied trail',
      facts(0, {}, null),
      anchored,
      [],
      [{ kind: 'emptied', anchoredSeq: 5, anchoredAt: '2026-03-05T10:00:00.000Z' }],
    ],
    [
      'a tampered anchor',
      facts(6, { 2: h('a'), 5: h('b') }),
      anchored,
      [{ kind: 'line-altered', line: 2, count: 1 }],
      [{ kind: 'anchor-problem', problem: { kind: 'line-altered', line: 2, count: 1 } }],
    ],
  ])('%s', (_name, chain, checkpoints, problems, expected) => {
    expect(compareWithAnchor(chain, { checkpoints, problems })).toEqual(expected);
  });

  it('names the newest checkpoint for a cut tail even when the list is not in order', () => {
    const found = compareWithAnchor(facts(3, {}), {
      checkpoints: [point(9, h('a')), point(4, h('b'))],
      problems: [],
    });
    expect(found).toEqual([
      { kind: 'truncated', lastSeq: 3, anchoredSeq: 9, anchoredAt: '2026-03-09T10:00:00.000Z' },
    ]);
  });
});

describe('assessCensus', () => {
  const known: Census = { generation: 'g1', cases: 12, auditSeq: 40, at: '2026-03-01T09:00:00.000Z' };
  it.each<[string, Census | null, { generation: string | null; cases: number; auditSeq: number }, string]>([
    ['nothing known yet', null, { generation: 'g2', cases: 0, auditSeq: 0 }, 'ok'],
    [
      'known to be empty',
      { ...known, cases: 0, auditSeq: 0 },
      { generation: 'g2', cases: 0, auditSeq: 0 },
      'ok',
    ],
    ['the same database, grown', known, { generation: 'g1', cases: 13, auditSeq: 44 }, 'ok'],
    ['the same database, unchanged', known, { generation: 'g1', cases: 12, auditSeq: 40 }, 'ok'],
    ['an empty database', known, { generation: 'g2', cases: 0, auditSeq: 0 }, 'empty'],
    ['the same database emptied', known, { generation: 'g1', cases: 0, auditSeq: 0 }, 'empty'],
    ['a smaller database (an older copy)', known, { generation: 'g1', cases: 12, auditSeq: 30 }, 'smaller'],
    ['another database as large', known, { generation: 'g9', cases: 12, auditSeq: 40 }, 'replaced'],
    [
      'a restored database main learns the id of',
      { ...known, generation: null },
      { generation: 'g9', cases: 12, auditSeq: 40 },
      'ok',
    ],
  ])('%s → %s', (_name, before, now, expected) => {
    const verdict = assessCensus(before, now);
    expect(verdict.state === 'ok' ? 'ok' : verdict.kind).toBe(expected);
    if (verdict.state === 'lost') expect(verdict).toMatchObject({ known: before, current: now });
  });
});

describe('thinCheckpoints', () => {
  it('keeps all up to the limit, else the first, the newest and evenly between', () => {
    const all = Array.from({ length: 10 }, (_, i) => ({ seq: i + 1 }));
    expect(thinCheckpoints(all, 20)).toEqual(all);
    expect(thinCheckpoints(all, 4).map((c) => c.seq)).toEqual([1, 4, 7, 10]);
  });
});
