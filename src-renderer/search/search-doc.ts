// The shapes shared by the search client and the worker. Kept apart from search-index.ts so the
// renderer's main bundle does not pull in FlexSearch (it lives in the worker chunk only).
import type { CaseRecord } from '../../src-shared/domain/case';

/** Where a query word can match: the indexed text fields, then `identifier` (an account or
 * transaction reference, or a phone number, matched whole however it was typed). */
export const SEARCH_FIELDS = [
  'reference',
  'name',
  'description',
  'notes',
  'product',
  'staff',
  'identifier',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** What the index needs of a case. */
export interface SearchDoc {
  id: string;
  reference: string;
  name: string;
  description: string;
  /** Case notes as one text (a later feature); absent means none. */
  notes?: string;
  /** The account or policy reference the complaint is about. */
  accountRef?: string;
  /** The complainant's phone number as it was logged. */
  phone?: string;
  product?: string;
  /**
   * The people on the case: its staff (assignee, escalation owner) and whoever conducted or gave
   * an interview (interviewer, interviewee), names separated by commas.
   */
  staff?: string;
  /** ISO instant of the last change: equal scores rank the most recently changed case first. */
  updatedAt: string;
}

export interface SearchHit {
  id: string;
  /** The fields in which a query word matched, in SEARCH_FIELDS order. */
  fields: SearchField[];
}

export function caseToSearchDoc(
  record: Pick<
    CaseRecord,
    | 'id'
    | 'reference'
    | 'complainant'
    | 'description'
    | 'updatedAt'
    | 'accountRef'
    | 'product'
    | 'assignee'
    | 'escalation'
  >,
  notes?: string,
): SearchDoc {
  const staff = [record.assignee?.name, record.escalation?.owner.name].filter(Boolean);
  const doc: SearchDoc = {
    id: record.id,
    reference: record.reference,
    name: record.complainant.name,
    description: record.description,
    updatedAt: record.updatedAt,
  };
  if (notes) doc.notes = notes;
  if (record.accountRef) doc.accountRef = record.accountRef;
  if (record.complainant.phone) doc.phone = record.complainant.phone;
  if (record.product) doc.product = record.product;
  return withPeople(doc, staff);
}

/** The document with these people's names added to the people on the case (each name once). */
export function withPeople(doc: SearchDoc, names: readonly (string | undefined)[] = []): SearchDoc {
  const known = doc.staff ? doc.staff.split(', ') : [];
  const people = [...new Set([...known, ...names.map((n) => n?.trim())].filter((n): n is string => !!n))];
  if (people.length === known.length) return doc;
  return { ...doc, staff: people.join(', ') };
}
