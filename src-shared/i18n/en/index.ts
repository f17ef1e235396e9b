// The English both processes share: the renderer's i18next loads it beside its own strings, the
// domain and the main process read it through `translate`. Another language is another folder of
// the same shape.
import { errorsEn } from './errors';
import { grammarEn } from './grammar';
import { menuEn } from './menu';
import { pdfEn } from './pdf';
import { retentionSharedEn } from './retention';
import { securityPolicyEn } from './security-policy';
import { workflowEn } from './workflow';

export const sharedEn = {
  grammar: grammarEn,
  workflow: workflowEn,
  pdf: pdfEn,
  errors: errorsEn,
  menu: menuEn,
  retentionData: retentionSharedEn,
  securityPolicy: securityPolicyEn,
} as const;
