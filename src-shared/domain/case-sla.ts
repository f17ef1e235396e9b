// The internal SLA clocks of one case: the office's own service targets per severity. Unlike the
// regulatory clock they pause while the case waits on the complainant.
import type { CaseRecord } from './case';
import { slaClock, type BusinessCalendar, type SlaTargets } from './deadlines';

export interface SlaLine {
  dueAt: string;
  /** When the target was met (null while it is still running). */
  metAt: string | null;
}

export interface CaseSla {
  /** First response: met when the case is acknowledged. */
  firstResponse: SlaLine;
  /** Next update to the complainant: counts from the last status change, until closed. */
  nextUpdate: SlaLine | null;
  /** Resolution: met when the case is closed. */
  resolution: SlaLine;
  paused: boolean;
  pausedMs: number;
}

type SlaCase = Pick<
  CaseRecord,
  'receivedAt' | 'acknowledgedAt' | 'closedAt' | 'statusChangedAt' | 'slaPauses' | 'open'
>;

export function caseSla(c: SlaCase, targets: SlaTargets, calendar: BusinessCalendar, now: Date): CaseSla {
  const pauses = c.slaPauses ?? [];
  const clockAt = (startedAt: string, target: SlaTargets[keyof SlaTargets], stoppedAt: string | null) =>
    slaClock({ startedAt, target, pauses, now: stoppedAt ?? now, calendar });
  const first = clockAt(c.receivedAt, targets.firstResponse, c.acknowledgedAt);
  const resolution = clockAt(c.receivedAt, targets.resolution, c.closedAt);
  const next = c.open ? clockAt(c.statusChangedAt ?? c.receivedAt, targets.nextUpdate, null) : null;
  const whole = slaClock({
    startedAt: c.receivedAt,
    target: targets.resolution,
    pauses,
    now: c.closedAt ?? now,
    calendar,
  });
  return {
    firstResponse: { dueAt: first.dueAt, metAt: c.acknowledgedAt },
    nextUpdate: next ? { dueAt: next.dueAt, metAt: null } : null,
    resolution: { dueAt: resolution.dueAt, metAt: c.closedAt },
    paused: c.open === 1 && pauses.some((p) => !p.to),
    pausedMs: whole.pausedMs,
  };
}

/**
 * Where a target stands: met or missed by what met it; for a case closed without it, unmet once it
 * fell due before the closure, and no longer owed when the case closed in time (withdrawn, or
 * settled before a first response was recorded), which is no failing of the office.
 */
export type SlaLineState = 'met' | 'missed' | 'unmet' | 'unneeded' | 'running';

export function slaLineState(line: SlaLine, closedAt: string | null): SlaLineState {
  const due = Date.parse(line.dueAt);
  if (line.metAt) return Date.parse(line.metAt) <= due ? 'met' : 'missed';
  if (!closedAt) return 'running';
  return Date.parse(closedAt) <= due ? 'unneeded' : 'unmet';
}
