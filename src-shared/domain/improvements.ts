// The improvement register: what the office changed because of what complaints showed it.
import { z } from 'zod';
import type { Actor } from './case';

export const IMPROVEMENT_STATUSES = ['proposed', 'in-progress', 'completed', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

const day = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), {
    message: 'Enter a date like 2026-03-31.',
  });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);

/** What the form sends; the repository adds ids, times and who. */
export const ImprovementInputSchema = z
  .object({
    title: z
      .string({ error: 'Enter a title.' })
      .trim()
      .min(1, 'Enter a title.')
      .max(200, 'Use at most 200 characters.'),
    found: text(5000),
    rootCauses: z.array(z.string().trim().min(1)).max(20, 'Link at most 20 root causes.'),
    categories: z.array(z.string().trim().min(1)).max(20, 'Link at most 20 categories.'),
    caseIds: z.array(z.string().min(1)).max(500, 'Link at most 500 cases.'),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    dueDate: day,
    status: z.enum(IMPROVEMENT_STATUSES, { error: 'Choose a status.' }),
    changeMade: text(5000),
    changeDate: day,
  })
  .superRefine((v, ctx) => {
    // A completed improvement is what before/after compares: it needs the change and its date.
    if (v.status === 'completed' && !v.changeMade) {
      ctx.addIssue({ code: 'custom', path: ['changeMade'], message: 'Say what was changed.' });
    }
    if (v.status === 'completed' && !v.changeDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['changeDate'],
        message: 'Enter the date the change took effect.',
      });
    }
  });
export type ImprovementInput = z.input<typeof ImprovementInputSchema>;

export interface ImprovementRecord extends z.output<typeof ImprovementInputSchema> {
  id: string;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
}

export const emptyImprovement = (): ImprovementInput => ({
  title: '',
  found: '',
  rootCauses: [],
  categories: [],
  caseIds: [],
  owner: null,
  dueDate: '',
  status: 'proposed',
  changeMade: '',
  changeDate: '',
});

/** A row of the management report. */
export interface ImprovementReportRow {
  title: string;
  status: ImprovementStatus;
  owner: string;
  due: string;
  changeDate: string;
  rootCauses: string[];
  caseCount: number;
}
