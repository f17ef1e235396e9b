import { describe, expect, it } from 'vitest';
import {
  RedactionPatternsTextSchema,
  redactionPatternProblem,
} from '../../../../src-shared/domain/redaction-patterns';
import { DEFAULT_REFERENCE_PATTERNS } from '../../../../src-shared/reports/reference-patterns';

describe('the office’s redaction patterns', () => {
  it.each([
    ['(?<![\\p{L}\\p{N}-])[A-Z]{2,3}-\\d{3,}', null],
    ['POL\\d{6}', null],
    ['[A-Z', 'This is not a valid pattern (a regular expression).'],
    ['x*', 'This pattern matches empty text.'],
    ['\\d+', 'This pattern is too broad: it matches ordinary text such as “2026”. Make it more specific.'],
    [
      '\\w{3,}',
      'This pattern is too broad: it matches ordinary text such as “the complaint”. Make it more specific.',
    ],
    ['   ', 'Enter a pattern or remove the line.'],
  ])('%s → %s', (pattern, problem) => {
    expect(redactionPatternProblem(pattern)).toBe(problem);
  });

  it('accepts the default patterns', () => {
    for (const p of DEFAULT_REFERENCE_PATTERNS) expect(redactionPatternProblem(p)).toBeNull();
  });

  it('reads one pattern a line, skipping empty lines, and names the line of a problem', () => {
    expect(RedactionPatternsTextSchema.parse('POL\\d{6}\n\n  ZD-\\d{4}  \n')).toEqual([
      'POL\\d{6}',
      'ZD-\\d{4}',
    ]);
    const result = RedactionPatternsTextSchema.safeParse('POL\\d{6}\n[A-Z');
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((i) => i.message)).toEqual([
        'Line 2: This is not a valid pattern (a regular expression).',
      ]);
  });
});
