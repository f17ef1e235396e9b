// Small read hooks over the repositories: components never call Dexie themselves.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Actor } from '../../src-shared/domain/permissions';
import { auditHeadSeq, caseAuditTrail } from './audit-log';
import { casesByIds } from './case-query';
import { countVisibleCases } from './cases';
import { getDb } from './schema';
import { listUsers } from './users';

export const useUsers = () => useLiveQuery(() => listUsers(getDb()), []);
export const useCase = (id: string | undefined) =>
  useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
export const useCaseTrail = (id: string | undefined) =>
  useLiveQuery(() => (id ? caseAuditTrail(getDb(), id) : []), [id]);
/** How many cases `viewer` sees (pass a viewer that keeps its identity between renders). */
export const useCaseCount = (viewer: Actor) =>
  useLiveQuery(() => countVisibleCases(getDb(), viewer), [viewer]);
export const useCasesByIds = (ids: string[]) =>
  useLiveQuery(() => casesByIds(getDb(), ids), [ids.join(',')]) ?? [];
/** Bumps on every audited write (every case change), so a view computed elsewhere can follow the data. */
export const useDataVersion = () => useLiveQuery(() => auditHeadSeq(getDb()), []);
