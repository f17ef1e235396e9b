// Small read hooks over the repositories: components never call Dexie themselves.
import { useLiveQuery } from 'dexie-react-hooks';
import { seesCase } from '../../src-shared/domain/case-visibility';
import { caseSubject, type Actor } from '../../src-shared/domain/permissions';
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
/** The cases of `ids` that `viewer` may see (links to related or similar cases name no hidden one). */
export const useCasesByIds = (ids: string[], viewer: Actor) =>
  useLiveQuery(
    async () => (await casesByIds(getDb(), ids)).filter((c) => seesCase(viewer, caseSubject(c))),
    [ids.join(','), viewer],
  ) ?? [];
/** Bumps on every audited write (every case change), so a view computed elsewhere can follow the data. */
export const useDataVersion = () => useLiveQuery(() => auditHeadSeq(getDb()), []);
