// The office's patterns for customer, file and policy numbers (regular expressions), removed from
// every redacted copy. A pattern that is not one, or that matches empty text or everyday words and
// numbers, would either break every redacted export or blank out the whole copy: it is refused.
import { z } from 'zod';

/** Text any useful pattern must leave alone: it would otherwise redact ordinary prose, years and dates. */
const ORDINARY = ['a', 'the complaint', 'Payments', '2026', '12', '2026-03-02'];

export function redactionPatternProblem(pattern: string): string | null {
  if (!pattern.trim()) return 'Enter a pattern or remove the line.';
  if (pattern.length > 200) return 'Use at most 200 characters.';
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return 'This is not a valid pattern (a regular expression).';
  }
  if (re.test('')) return 'This pattern matches empty text.';
  const broad = ORDINARY.find((s) => re.test(s));
  if (broad !== undefined)
    return `This pattern is too broad: it matches ordinary text such as “${broad}”. Make it more specific.`;
  return null;
}

/** The patterns typed one per line in Settings; a problem names its line. */
export const RedactionPatternsTextSchema = z.string().transform((text, ctx) => {
  const patterns: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const problem = redactionPatternProblem(line);
    if (problem) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: ${problem}` });
    patterns.push(line);
  }
  if (patterns.length > 50) ctx.addIssue({ code: 'custom', message: 'Use at most 50 patterns.' });
  return patterns;
});
