// A note's Markdown read as the words it shows, for one-line places (the case timeline, the PDF
// case report) where the formatting itself cannot be shown: "**Called** back" reads "Called back".

const ESCAPED = /\\([\\`*_{}[\]()#+\-.!<>~|])/g;
const ASIDE = 0xe000;

const RULES: [RegExp, string][] = [
  [/```[^\n]*\n?([\s\S]*?)```/g, '$1'], // fenced code: its text
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // an image: its description
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // a link: its text
  [/^\s{0,3}#{1,6}\s+/gm, ''], // headings
  [/^\s{0,3}>\s?/gm, ''], // quotes
  [/^\s*(?:[-*+]|\d+[.)])\s+/gm, ''], // list markers
  [/^\s*(?:[-*_]\s*){3,}$/gm, ''], // rules
  [/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2'], // strong
  [/(^|[^\w*])([*_])(?=\S)([^*_\n]*?\S)\2(?![\w*])/g, '$1$3'], // emphasis
  [/~~(?=\S)([\s\S]*?\S)~~/g, '$1'], // strikethrough
  [/`([^`\n]+)`/g, '$1'], // inline code
];

/** The plain text a Markdown note shows, on one line. Text in angle brackets is kept as written. */
export function markdownAsText(markdown: string): string {
  // Escaped characters stand aside (as private-use characters) while the markup is read.
  let text = markdown.replace(ESCAPED, (_, c: string) => String.fromCharCode(ASIDE + c.charCodeAt(0)));
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  text = text.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - ASIDE));
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
