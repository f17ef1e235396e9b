// A thrown error as the words a banner or dialog shows. A refusal from a schema names the field it
// is about ("reason: Say why…") for the form that shows it beside that field; anywhere else that
// key is internal, so it is left out and only the message, written for the user, remains.
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const field = (error as { field?: unknown } | null)?.field;
  return typeof field === 'string' && field && message.startsWith(`${field}: `)
    ? message.slice(field.length + 2)
    : message;
}
