import { describe, expect, it } from 'vitest';
import { createRedactor, redactCaseReport, REDACTED } from '../../../../src-shared/reports/redact';
import { PERSONAL, caseReportFixture } from './case-report-fixture';

describe('createRedactor', () => {
  const r = createRedactor(
    [
      { name: 'Zoë Đặng', as: 'Complainant' },
      { name: 'Alex Officer', as: 'Staff member 1' },
    ],
    ['12 High Street'],
  );

  it('replaces full names in any case and name parts as capitalised words', () => {
    expect(r.text('ZOË ĐẶNG wrote; Zoë called; Đặng agreed.')).toBe(
      'Complainant wrote; Complainant called; Complainant agreed.',
    );
    // "officer" in lower case is an ordinary word, not the staff member's surname.
    expect(r.text('The officer, Alex, replied.')).toBe('The officer, Staff member 1, replied.');
  });

  it('does not touch parts of longer words', () => {
    expect(r.text('Zoëlle is someone else')).toBe('Zoëlle is someone else');
  });

  it('replaces contact details and account numbers in free text', () => {
    expect(r.text('Mail a.b@example.com or call +44 7700 900123 / 07700 900456, account 12345678.')).toBe(
      'Mail [email] or call [phone] / [phone], account [number].',
    );
    expect(r.text('Lives at 12 High Street')).toBe(`Lives at ${REDACTED}`);
  });

  it('leaves dates, amounts and case references alone', () => {
    expect(r.text('On 2026-03-02 we paid £150.00 on CMP-2026-000042.')).toBe(
      'On 2026-03-02 we paid £150.00 on CMP-2026-000042.',
    );
  });

  it('gives each person one pseudonym', () => {
    expect(r.person('zoë đặng')).toBe('Complainant');
  });
});

describe('redactCaseReport', () => {
  const data = caseReportFixture();
  const out = redactCaseReport(data);
  const json = JSON.stringify(out);

  it('removes every personal datum and keeps hashes and the reference', () => {
    for (const v of [
      PERSONAL.complainant,
      PERSONAL.email,
      PERSONAL.phone,
      PERSONAL.account,
      PERSONAL.witness,
      PERSONAL.officer,
      'Zoë',
      'Łukasz',
      'Ngũgĩ',
    ])
      expect(json).not.toContain(v);
    expect(json).toContain(data.latestAuditHash);
    expect(json).toContain(data.evidence[0]!.sha256);
    expect(out.case.reference).toBe(data.case.reference);
  });

  it('uses the same pseudonym for a person everywhere', () => {
    expect(out.investigation.interviews[0]!.interviewee).toBe('Witness 1');
    expect(out.investigation.interviews[0]!.statement).toContain('Witness 1 explained');
    expect(out.complainant.name).toBe('Complainant');
    expect(out.case.description).toContain('I am the complainant.');
    const officer = out.case.officer;
    expect(officer).toMatch(/^Staff member \d+$/);
    expect(out.investigation.notes.every((n) => n.author === officer)).toBe(true);
  });

  it('does not change the input', () => {
    expect(data.complainant.name).toBe(PERSONAL.complainant);
  });
});
