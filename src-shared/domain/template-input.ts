// What the template editor saves: checked here, by the library's repository and by the editor's
// form alike, so a template that would not merge is refused beside the box that holds it.
import { z } from 'zod';
import { TEMPLATE_KINDS } from './default-templates';
import { checkTemplate, describeProblem } from './templates';

/** Refuses text that does not parse as a letter template, listing every problem by line and column. */
const mergeable = (where: string) => (source: string, ctx: z.RefinementCtx) => {
  const checked = checkTemplate(source);
  if (!checked.ok)
    ctx.addIssue({
      code: 'custom',
      message: checked.problems.map((p) => where + describeProblem(p)).join('\n'),
    });
};

export const TemplateInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the template a name.'),
  kind: z.enum(TEMPLATE_KINDS, { error: 'Choose what the letter is for.' }),
  subject: z.string().superRefine(mergeable('Subject — ')),
  // The body is kept exactly as written: only its emptiness is judged without spaces.
  body: z
    .string()
    .refine((v) => v.trim() !== '', 'Write the letter.')
    .superRefine(mergeable('')),
});
export type TemplateInput = z.input<typeof TemplateInputSchema>;
