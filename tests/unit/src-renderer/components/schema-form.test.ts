import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldOf, formError, schemaResolver } from '../../../../src-renderer/components/schema-form';
import { ValidationError } from '../../../../src-shared/errors';

const Schema = z.object({
  title: z.string().trim().min(1, 'Enter a title.'),
  rules: z.object({ days: z.number({ error: 'Enter a number.' }).min(1, 'Use 1 or more.') }),
  causes: z.array(z.string().min(1, 'Name the cause.')),
  caseIds: z.array(z.string()).max(1, 'Link at most 1 case.'),
});
type Form = { title: string; rules: { days: number }; causes: string; similar: string };

// react-hook-form passes the names of the fields on screen; nothing here reads `fields`.
const run = (values: Form, names: string[], options: Parameters<typeof schemaResolver<Form, unknown>>[1]) =>
  schemaResolver<Form, z.output<typeof Schema>>(Schema, options)(values, undefined, {
    names: names as never,
    fields: {},
    shouldUseNativeValidation: false,
  });

const toInput = (v: Form) => ({
  ...v,
  causes: v.causes.split('\n'),
  caseIds: v.similar.split(',').filter(Boolean),
});

describe('schemaResolver', () => {
  it('reports every field at once, each beside the field on screen that holds it', async () => {
    const result = await run(
      { title: ' ', rules: { days: Number.NaN }, causes: 'People\n', similar: 'a,b' },
      ['title', 'rules.days', 'causes', 'similar'],
      { toInput, fieldFor: (path) => (path.startsWith('caseIds') ? 'similar' : null) },
    );
    expect(result.values).toEqual({});
    expect(result.errors).toMatchObject({
      title: { message: 'Enter a title.' },
      rules: { days: { message: 'Enter a number.' } },
      // An error inside the list of causes belongs to the one box that lists them.
      causes: { message: 'Name the cause.' },
      similar: { message: 'Link at most 1 case.' },
    });
  });

  it('gives the schema’s output when every field passes', async () => {
    const result = await run(
      { title: ' Fees ', rules: { days: 3 }, causes: 'People', similar: '' },
      ['title', 'rules.days', 'causes', 'similar'],
      { toInput },
    );
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({ title: 'Fees', rules: { days: 3 }, causes: ['People'], caseIds: [] });
  });
});

describe('fieldOf', () => {
  it.each([
    ['rules.days', ['rules.days'], 'rules.days'],
    ['causes.3', ['causes'], 'causes'],
    ['similarCaseIds', ['similar'], 'similar'],
    ['owner.id', ['title'], null],
    ['', ['title'], null],
  ])('%s among %j → %s', (path, names, field) => {
    expect(fieldOf(path, names, (p) => (p === 'similarCaseIds' ? 'similar' : null))).toBe(field);
  });
});

describe('formError', () => {
  it('drops the field’s path the repository puts in front of its message', () => {
    expect(
      formError(new ValidationError('dueDate: The due date cannot be before the date sent.', 'dueDate')),
    ).toEqual({ field: 'dueDate', message: 'The due date cannot be before the date sent.' });
    expect(formError(new ValidationError('Say what was done.', 'outcome'))).toEqual({
      field: 'outcome',
      message: 'Say what was done.',
    });
    expect(formError(new Error('This case no longer exists.'))).toEqual({
      message: 'This case no longer exists.',
    });
  });
});
