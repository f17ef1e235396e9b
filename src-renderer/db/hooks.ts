// Small read hooks over the repositories: components never call Dexie themselves.
import { useLiveQuery } from 'dexie-react-hooks';
import { auditHeadSeq, caseAuditTrail } from './audit-log';
import { casesByIds } from './case-query';
import { countCases } from './cases';
import { getDb } from './schema';
import { listUsers } from './users';

export const useUsers = () => useLiveQuery(() => listUsers(getDb()), []);
export const useCase = (id: string | undefined) =>
  useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
export const useCaseTrail = (id: string | undefined) =>
  useLiveQuery(() => (id ? caseAuditTrail(getDb(), id) : []), [id]);
export const useCaseCount = () => useLiveQuery(() => countCases(getDb()), []);
export const useCasesByIds = (ids: string[]) =>
  useLiveQuery(() => casesByIds(getDb(), ids), [ids.join(',')]) ?? [];
/** Bumps on every audited write (every case change), so a view computed elsewhere can follow the data. */
export const useDataVersion = () => useLiveQuery(() => auditHeadSeq(getDb()), []);
