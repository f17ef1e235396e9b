import type { TFunction } from 'i18next';
import type { AnchorFinding } from '../../../src-shared/domain/audit-anchor';

interface Formats {
  dateTime: (instant: string) => string;
  number: (n: number) => string;
}

/** One finding of the audit check in plain words, with its numbers and dates. */
export function findingText(t: TFunction, format: Formats, finding: AnchorFinding): string {
  const n = format.number;
  switch (finding.kind) {
    case 'emptied':
      return t('anchor.check.findings.emptied', {
        date: format.dateTime(finding.anchoredAt),
        anchoredSeq: n(finding.anchoredSeq),
      });
    case 'truncated':
      return t('anchor.check.findings.truncated', {
        date: format.dateTime(finding.anchoredAt),
        lastSeq: n(finding.lastSeq),
        anchoredSeq: n(finding.anchoredSeq),
        missing: n(finding.anchoredSeq - finding.lastSeq),
      });
    case 'rewritten':
      return t('anchor.check.findings.rewritten', {
        seq: n(finding.seq),
        date: format.dateTime(finding.anchoredAt),
        count: finding.count,
      });
    case 'head-missing':
      return t('anchor.check.findings.headMissing', { lastSeq: n(finding.lastSeq) });
    case 'anchor-problem': {
      const p = finding.problem;
      switch (p.kind) {
        case 'line-altered':
          return t('anchor.check.findings.lineAltered', { line: n(p.line), count: p.count });
        case 'tail-removed':
          return t('anchor.check.findings.tailRemoved', { expected: n(p.expected), found: n(p.found) });
        case 'key-missing':
          return t('anchor.check.findings.keyMissing');
        case 'key-unusable':
          return t('anchor.check.findings.keyUnusable');
        case 'census-altered':
          return t('anchor.check.findings.censusAltered');
        case 'rewrite-refused':
          return t('anchor.check.findings.rewriteRefused', {
            date: format.dateTime(p.at),
            seq: n(p.seq),
            anchoredSeq: n(p.anchoredSeq),
          });
      }
    }
  }
}
