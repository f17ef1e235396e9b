import { describe, expect, it } from 'vitest';
import { applyView, readListParams } from '../../../../../src-renderer/features/cases/list-params';

describe('list URL parameters', () => {
  it('reads known filters and ignores values that are not allowed', () => {
    const p = readListParams(
      new URLSearchParams(
        'status=closed&channel=fax&severity=high&assignee=&category=Payments&sort=due&view=nope',
      ),
    );
    expect(p).toEqual({
      view: 'all',
      q: '',
      sort: 'due',
      filters: { status: 'closed', severity: 'high', assigneeId: '', category: 'Payments' },
    });
  });

  it('reads the dashboard drill-down filters: product, root cause, open and finding', () => {
    const p = readListParams(
      new URLSearchParams(
        'product=&rootCause=Billing%20error&open=1&finding=upheld&complainant=zoe%20adams&from=2026-01-01T00:00:00.000Z',
      ),
    );
    expect(p.filters).toEqual({
      product: '',
      rootCause: 'Billing error',
      open: 1,
      finding: 'upheld',
      complainantKey: 'zoe adams',
      receivedFrom: '2026-01-01T00:00:00.000Z',
    });
    expect(readListParams(new URLSearchParams('open=2&finding=maybe')).filters).toEqual({});
  });

  it.each([
    ['my-work', { assigneeId: 'me', sort: 'due' }],
    ['my-overdue', { assigneeId: 'me', due: 'overdue', sort: 'due' }],
    ['overdue', { due: 'overdue', sort: 'due' }],
    ['due-soon', { due: 'due-soon', sort: 'due' }],
    ['escalated', { escalated: true, sort: 'received' }],
    ['unassigned', { assigneeId: '', sort: 'received' }],
    ['all', { sort: 'received' }],
  ] as const)('the saved view %s means %j', (view, expected) => {
    expect(applyView(view, {}, 'received', 'me')).toEqual(expected);
  });

  it('reads a drill-down by its key, and a key no longer kept as no cases at all', () => {
    const kept = { label: 'FCA return H1 2026 · Banking · opened', ids: ['a', 'b'] };
    const drillOf = (key: string) => (key === 'k1' ? kept : null);
    expect(readListParams(new URLSearchParams('drill=k1'), drillOf).filters).toEqual({ drill: kept });
    expect(readListParams(new URLSearchParams('drill=gone'), drillOf).filters).toEqual({
      drill: { label: '', ids: [] },
    });
  });
});
