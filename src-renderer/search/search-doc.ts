// The shapes shared by the search client and the worker. Kept apart from search-index.ts so the
// renderer's main bundle does not pull in FlexSearch (it lives in the worker chunk only).
import type { CaseRecord } from '../../src-shared/domain/case';

export const SEARCH_FIELDS = ['reference', 'name', 'description', 'notes'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** What the index needs of a case. */
export interface SearchDoc {
  id: string;
  reference: string;
  name: string;
  description: string;
  /** Case notes as one text (a later feature); absent means none. */
  notes?: string;
  /** ISO instant of the last change: equal scores rank the most recently changed case first. */
  updatedAt: string;
}

export interface SearchHit {
  id: string;
  /** The fields in which a query word matched, in SEARCH_FIELDS order. */
  fields: SearchField[];
}

export function caseToSearchDoc(
  record: Pick<CaseRecord, 'id' | 'reference' | 'complainant' | 'description' | 'updatedAt'>,
  notes?: string,
): SearchDoc {
  const doc: SearchDoc = {
    id: record.id,
    reference: record.reference,
    name: record.complainant.name,
    description: record.description,
    updatedAt: record.updatedAt,
  };
  if (notes) doc.notes = notes;
  return doc;
}
