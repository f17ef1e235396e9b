// What the "People and access" screen works out before it shows or sends anything: a person's
// status, the checks a form can make without the main process, and the changes an edit sends.
// The rules themselves are the domain's (src-shared/domain/accounts.ts); main applies them again.
import { z } from 'zod';
import {
  AccountNameSchema,
  ApprovalLimitSchema,
  lockedUntil,
  passwordProblem,
  PasswordInputSchema,
  RolesSchema,
  type Account,
  type AccountRole,
  type SecurityPolicy,
} from '../../../src-shared/domain/accounts';
import type { InputOf } from '../../../src-shared/ipc/contract';

export type PersonStatus = { kind: 'active' } | { kind: 'off' } | { kind: 'locked'; until: Date };

/** Turned off outranks locked: a turned-off person cannot sign in however the lock stands. */
export function personStatus(
  account: Pick<Account, 'disabled' | 'failedAttempts' | 'lockedUntil'>,
  now: Date,
): PersonStatus {
  if (account.disabled) return { kind: 'off' };
  const until = lockedUntil(account, now);
  return until ? { kind: 'locked', until } : { kind: 'active' };
}

/** A new password and its confirmation, as typed. */
export interface NewPassword {
  password: string;
  confirm: string;
}

/**
 * What is wrong with a new password, beside the box to show it: the office's rules for this person
 * (the same check main makes), then whether the confirmation matches. An empty box is the schema's
 * to report ("Enter the password."), so it gives nothing here.
 */
export function newPasswordIssues(
  typed: NewPassword,
  name: string,
  policy: Pick<SecurityPolicy, 'minPasswordLength'>,
  mismatch: string,
): { path: keyof NewPassword; message: string }[] {
  const issues: { path: keyof NewPassword; message: string }[] = [];
  const problem = typed.password === '' ? null : passwordProblem(typed.password, { name, policy });
  if (problem) issues.push({ path: 'password', message: problem });
  if (typed.password !== '' && typed.confirm !== typed.password)
    issues.push({ path: 'confirm', message: mismatch });
  return issues;
}

const newPasswordFields = { password: PasswordInputSchema, confirm: z.string() };

/**
 * Adds the password checks to a form schema. They run even while another field is wrong (`when`),
 * so every problem shows at once; the values may then be unparsed, hence the String() reads.
 */
function checkingNewPassword<T extends z.ZodType>(
  schema: T,
  nameOf: (values: Record<string, unknown>) => string,
  policy: Pick<SecurityPolicy, 'minPasswordLength'>,
  mismatch: string,
): T {
  return schema.superRefine(
    (raw, ctx) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      const typed = { password: String(values.password ?? ''), confirm: String(values.confirm ?? '') };
      for (const issue of newPasswordIssues(typed, nameOf(values), policy, mismatch)) {
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }
    },
    { when: () => true },
  );
}

/** Name, roles and approval limit: what the add and edit forms share. */
export const PersonFieldsSchema = z.object({
  name: AccountNameSchema,
  roles: RolesSchema,
  approvalLimit: ApprovalLimitSchema,
});

export interface AddPersonForm {
  name: string;
  roles: AccountRole[];
  approvalLimit: number | null;
  password: string;
  confirm: string;
}

export const emptyPerson = (): AddPersonForm => ({
  name: '',
  roles: [],
  approvalLimit: null,
  password: '',
  confirm: '',
});

/** The "Add a person" form: the person's fields and an initial password that the office's rules accept. */
export const addPersonSchema = (policy: Pick<SecurityPolicy, 'minPasswordLength'>, mismatch: string) =>
  checkingNewPassword(
    PersonFieldsSchema.extend(newPasswordFields),
    (values) => String(values.name ?? ''),
    policy,
    mismatch,
  );

/** The "Reset password" form for the person named `name`. */
export const resetPasswordSchema = (
  name: string,
  policy: Pick<SecurityPolicy, 'minPasswordLength'>,
  mismatch: string,
) => checkingNewPassword(z.object(newPasswordFields), () => name, policy, mismatch);

export const EditPersonSchema = PersonFieldsSchema.extend({ disabled: z.boolean() });
export type EditPersonValues = z.output<typeof EditPersonSchema>;

export const editValuesOf = (account: Account): z.input<typeof EditPersonSchema> => ({
  name: account.name,
  roles: [...account.roles],
  approvalLimit: account.approvalLimit,
  disabled: account.disabled,
});

/**
 * The update to send: only what the form changed, so a save that changes nothing sends nothing
 * and main logs each change once. Null when nothing changed.
 */
export function accountChanges(
  account: Account,
  values: EditPersonValues,
): InputOf<'accounts:update'> | null {
  const changes: InputOf<'accounts:update'> = { id: account.id };
  if (values.name !== account.name) changes.name = values.name;
  if (values.roles.join() !== account.roles.join()) changes.roles = values.roles;
  if (values.approvalLimit !== account.approvalLimit) changes.approvalLimit = values.approvalLimit;
  if (values.disabled !== account.disabled) changes.disabled = values.disabled;
  return Object.keys(changes).length > 1 ? changes : null;
}

/** True when this save would turn the person off: the screen asks first. */
export const turnsOff = (changes: InputOf<'accounts:update'> | null): boolean => changes?.disabled === true;
