// Forms validated by the same zod schema as the repository that saves them. Every error shows beside
// its field at once on submit (react-hook-form focuses the first); a refusal thrown by the repository
// goes beside the field it names, or into the form's alert; nothing typed is ever cleared.
import { toNestErrors } from '@hookform/resolvers';
import { useCallback, useEffect, useRef, useState, type BaseSyntheticEvent } from 'react';
import {
  useForm,
  type FieldError,
  type FieldErrors,
  type FieldPath,
  type FieldValues,
  type Resolver,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { errorText } from '../api/error-text';
import { useLatest } from '../app/latest';
import { clearFormDraft, keepFormDraft, loadFormDraft, typedFields } from './form-draft';

/** A thrown error as the field it names (if any) and a message to show beside that field. */
export function formError(e: unknown): { field?: string; message: string } {
  const field = (e as { field?: unknown }).field;
  // errorText leaves out the path validationErrorFromZod prefixes: beside the field it would repeat it.
  const message = errorText(e);
  return typeof field === 'string' && field ? { field, message } : { message };
}

export interface SchemaFormOptions<TForm> {
  /** What the form holds, as the schema's input (e.g. a text box of lines as a list). */
  toInput?: (values: TForm) => unknown;
  /** Renames a schema path to the form field that shows it (e.g. similarCaseIds → similar). */
  fieldFor?: (path: string) => string | null;
  /**
   * The stored record's values, for a form that edits a record others can change while it is open
   * (a checklist tick, a sync from another desk). The form follows them in the fields the user has
   * not touched and keeps what was typed in the others; after a save it is clean again. Without
   * it, a form is seeded once (`defaultValues`).
   */
  stored?: TForm;
  /**
   * How `stored` keeps what was typed: field by field (the default), or the whole form while
   * anything in it has been typed (a form with a list, whose rows have nothing to merge by). A
   * stored change the form did not take is reported as `storedChanged`.
   */
  keepTyped?: 'fields' | 'form';
  /**
   * Where what is typed is kept until it is saved (formDraftKey: person, case and form), so it
   * survives the form being closed (another tab, another case). Reopened, it comes back as typed,
   * so `stored` keeps it by the same rule; a record saved since it was typed is `storedChanged`.
   */
  draft?: string;
}

/**
 * The form field that shows an error at `path`: renamed by `fieldFor`, then the nearest field on
 * screen that holds it (an error inside a list of names belongs to the box that lists them).
 */
export function fieldOf(path: string, names: readonly string[], fieldFor?: (path: string) => string | null) {
  const renamed = (path && fieldFor?.(path)) || path;
  const parts = renamed.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const prefix = parts.slice(0, n).join('.');
    if (names.includes(prefix)) return prefix;
  }
  return null;
}

/** A react-hook-form resolver that checks the form's values with `schema`, errors placed by fieldOf. */
export function schemaResolver<TForm extends FieldValues, TOut>(
  schema: z.ZodType<TOut>,
  { toInput, fieldFor }: SchemaFormOptions<TForm> = {},
  onNames?: (names: readonly string[]) => void,
): Resolver<TForm, unknown, TOut> {
  return async (values, _context, options) => {
    const names = (options.names ?? []) as string[];
    onNames?.(names);
    const parsed = await schema.safeParseAsync(toInput ? toInput(values) : values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // An issue no field shows stays under its own path: the submit is still refused.
      const field = fieldOf(path, names, fieldFor) ?? (path || String(names[0] ?? 'root'));
      flat[field] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}

/** The dotted path of the first error in a react-hook-form errors object. */
function firstErrorPath(errors: FieldErrors, prefix = ''): string | null {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ('message' in value && typeof value.message === 'string') return path;
    const inner = firstErrorPath(value as FieldErrors, path);
    if (inner) return inner;
  }
  return null;
}

export type SchemaForm<TForm extends FieldValues, TOut> = UseFormReturn<TForm, unknown, TOut> & {
  /** A submit handler: validates, then runs `save`, placing any refusal it throws. */
  submit: (save: (values: TOut) => Promise<unknown>) => (e?: BaseSyntheticEvent) => Promise<void>;
  /** A refusal that names no field on screen, for the form's alert. */
  refusal: string | null;
  /** `keepTyped: 'form'`: the record was saved elsewhere while the user typed here (kept). */
  storedChanged: boolean;
  /** Drops what was typed for the record as stored. */
  showStored: () => void;
};

/** A reset that forgets what was typed (the form's own `resetOptions` keep it, for `stored`). */
const CLEAN = { keepDirtyValues: false } as const;

/**
 * useForm with `schema` as its resolver (see schemaResolver). The schema is the repository's own,
 * so the form refuses exactly what saving would refuse, all at once and before anything is sent.
 */
export function useSchemaForm<TForm extends FieldValues, TOut>(
  schema: z.ZodType<TOut>,
  {
    toInput,
    fieldFor,
    stored,
    keepTyped = 'fields',
    draft,
    ...props
  }: UseFormProps<TForm, unknown, TOut> & SchemaFormOptions<TForm>,
): SchemaForm<TForm, TOut> {
  // The names of the fields on screen, as react-hook-form reports them to the resolver at a submit.
  const [names] = useState(() => new Set<string>());
  const [refusal, setRefusal] = useState<string | null>(null);
  const [storedChanged, setStoredChanged] = useState(false);
  const whole = keepTyped === 'form';
  // Follows a stored record: given one, or (whole) waiting for the first to be saved.
  const follows = whole || stored !== undefined;
  const form = useForm<TForm, unknown, TOut>({
    ...props,
    ...(whole
      ? stored && { defaultValues: stored as UseFormProps<TForm>['defaultValues'] }
      : stored && { values: stored, resetOptions: { keepDirtyValues: true } }),
    shouldFocusError: false, // see below: focused in the order of the page
    resolver: schemaResolver(schema, { toInput, fieldFor }, (n) => n.forEach((name) => names.add(name))),
  });
  // react-hook-form would focus the first invalid field in the order fields were registered, so a
  // field shown later (an amount once Refund is chosen) would lose to one below it. Instead, once
  // the errors are on screen (the render that counts the submit), the first invalid field in the
  // form's own order takes the focus.
  const pendingFocusRef = useRef<{ form: Element | null; first: string | null } | null>(null);
  const { handleSubmit, setError, setFocus, formState, reset, getValues, setValue, subscribe, control } =
    form;
  // The stored values as last rendered (a save's continuation reads the newest), and whether a
  // save is waiting for them to come back.
  const storedRef = useLatest(stored);
  const awaitingStored = useRef(false);
  const storedJson = JSON.stringify(stored);
  // Whole: the stored values the form was last given (what it shows while nothing is typed).
  const shownRef = useRef(storedJson);
  // Read in render, so react-hook-form keeps it up to date (its form state is a subscription).
  const isDirtyRef = useLatest(follows && formState.isDirty);
  const showStored = useCallback(() => {
    setStoredChanged(false);
    if (draft) clearFormDraft(draft);
    if (!storedRef.current) return;
    shownRef.current = JSON.stringify(storedRef.current);
    reset(storedRef.current, CLEAN);
  }, [reset, storedRef, draft]);
  useEffect(() => {
    if (!storedRef.current) return;
    const awaited = awaitingStored.current;
    awaitingStored.current = false;
    // Nothing else changed it (fields: react-hook-form's `values` follow it in untouched fields).
    if (!awaited && (!whole || storedJson === shownRef.current)) return;
    // Typed into since (after a save: typed since it, or the save changed nothing stored and this
    // is a change from elsewhere): kept, and said for the whole form. Else shown as stored.
    if (isDirtyRef.current) setStoredChanged(whole);
    else showStored();
  }, [storedJson, whole, showStored, storedRef, isDirtyRef]);
  // The draft comes back as typed, then follows every change (empty once nothing is typed).
  useEffect(() => {
    if (!draft) return;
    const kept = loadFormDraft<TForm>(draft);
    for (const [name, value] of Object.entries(kept?.typed ?? {}))
      setValue(name as FieldPath<TForm>, value as TForm[FieldPath<TForm>], { shouldDirty: true });
    if (kept && whole && kept.base !== (shownRef.current ?? null)) setStoredChanged(true);
    return subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        // What the form shows untyped, as of now (formState's copy is the last render's: a reset's
        // change would come before it).
        const shown = control._defaultValues as unknown as TForm;
        keepFormDraft(draft, { typed: typedFields(values, shown), base: shownRef.current ?? null });
      },
    });
  }, [draft, whole, setValue, subscribe, control]);
  const { submitCount } = formState;
  useEffect(() => {
    const pending = pendingFocusRef.current;
    if (!pending) return;
    pendingFocusRef.current = null;
    const first = pending.form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = !first
      ? null
      : first.matches('input, textarea, [tabindex]')
        ? first
        : first.querySelector<HTMLElement>('input:not(:disabled), textarea, [tabindex]');
    if (target) target.focus();
    else if (pending.first) setFocus(pending.first as FieldPath<TForm>);
  }, [submitCount, setFocus]);
  const onInvalid = (errors: FieldErrors, e?: BaseSyntheticEvent) => {
    pendingFocusRef.current = {
      form: (e?.target as Element | undefined)?.closest?.('form') ?? null,
      first: firstErrorPath(errors),
    };
  };
  const submit = (save: (values: TOut) => Promise<unknown>) =>
    handleSubmit(async (values) => {
      setRefusal(null);
      const before = JSON.stringify(storedRef.current);
      try {
        await save(values);
        if (draft) clearFormDraft(draft);
        // Saved: nothing typed is pending. Show the record as stored (a postcode in capitals) once
        // it has come back; until then what was saved, clean.
        if (storedRef.current && JSON.stringify(storedRef.current) !== before) showStored();
        else if (follows) {
          const saved = getValues();
          reset(saved, CLEAN);
          setStoredChanged(false);
          // Saved as it was stored: nothing will come back to wait for.
          awaitingStored.current = JSON.stringify(saved) !== before;
        }
      } catch (error) {
        const { field, message } = formError(error);
        const target = field ? fieldOf(field, [...names], fieldFor) : null;
        if (target) setError(target as FieldPath<TForm>, { type: 'refused', message }, { shouldFocus: true });
        else setRefusal(errorText(error));
      }
    }, onInvalid);
  return { ...form, submit, refusal, storedChanged, showStored };
}
