// English joins shared by every area: lists (`a, b and c`) and quotation marks.
export const grammarEn = {
  /** `head` is every item but the last, joined with `separator`. */
  and: '{{head}} and {{last}}',
  or: '{{head}} or {{last}}',
  separator: ', ',
  quoted: '“{{text}}”',
} as const;
