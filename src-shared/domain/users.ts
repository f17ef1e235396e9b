import { z } from 'zod';

export const ROLES = ['officer', 'investigator', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const NewUserSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(200, 'Use at most 200 characters.'),
  role: z.enum(ROLES, { error: 'Choose your role.' }),
});
export type NewUserInput = z.input<typeof NewUserSchema>;

export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}
