// A regulator's code list as select options, labelled from `returns.<list>.<code>`; `empty` first
// when "none chosen" is a real answer.
export function codeOptions(
  t: (key: string) => string,
  list: string,
  codes: readonly string[],
  empty?: string,
): { value: string; label: string }[] {
  return [
    ...(empty === undefined ? [] : [{ value: '', label: empty }]),
    ...codes.map((code) => ({ value: code, label: t(`returns.${list}.${code}`) })),
  ];
}
