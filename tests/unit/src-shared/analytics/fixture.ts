import type { CaseFact } from '../../../../src-shared/analytics/facts';

const t = (iso: string) => Date.parse(iso);
const at = (iso: string | null) => (iso ? t(iso) : null);

type Instants =
  | 'receivedMs'
  | 'acknowledgedMs'
  | 'closedMs'
  | 'ackDueMs'
  | 'ackMetMs'
  | 'finalDueMs'
  | 'finalMetMs'
  | 'nextDueMs';

/**
 * A fact with defaults, every instant given as ISO text. The acknowledgement deadline is met by the
 * acknowledgement unless `ackMet` says otherwise; the final response deadline only by `finalMet`.
 */
export function fact(
  over: Partial<Omit<CaseFact, Instants>> & {
    received: string;
    acknowledged?: string | null;
    closed?: string | null;
    ackDue: string;
    ackMet?: string | null;
    finalDue: string;
    finalMet?: string | null;
    nextDue?: string | null;
  },
): CaseFact {
  const {
    received,
    acknowledged = null,
    closed = null,
    ackDue,
    ackMet = acknowledged,
    finalDue,
    finalMet = null,
    nextDue = null,
    ...rest
  } = over;
  return {
    id: 'x',
    status: 'received',
    open: true,
    category: 'Fees',
    subcategory: '',
    channel: 'email',
    product: '',
    severity: 'low',
    regime: 'uk-fca-general',
    assigneeId: '',
    rootCause: '',
    finding: null,
    satisfaction: null,
    satisfactionMs: null,
    reopened: false,
    complainantKey: 'someone',
    restricted: false,
    escalationOwnerId: '',
    createdById: '',
    ...rest,
    receivedMs: t(received),
    acknowledgedMs: at(acknowledged),
    closedMs: at(closed),
    ackDueMs: t(ackDue),
    ackMetMs: at(ackMet),
    finalDueMs: t(finalDue),
    finalMetMs: at(finalMet),
    nextDueMs: at(nextDue),
  };
}

/** Six cases from January to March 2026 (hand-computed results are in aggregate.test.ts), plus one before. */
export const FIXTURE: CaseFact[] = [
  fact({
    id: 'A',
    received: '2026-01-05T12:00:00Z',
    acknowledged: '2026-01-06T12:00:00Z',
    ackDue: '2026-01-07T12:00:00Z',
    closed: '2026-01-15T12:00:00Z',
    finalDue: '2026-03-02T12:00:00Z',
    finalMet: '2026-01-14T12:00:00Z',
    status: 'closed',
    open: false,
    product: 'Card',
    assigneeId: 'u1',
    finding: 'upheld',
    rootCause: 'Billing error',
    satisfaction: 4,
    complainantKey: 'ann',
    // Who may see it does not change any figure here (the snapshot must keep it all the same).
    restricted: true,
    escalationOwnerId: 'u2',
    createdById: 'u3',
  }),
  fact({
    id: 'B',
    received: '2026-01-20T12:00:00Z',
    acknowledged: '2026-01-25T12:00:00Z',
    ackDue: '2026-01-21T12:00:00Z',
    closed: '2026-02-19T12:00:00Z',
    finalDue: '2026-03-17T12:00:00Z',
    finalMet: '2026-02-18T12:00:00Z',
    status: 'closed',
    open: false,
    channel: 'phone',
    product: 'Card',
    severity: 'medium',
    assigneeId: 'u1',
    finding: 'not-upheld',
    rootCause: 'Billing error',
    satisfaction: 2,
    reopened: true,
    complainantKey: 'ann',
  }),
  fact({
    id: 'C',
    received: '2026-02-10T12:00:00Z',
    acknowledged: '2026-02-11T12:00:00Z',
    ackDue: '2026-02-12T12:00:00Z',
    finalDue: '2026-02-25T12:00:00Z',
    nextDue: '2026-02-25T12:00:00Z',
    status: 'investigating',
    category: 'Service',
    product: 'Loan',
    severity: 'high',
    regime: 'us-cfpb',
    assigneeId: 'u2',
    complainantKey: 'bob',
  }),
  fact({
    id: 'D',
    received: '2026-02-15T12:00:00Z',
    ackDue: '2026-02-16T12:00:00Z',
    finalDue: '2026-04-12T12:00:00Z',
    nextDue: '2026-02-16T12:00:00Z',
    status: 'received',
    complainantKey: 'cat',
  }),
  fact({
    id: 'E',
    received: '2026-03-02T12:00:00Z',
    acknowledged: '2026-03-02T13:00:00Z',
    ackDue: '2026-03-03T12:00:00Z',
    closed: '2026-03-04T12:00:00Z',
    finalDue: '2026-04-27T12:00:00Z',
    finalMet: '2026-03-04T11:00:00Z',
    status: 'closed',
    open: false,
    channel: 'web-form',
    product: 'Card',
    severity: 'medium',
    assigneeId: 'u2',
    finding: 'partially-upheld',
    rootCause: 'Staff error',
    satisfaction: 5,
    complainantKey: 'ann',
  }),
  fact({
    id: 'F',
    received: '2026-03-18T12:00:00Z',
    closed: '2026-03-19T10:00:00Z',
    ackDue: '2026-03-19T12:00:00Z',
    finalDue: '2026-04-30T12:00:00Z',
    status: 'withdrawn',
    open: false,
    category: 'Service',
    channel: 'letter',
    product: 'Loan',
    regime: 'us-cfpb',
    assigneeId: 'u1',
    rootCause: 'Billing error',
    complainantKey: 'dan',
  }),
  fact({
    id: 'G',
    received: '2025-12-20T12:00:00Z',
    ackDue: '2025-12-21T12:00:00Z',
    finalDue: '2026-02-20T12:00:00Z',
    complainantKey: 'ann',
  }),
];

export const NOW = Date.parse('2026-03-20T12:00:00Z');
