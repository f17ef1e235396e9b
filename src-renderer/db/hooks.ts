// Small read hooks over the repositories: components never call Dexie themselves.
import { useLiveQuery } from 'dexie-react-hooks';
import { actorFromUser, type ActingPerson } from '../../src-shared/domain/permissions';
import { auditHeadSeq, caseAuditTrail } from './audit-log';
import { casesByIds } from './case-query';
import { countCases } from './cases';
import { getDb } from './schema';

export const useUsers = () => useLiveQuery(() => getDb().users.orderBy('name').toArray(), []);
/** The office's people as the permission rules see them, by name (today's users hold one role each). */
export const usePeople = () =>
  useLiveQuery(
    async (): Promise<ActingPerson[]> =>
      (await getDb().users.orderBy('name').toArray()).map((u) => ({ ...actorFromUser(u), name: u.name })),
    [],
  );
export const useCase = (id: string | undefined) =>
  useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
export const useCaseTrail = (id: string | undefined) =>
  useLiveQuery(() => (id ? caseAuditTrail(getDb(), id) : []), [id]);
export const useCaseCount = () => useLiveQuery(() => countCases(getDb()), []);
export const useCasesByIds = (ids: string[]) =>
  useLiveQuery(() => casesByIds(getDb(), ids), [ids.join(',')]) ?? [];
/** Bumps on every audited write (every case change), so a view computed elsewhere can follow the data. */
export const useDataVersion = () => useLiveQuery(() => auditHeadSeq(getDb()), []);
