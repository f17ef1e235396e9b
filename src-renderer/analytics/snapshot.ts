// The dashboard's case projection, saved as columns (typed arrays and one string dictionary) so that
// reading 100,000 cases' facts back is one row and a fast structured clone, not 100,000 objects.
import type { CaseFact } from '../../src-shared/analytics/facts';

export const SNAPSHOT_KEY = 'facts';
/** Bump when CaseFact or the encoding changes: an older snapshot is then rebuilt, not misread. */
export const SNAPSHOT_VERSION = 4;

const TEXT = [
  'id',
  'status',
  'category',
  'subcategory',
  'channel',
  'product',
  'severity',
  'regime',
  'assigneeId',
  'rootCause',
  'finding',
  'complainantKey',
  'escalationOwnerId',
  'createdById',
] as const;
const TIMES = [
  'receivedMs',
  'acknowledgedMs',
  'closedMs',
  'ackDueMs',
  'ackMetMs',
  'finalDueMs',
  'finalMetMs',
  'nextDueMs',
  'satisfaction',
  'satisfactionMs',
] as const;
const FLAGS = ['open', 'reopened', 'restricted'] as const;

export interface FactColumns {
  count: number;
  dictionary: string[];
  text: Record<(typeof TEXT)[number], Int32Array>;
  /** NaN stands for null. */
  times: Record<(typeof TIMES)[number], Float64Array>;
  flags: Record<(typeof FLAGS)[number], Uint8Array>;
}

export interface AnalyticsSnapshotRow {
  key: string;
  version: number;
  /** The newest case updatedAt the snapshot includes: later changes are caught up from the index. */
  highWater: string;
  columns: FactColumns | null;
}

export function encodeFacts(facts: readonly CaseFact[]): FactColumns {
  const n = facts.length;
  const dictionary: string[] = [];
  const codes = new Map<string, number>();
  const code = (s: string) => {
    let c = codes.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      codes.set(s, c);
    }
    return c;
  };
  const text = Object.fromEntries(TEXT.map((k) => [k, new Int32Array(n)])) as FactColumns['text'];
  const times = Object.fromEntries(TIMES.map((k) => [k, new Float64Array(n)])) as FactColumns['times'];
  const flags = Object.fromEntries(FLAGS.map((k) => [k, new Uint8Array(n)])) as FactColumns['flags'];
  facts.forEach((f, i) => {
    for (const k of TEXT) text[k][i] = code(f[k] ?? '');
    for (const k of TIMES) times[k][i] = f[k] ?? NaN;
    for (const k of FLAGS) flags[k][i] = f[k] ? 1 : 0;
  });
  return { count: n, dictionary, text, times, flags };
}

export function decodeFacts(c: FactColumns): CaseFact[] {
  const out = new Array<CaseFact>(c.count);
  const d = c.dictionary;
  const t = c.text;
  const m = c.times;
  const num = (v: number) => (Number.isNaN(v) ? null : v);
  for (let i = 0; i < c.count; i++) {
    out[i] = {
      id: d[t.id[i]!]!,
      receivedMs: m.receivedMs[i]!,
      acknowledgedMs: num(m.acknowledgedMs[i]!),
      closedMs: num(m.closedMs[i]!),
      ackDueMs: m.ackDueMs[i]!,
      ackMetMs: num(m.ackMetMs[i]!),
      finalDueMs: m.finalDueMs[i]!,
      finalMetMs: num(m.finalMetMs[i]!),
      nextDueMs: num(m.nextDueMs[i]!),
      status: d[t.status[i]!] as CaseFact['status'],
      open: c.flags.open[i] === 1,
      category: d[t.category[i]!]!,
      subcategory: d[t.subcategory[i]!]!,
      channel: d[t.channel[i]!] as CaseFact['channel'],
      product: d[t.product[i]!]!,
      severity: d[t.severity[i]!] as CaseFact['severity'],
      regime: d[t.regime[i]!] as CaseFact['regime'],
      assigneeId: d[t.assigneeId[i]!]!,
      rootCause: d[t.rootCause[i]!]!,
      finding: (d[t.finding[i]!] || null) as CaseFact['finding'],
      satisfaction: num(m.satisfaction[i]!),
      satisfactionMs: num(m.satisfactionMs[i]!),
      reopened: c.flags.reopened[i] === 1,
      complainantKey: d[t.complainantKey[i]!]!,
      restricted: c.flags.restricted[i] === 1,
      escalationOwnerId: d[t.escalationOwnerId[i]!]!,
      createdById: d[t.createdById[i]!]!,
    };
  }
  return out;
}
