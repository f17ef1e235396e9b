import type { FieldChange } from './audit';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Flattens nested objects to dotted paths; arrays and scalars are leaves. */
export function flattenFields(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && Object.keys(v).length > 0) Object.assign(out, flattenFields(v, path));
    else out[path] = v;
  }
  return out;
}

/** Field-level before → after for an audit entry; fields in `ignore` (bookkeeping) are left out. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): FieldChange[] {
  const a = flattenFields(before);
  const b = flattenFields(after);
  const skip = (path: string) => ignore.some((i) => path === i || path.startsWith(`${i}.`));
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip(field)) continue;
    const x = a[field] ?? null;
    const y = b[field] ?? null;
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field, before: x, after: y });
  }
  return changes.sort((p, q) => (p.field < q.field ? -1 : 1));
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isPlainObject(v) && Object.keys(v).length === 0);

/**
 * What the audit entry of a record's creation lists: each field it was created with (null → value),
 * but the fields in `ignore` (bookkeeping, or recomputed from the others) and the fields created
 * empty ('', [], {}, null): a field the entry does not name was empty. The same as
 * diffFields({}, record, ignore) less those empty ones, in one pass.
 */
export function creationChanges(
  record: Record<string, unknown>,
  ignore: readonly string[] = [],
): FieldChange[] {
  const skip = (path: string) => ignore.some((i) => path === i || path.startsWith(`${i}.`));
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(flattenFields(record))) {
    if (!isEmpty(value) && !skip(field)) changes.push({ field, before: null, after: value });
  }
  return changes.sort((p, q) => (p.field < q.field ? -1 : 1));
}
