import { describe, expect, it } from 'vitest';
import {
  caseRedactor,
  leakTerms,
  MARK_CLOSE,
  MARK_OPEN,
  redactCaseReport,
  type Hit,
} from '../../../../src-shared/reports/redact';
import {
  addedTermProblem,
  addTerm,
  choiceProblems,
  EMPTY_CHOICE,
  inExport,
  keepTerm,
  redactionLog,
  removedByKind,
  removedCounts,
  reviewPassages,
  segments,
  unkeepTerm,
} from '../../../../src-shared/reports/redaction-review';
import { caseReportFixture, PERSONAL } from './case-report-fixture';
import { leakFixture } from './leak-fixture';

const hit = (term: string, kind: Hit['kind'], where = 'case.description'): Hit => ({
  term,
  kind,
  replacement: '[redacted]',
  where,
});

describe('the user’s choice at review', () => {
  it('adds a term once, refusing an empty, too short or repeated one', () => {
    const c = addTerm(EMPTY_CHOICE, ' Larkspur Farm ');
    expect(c.added).toEqual(['Larkspur Farm']);
    expect(addedTermProblem(c, '  ')).toBe('required');
    expect(addedTermProblem(c, 'ab')).toBe('tooShort');
    expect(addedTermProblem(c, 'LARKSPUR farm')).toBe('duplicate');
    expect(addTerm(c, 'ab')).toBe(c);
  });

  it('shows a term only with a reason, and can redact it again', () => {
    expect(keepTerm(EMPTY_CHOICE, 'Leeds', '  ')).toBe(EMPTY_CHOICE);
    const c = keepTerm(EMPTY_CHOICE, 'Leeds', 'The branch’s town, public');
    expect(c.kept).toEqual([{ term: 'Leeds', reason: 'The branch’s town, public' }]);
    expect(addedTermProblem(c, 'leeds')).toBe('kept');
    expect(unkeepTerm(c, 'Leeds').kept).toEqual([]);
  });

  it('needs for whom and why', () => {
    expect(choiceProblems(EMPTY_CHOICE)).toEqual({ recipient: 'required', purpose: 'required' });
    expect(choiceProblems({ ...EMPTY_CHOICE, recipient: 'Ombudsman', purpose: ' ' })).toEqual({
      purpose: 'required',
    });
    expect(choiceProblems({ ...EMPTY_CHOICE, recipient: 'Ombudsman', purpose: 'Referral' })).toEqual({});
  });
});

describe('the engine with the user’s terms', () => {
  const withTerms = (added: string[], kept: string[]) => {
    const d = caseReportFixture();
    d.case.desiredOutcome = 'Refund the fee paid at Larkspur Farm; the Manchester branch must apologise.';
    d.redaction = { history: [], patterns: [], added, kept };
    return d;
  };

  it('redacts an added term everywhere, and main’s check treats it as personal data', () => {
    const d = withTerms(['Larkspur Farm'], []);
    expect(redactCaseReport(d).case.desiredOutcome).not.toMatch(/larkspur/i);
    expect(leakTerms(d)).toContainEqual({ term: 'Larkspur Farm', kind: 'added' });
  });

  it('shows a kept term and leaves it out of the leak check, redacting the rest as before', () => {
    const before = redactCaseReport(withTerms([], [])).case.desiredOutcome;
    expect(before).not.toContain('Manchester');
    const d = withTerms([], ['manchester']);
    const out = redactCaseReport(d);
    expect(out.case.desiredOutcome).toContain('Manchester branch');
    expect(leakTerms(d).map((t) => t.term.toLowerCase())).not.toContain('manchester');
    expect(JSON.stringify(out)).not.toContain(PERSONAL.complainant);
  });

  it('marks each placeholder for review, and the marked text reads as the export does', () => {
    const d = withTerms(['Larkspur Farm'], []);
    const hits: Hit[] = [];
    const marked = redactCaseReport(d, { mark: true, hits }).case.desiredOutcome;
    expect(marked).toContain(`${MARK_OPEN}[redacted]${MARK_CLOSE}`);
    expect(marked.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '')).toBe(
      redactCaseReport(d).case.desiredOutcome,
    );
    expect(hits).toContainEqual(
      expect.objectContaining({ term: 'Larkspur Farm', kind: 'added', where: 'case.desiredOutcome' }),
    );
  });

  it('collects the hits of several runs in one list', () => {
    const d = withTerms([], []);
    const hits: Hit[] = [];
    caseRedactor(d, { hits }).text(`${PERSONAL.complainant} wrote`, 'timeline');
    caseRedactor(d, { hits }).text(PERSONAL.email, 'timeline');
    expect(hits.map((h) => h.kind)).toEqual(['name', 'contact']);
  });
});

describe('what the review shows', () => {
  it('splits a marked string into plain and highlighted runs, a cut mark running to the end', () => {
    expect(segments(`Call ${MARK_OPEN}[phone]${MARK_CLOSE} now`)).toEqual([
      { text: 'Call ', match: false },
      { text: '[phone]', match: true },
      { text: ' now', match: false },
    ]);
    expect(segments(`Met ${MARK_OPEN}Witn`)).toEqual([
      { text: 'Met ', match: false },
      { text: 'Witn', match: true },
    ]);
  });

  it('groups the terms removed by kind, each once with its count', () => {
    expect(
      removedByKind([
        hit('Zoë', 'name'),
        hit('zoe', 'name'),
        hit('M1 2AB', 'postcode'),
        hit('Zoë Đặng', 'name'),
      ]),
    ).toEqual([
      {
        kind: 'name',
        terms: [
          { term: 'Zoë', count: 2 },
          { term: 'Zoë Đặng', count: 1 },
        ],
      },
      { kind: 'postcode', terms: [{ term: 'M1 2AB', count: 1 }] },
    ]);
  });

  it('counts only what is in the sections exported', () => {
    expect(inExport('case.description', ['complaint'], false)).toBe(true);
    expect(inExport('case.rootCause', ['complaint'], false)).toBe(false);
    expect(inExport('timeline', ['timeline'], false)).toBe(true);
    expect(inExport('audit[3].actor', ['timeline'], false)).toBe(false);
    expect(inExport('audit[3].actor', ['timeline'], true)).toBe(true);
  });

  it('shows the narrative fields and every passage with a hit, of the sections chosen', () => {
    const d = caseReportFixture();
    const marked = redactCaseReport(d, { mark: true });
    const passages = reviewPassages(marked, ['complaint', 'timeline'], false);
    expect(new Set(passages.map((p) => p.section))).toEqual(new Set(['complaint', 'timeline']));
    const description = passages.find((p) => p.where === 'case.description')!;
    expect(description.segments.some((s) => s.match)).toBe(true);
    expect(description.segments.map((s) => s.text).join('')).not.toContain(PERSONAL.email);
  });
});

describe('fields withheld whole', () => {
  it('count once each in the hits, are highlighted at review, and read as the export does', () => {
    const d = leakFixture();
    const hits: Hit[] = [];
    const marked = redactCaseReport(d, { mark: true, hits });
    const byWhere = (where: string) => hits.filter((h) => h.where === where);
    expect(byWhere('evidence[0].name')).toEqual([
      expect.objectContaining({ kind: 'file', term: d.evidence[0]!.name }),
    ]);
    expect(byWhere('investigation.enquiries[0].department')).toEqual([
      expect.objectContaining({ kind: 'person', replacement: 'Recipient 1' }),
    ]);
    // Names the engine found in it count as they are; the field then goes whole, not counted again.
    expect(byWhere('investigation.interviews[0].othersPresent').length).toBeGreaterThanOrEqual(1);
    expect(byWhere('complainant.needs')).toEqual([expect.objectContaining({ kind: 'needs' })]);
    // A value the audit appendix no longer shows counts as removed.
    const auditWithValues = d.audit.findIndex((a) => a.changes.includes('→'));
    expect(auditWithValues).toBeGreaterThanOrEqual(0);
    expect(byWhere(`audit[${auditWithValues}].changes`)).toEqual([
      expect.objectContaining({ kind: 'other' }),
    ]);
    expect(marked.evidence[0]!.name).toBe(`${MARK_OPEN}Evidence 1 (${d.evidence[0]!.type})${MARK_CLOSE}`);
    const plain = redactCaseReport(d);
    expect(marked.evidence[0]!.name.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '')).toBe(
      plain.evidence[0]!.name,
    );
    expect(marked.complainant.needs).toBe(`${MARK_OPEN}[redacted]${MARK_CLOSE}`);
    expect(plain.complainant.needs).toBe('[redacted]');
    const log = redactionLog({ ...EMPTY_CHOICE, recipient: 'FOS', purpose: 'Referral' }, hits);
    expect(log.removed.file).toBeGreaterThanOrEqual(d.evidence.length);
    expect(log.removed.needs).toBeGreaterThanOrEqual(1);
  });
});

describe('the order kinds are told in', () => {
  it('is fixed, people first, whatever order the engine met them in', () => {
    const hits = [hit('40302011223344', 'account'), hit('zoe@example.org', 'contact'), hit('Zoë', 'name')];
    expect(Object.keys(removedCounts(hits))).toEqual(['name', 'contact', 'account']);
    expect(removedByKind(hits).map((g) => g.kind)).toEqual(['name', 'contact', 'account']);
  });
});

describe('the redaction log', () => {
  it('says for whom and why, the kinds removed with counts, never the values, and the terms shown with reasons', () => {
    const choice = {
      added: ['Larkspur Farm'],
      kept: [{ term: 'Manchester', reason: 'The branch’s town, public' }],
      recipient: ' Financial Ombudsman Service ',
      purpose: 'Referral of the complaint',
    };
    const log = redactionLog(choice, [
      hit('Zoë', 'name'),
      hit('Zoë Đặng', 'name'),
      hit('Larkspur Farm', 'added'),
    ]);
    expect(log).toEqual({
      recipient: 'Financial Ombudsman Service',
      purpose: 'Referral of the complaint',
      removed: { name: 2, added: 1 },
      addedTerms: 1,
      unredacted: [{ term: 'Manchester', reason: 'The branch’s town, public' }],
    });
    for (const value of ['Zoë', 'Larkspur']) expect(JSON.stringify(log)).not.toContain(value);
  });
});
