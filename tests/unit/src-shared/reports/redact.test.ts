import { describe, expect, it } from 'vitest';
import { createRedactor, redactCaseReport, REDACTED } from '../../../../src-shared/reports/redact';
import { personalHistory } from '../../../../src-shared/reports/personal-history';
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

  it('looks inside brackets the writer typed, passing over its own placeholders only', () => {
    expect(r.text('Sister: [call 07911 123987 or mei.t@example.net]')).toBe(
      'Sister: [call [phone] or [email]]',
    );
    expect(r.text('[born on 3 March 1984] [Zoë](mailto:z@example.org)')).toBe(
      '[born on [date of birth]] [Complainant](mailto:[email])',
    );
    // Redacting again changes nothing: the placeholders are not taken for data.
    const once = r.text('Ring [phone] about [redacted], Staff member 1 and the complainant.');
    expect(r.text(once)).toBe(once);
  });

  it('finds a name or term through invisible characters and line breaks', () => {
    const people = createRedactor(
      [
        { name: 'Samira Haddad', as: 'Witness 1' },
        { name: 'Li Na', as: 'Complainant', inText: 'the complainant' },
      ],
      [{ value: 'Oak Tree Farm', kind: 'added' }],
    );
    expect(people.text('Had\u2060dad agreed, and Sami\u200Dra too; ask Li\nNa at Oak Tree\n  Farm.')).toBe(
      'Witness 1 agreed, and Witness 1 too; ask the complainant at [redacted].',
    );
  });

  it('finds phone numbers written with dots, unusual spaces and hyphens, but not dates with dots', () => {
    for (const phone of ['+44.7700.900.123', '07700.900.456', '07700\u202F900\u202F123', '07700‑900‑123'])
      expect(r.text(`Ring ${phone} today`)).toBe('Ring [phone] today');
    expect(r.text('Paid on 01.02.2026')).toBe('Paid on 01.02.2026');
    // A stored number is found however it is separated.
    const stored = createRedactor([], [{ value: '07700 900123', kind: 'contact' }]);
    expect(stored.text('ring 07700/900-123')).toBe(`ring ${REDACTED}`);
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

describe('personalHistory', () => {
  it('keeps the names of whoever a case was given or escalated to, as staff', () => {
    const change = (field: string, before: unknown, after: unknown) => ({ field, before, after });
    expect(
      personalHistory([
        {
          entity: 'case',
          entityId: 'c-1',
          changes: [
            change('assignee.name', 'Priya Shah', 'Morwenna Tregarthen'),
            change('escalation.owner.name', null, 'Kwame Mensah-Ødegård'),
            change('escalation.reason', null, 'Needs senior review'),
          ],
        },
      ]),
    ).toEqual([
      { kind: 'staff', value: 'Priya Shah', sameAs: '' },
      { kind: 'staff', value: 'Morwenna Tregarthen', sameAs: '' },
      { kind: 'staff', value: 'Kwame Mensah-Ødegård', sameAs: '' },
    ]);
  });
});
