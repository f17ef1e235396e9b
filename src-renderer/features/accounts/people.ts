// What the "People and access" screen works out before it shows or sends anything: a person's
// status, the checks a form can make without the main process, and the changes an edit sends.
// The rules themselves are the domain's (src-shared/domain/accounts.ts); main applies them again.
import { z } from 'zod';
import {
  AccountNameSchema,
  ApprovalLimitSchema,
  lockedUntil,
  PasswordInputSchema,
  RolesSchema,
  type Account,
  type AccountRole,
  type SecurityPolicy,
} from '../../../src-shared/domain/accounts';
import type { InputOf } from '../../../src-shared/ipc/contract';
import { newPasswordRules } from '../session/forms';

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

const newPasswordFields = { password: PasswordInputSchema, confirm: z.string() };

/**
 * The checks of a new password (the office's rules for this person, as main makes them, then the
 * confirmation), run even while another field is wrong, so that every problem shows at once.
 */
const checkingNewPassword = <T extends NewPassword>(
  nameOf: (values: T) => string,
  policy: SecurityPolicy,
  mismatch: string,
) => [newPasswordRules(policy, nameOf, { mismatch }), { when: () => true }] as const;

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
export const addPersonSchema = (policy: SecurityPolicy, mismatch: string) =>
  PersonFieldsSchema.extend(newPasswordFields).superRefine(
    ...checkingNewPassword<AddPersonForm>((values) => values.name, policy, mismatch),
  );

/** The "Reset password" form for the person named `name`. */
export const resetPasswordSchema = (name: string, policy: SecurityPolicy, mismatch: string) =>
  z.object(newPasswordFields).superRefine(...checkingNewPassword<NewPassword>(() => name, policy, mismatch));

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
 * and main logs each change once (with the account's version on the team server, if it has one).
 * Null when nothing changed.
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
  if (Object.keys(changes).length === 1) return null;
  // Team mode: the version read, so that the server refuses to overwrite a change made elsewhere.
  return account.version === undefined ? changes : { ...changes, version: account.version };
}

/** True when this save would turn the person off: the screen asks first. */
export const turnsOff = (changes: InputOf<'accounts:update'> | null): boolean => changes?.disabled === true;
