// Recording what the regulators' returns need on a case: checked, written and audited in one
// transaction through updateCase.
import {
  CaseReturnDataSchema,
  returnDataListProblem,
  type CaseReturnDataInput,
  type ComplaintCause,
  type RegulatoryProduct,
} from '../../src-shared/domain/regulatory-codes';
import { ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import { updateCase } from './cases';
import type { RedressDB } from './schema';

export interface ReturnLists {
  products: readonly RegulatoryProduct[];
  causes: readonly ComplaintCause[];
}

export async function recordReturnData(
  db: RedressDB,
  caseId: string,
  input: CaseReturnDataInput,
  lists: ReturnLists,
  by: ActingPerson,
  now = new Date(),
) {
  const parsed = CaseReturnDataSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const data = parsed.data;
  return updateCase(
    db,
    caseId,
    by,
    'return-data',
    (current) => {
      const problem = returnDataListProblem(data, lists, current.returnData);
      if (problem) throw new ValidationError(problem.message, problem.field);
      return { returnData: data };
    },
    { now },
  );
}
