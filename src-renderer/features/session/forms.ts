// The schemas of the session's forms. What main would refuse about a new password (the office's
// policy, the person's own name, a common password) is checked here first with the same rule, so
// the answer comes beside the field before half a second of hashing.
import { z } from 'zod';
import {
  AccountNameSchema,
  PasswordInputSchema,
  passwordProblem,
  type SecurityPolicy,
} from '../../../src-shared/domain/accounts';
import { CASE_ROLES } from '../../../src-shared/domain/users';

/** A new password and its confirmation, checked against the policy for the person named `name`. */
function newPasswordRules<T extends { password: string; confirm: string }>(
  policy: SecurityPolicy,
  nameOf: (value: T) => string,
  messages: { mismatch: string },
) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = passwordProblem(value.password, { name: nameOf(value), policy });
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    else if (value.password !== value.confirm)
      ctx.addIssue({ code: 'custom', path: ['confirm'], message: messages.mismatch });
  };
}

/** First-run setup: the administrator, who may also handle complaints in a small office. */
export const setupFormSchema = (policy: SecurityPolicy, messages: { mismatch: string }) =>
  z
    .object({
      name: AccountNameSchema,
      password: PasswordInputSchema,
      confirm: z.string(),
      officer: z.boolean(),
      investigator: z.boolean(),
      manager: z.boolean(),
    })
    .superRefine(newPasswordRules(policy, (v) => v.name, messages))
    .transform((v) => ({
      name: v.name,
      password: v.password,
      roles: CASE_ROLES.filter((role) => v[role]),
    }));
export type SetupForm = z.input<ReturnType<typeof setupFormSchema>>;

export const SignInFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'Use at most 200 characters.'),
  password: PasswordInputSchema,
});
export type SignInForm = z.input<typeof SignInFormSchema>;

export const UnlockFormSchema = z.object({ password: PasswordInputSchema });
export type UnlockForm = z.input<typeof UnlockFormSchema>;

export const changePasswordFormSchema = (
  policy: SecurityPolicy,
  name: string,
  messages: { mismatch: string; same: string },
) =>
  z
    .object({ current: PasswordInputSchema, password: PasswordInputSchema, confirm: z.string() })
    .superRefine(newPasswordRules(policy, () => name, messages))
    .superRefine((value, ctx) => {
      if (value.current && value.password === value.current)
        ctx.addIssue({ code: 'custom', path: ['password'], message: messages.same });
    });
export type ChangePasswordForm = z.input<ReturnType<typeof changePasswordFormSchema>>;
