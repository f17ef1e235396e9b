import { Alert, AlertTitle, Link } from '@mui/material';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors, FieldValues } from 'react-hook-form';

export interface FieldProblem {
  /** The form field's path, e.g. 'complainant.email'. */
  name: string;
  message: string;
}

/** Every error react-hook-form holds, in the order of `order` (the fields' order on the page). */
export function fieldProblems<T extends FieldValues>(
  errors: FieldErrors<T>,
  order: readonly string[],
): FieldProblem[] {
  const found: FieldProblem[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const { message } = node as { message?: unknown };
    if (typeof message === 'string' && message) {
      found.push({ name: path, message });
      return;
    }
    for (const [key, child] of Object.entries(node))
      if (key !== 'ref') walk(child, path ? `${path}.${key}` : key);
  };
  walk(errors, '');
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return found.sort((a, b) => rank(a.name) - rank(b.name));
}

/**
 * The form's errors at the top, each a link to its field, so a keyboard or screen-reader user
 * learns them all at once. It takes the focus itself (tabIndex -1) after a refused submit.
 */
export const ErrorSummary = forwardRef<
  HTMLDivElement,
  { problems: FieldProblem[]; labelOf: (name: string) => string; onJump: (name: string) => void }
>(function ErrorSummary({ problems, labelOf, onJump }, ref) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert severity="error" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <AlertTitle id="error-summary-title">{t('form.errorSummary', { count: problems.length })}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
        {problems.map((p) => (
          <li key={p.name}>
            <Link component="button" type="button" onClick={() => onJump(p.name)} sx={{ textAlign: 'left' }}>
              {labelOf(p.name)}: {p.message}
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
});
