/** A thrown error as the field it names (if any) and a message to show beside that field. */
export function formError(e: unknown): { field?: string; message: string } {
  const field = (e as { field?: unknown }).field;
  const raw = e instanceof Error ? e.message : String(e);
  if (typeof field !== 'string' || !field) return { message: raw };
  // validationErrorFromZod prefixes the path; beside the field it would only repeat it.
  return { field, message: raw.startsWith(`${field}: `) ? raw.slice(field.length + 2) : raw };
}
