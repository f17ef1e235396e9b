// Small read hooks over the repositories: components never call Dexie themselves.
import { useLiveQuery } from 'dexie-react-hooks';
import { caseAuditTrail } from './audit-log';
import { countCases } from './cases';
import { getDb } from './schema';

export const useUsers = () => useLiveQuery(() => getDb().users.orderBy('name').toArray(), []);
export const useCase = (id: string | undefined) =>
  useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
export const useCaseTrail = (id: string | undefined) =>
  useLiveQuery(() => (id ? caseAuditTrail(getDb(), id) : []), [id]);
export const useCaseCount = () => useLiveQuery(() => countCases(getDb()), []);
export const useCasesByIds = (ids: string[]) =>
  useLiveQuery(
    async () => (await getDb().cases.bulkGet(ids)).filter((c) => c !== undefined),
    [ids.join(',')],
  ) ?? [];
