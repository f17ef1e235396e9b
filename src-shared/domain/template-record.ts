// A stored letter template version and what the editor sends. Apart from templates.ts (the merge
// rules) so the database schema can name the record without importing the rules.
import type { Actor } from './case';
import type { TemplateKind } from './default-templates';

export interface TemplateRecord {
  id: string;
  /** Stable across versions. */
  key: string;
  version: number;
  kind: TemplateKind;
  name: string;
  subject: string;
  body: string;
  createdAt: string;
  createdBy: Actor;
  /** Fingerprint of the shipped wording the editor loaded before this version was saved. */
  basedOnDefault?: string;
}

export interface TemplateInput {
  name: string;
  kind: TemplateKind;
  subject: string;
  body: string;
  basedOnDefault?: string;
}
