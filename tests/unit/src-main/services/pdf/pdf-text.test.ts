// Every word of the PDFs comes from the shared resources: a key they lack would print as the key
// itself (`pdf.caseReport.…`), and a placeholder left unfilled as `{{name}}`.
import { describe, expect, it } from 'vitest';
import { caseReportDoc } from '../../../../../src-main/services/pdf/case-report-doc';
import type { DocDefinition } from '../../../../../src-main/services/pdf/doc-kit';
import { docTexts } from '../../../../../src-main/services/pdf/doc-text';
import { letterDoc } from '../../../../../src-main/services/pdf/letter-doc';
import { managementReportDoc } from '../../../../../src-main/services/pdf/management-doc';
import { CASE_REPORT_SECTIONS, type CaseReportData } from '../../../../../src-shared/ipc/channels/reports';
import { redactCaseReport } from '../../../../../src-shared/reports/redact';
import { caseReportFixture, emptyCaseReportFixture } from '../../../src-shared/reports/case-report-fixture';
import { letter, management } from './pdf-fixtures';

const texts = docTexts;

/** The case report's other branches: nothing recorded, unsigned interviews, every deadline state. */
function unfinishedCase(): CaseReportData {
  const d = structuredClone(caseReportFixture());
  d.case.finding = '';
  d.case.rootCause = '';
  d.case.deadlines = (['met', 'missed', 'pending', 'overdue', 'not-needed'] as const).map((state) => ({
    label: 'Final response',
    due: '2026-04-01T16:00:00.000Z',
    doneAt: state === 'met' ? '2026-03-30T10:00:00.000Z' : null,
    metBy: state === 'met' ? 'Final response letter' : '',
    state,
  }));
  for (const i of d.investigation.interviews)
    Object.assign(i, { signedOffBy: '', role: '', durationMinutes: 30 });
  d.evidence = d.evidence.map((e, k) => ({ ...e, type: '', size: k ? 3_000_000 : 12, superseded: true }));
  d.resolution.actions = d.resolution.actions.map((a) => ({ ...a, outcome: 'Refund paid' }));
  d.communications = d.communications.map((c) => ({ ...c, direction: 'internal' as const }));
  return d;
}

const all = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };
const DOCS: [string, DocDefinition][] = [
  ['the full case report', caseReportDoc(caseReportFixture(), all)],
  ['an empty, redacted case report', caseReportDoc(emptyCaseReportFixture(), { ...all, redact: true })],
  ['a case report of an unfinished case', caseReportDoc(unfinishedCase(), all)],
  [
    'a case report without audit entries',
    caseReportDoc({ ...caseReportFixture(), latestAuditHash: '' }, all),
  ],
  ['a management report', managementReportDoc(management(true))],
  ['an empty management report', managementReportDoc(management(false))],
  ['a letter', letterDoc(letter('CMP-2026-000042'))],
  ['a letter without reference or subject', letterDoc(letter(''))],
];

describe('PDF text', () => {
  it.each(DOCS)('%s has no untranslated key or unfilled placeholder', (_name, doc) => {
    const words = texts(doc);
    expect(words.length).toBeGreaterThan(3);
    for (const text of words) {
      expect(text).not.toMatch(/^(pdf|grammar|workflow|errors)\.[\w.-]+$/);
      expect(text).not.toContain('{{');
    }
  });

  it('reads the English of the shared resources', () => {
    const words = texts(caseReportDoc(unfinishedCase(), all));
    for (const expected of ['1. Summary', 'Deadlines', 'Not yet recorded', 'Overdue', 'Page 2 of 3'])
      expect(words).toContain(expected);
    expect(texts(managementReportDoc(management(true)))).toContain('Average satisfaction (1–5), 5 responses');
  });
});

describe('an interview in the case report body', () => {
  const d = caseReportFixture();
  const i = d.investigation.interviews[0]!;
  const joined = (doc: DocDefinition) => texts(doc).join('\n');

  it('shows the contact, others present, the privacy notice and the follow-up actions', () => {
    const words = texts(caseReportDoc(d, all));
    for (const label of ['Contact', 'Others present', 'Privacy notice given', 'Follow-up actions'])
      expect(words).toContain(label);
    const text = joined(caseReportDoc(d, all));
    expect(text).toContain(i.contact);
    expect(text).toContain(i.othersPresent);
    expect(text).toContain(i.followUpActions[0]);
  });

  it('replaces the contact and others present wholesale in a redacted copy', () => {
    const text = joined(caseReportDoc(redactCaseReport(d), { ...all, redact: true }));
    expect(text).toContain('Others present');
    expect(text).not.toContain(i.contact);
    expect(text).not.toContain(i.othersPresent);
    expect(text).toContain(i.followUpActions[0]);
  });
});
