import { describe, expect, it } from 'vitest';
import { TemplateInputSchema } from '../../../../src-shared/domain/template-input';

const template = {
  name: 'Acknowledgement',
  kind: 'acknowledgement',
  subject: 'Re: {{case.reference}}',
  body: 'Dear {{complainant.name}},\n',
};
const refusals = (input: object) =>
  Object.fromEntries(
    (TemplateInputSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]),
  );

describe('a letter template as saved', () => {
  it('keeps the body exactly as written and the name without spaces around it', () => {
    expect(TemplateInputSchema.parse({ ...template, name: '  Acknowledgement ' })).toEqual(template);
  });

  it('refuses every problem at once, each on its own field, saying where', () => {
    expect(
      refusals({ name: ' ', kind: 'memo', subject: 'Re: {{case.ref}}', body: 'Dear {{complainant.nam}}' }),
    ).toEqual({
      name: 'Give the template a name.',
      kind: 'Choose what the letter is for.',
      // The wording of each problem is templates.ts's; this schema adds where it is.
      subject: expect.stringMatching(/^Subject — Line 1, column 7: “case\.ref”/),
      body: expect.stringMatching(/^Line 1, column 8: “complainant\.nam”/),
    });
  });

  it('asks for a letter when the body is only spaces', () => {
    expect(refusals({ ...template, body: ' \n ' })).toEqual({ body: 'Write the letter.' });
  });
});
