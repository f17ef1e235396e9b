// A translator over plain nested objects of strings, for code that has no i18next: the domain,
// the main process and the PDF worker. It reads the same resources the renderer's i18next loads
// and follows the same rules, so an office translates each string once: `{{name}}` placeholders,
// `_one`/`_other` forms chosen by a numeric `count`, a missing placeholder left as written and a
// missing key shown as the key itself.

/** Strings by key, nested: `{ workflow: { status: { closed: 'Closed' } } }`. */
export interface Resources {
  readonly [key: string]: string | Resources;
}

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every dotted key of a resource object, plural forms under their base key. */
export type KeyOf<R> = {
  [K in keyof R & string]: R[K] extends string ? BaseKey<K> : `${K}.${KeyOf<R[K]>}`;
}[keyof R & string];

/**
 * A text to show, as a key and its parameters: what shared code returns instead of English, so
 * each process shows it in its own language. A parameter may itself be a message, or a list of them.
 */
export interface Message {
  key: string;
  params?: MessageParams;
}
/** `a, b and c` / `a, b or c`, in the language of the translator. */
export interface MessageList {
  list: readonly MessageParam[];
  join: 'and' | 'or';
}
export type MessageParam = string | number | Message | MessageList;
export type MessageParams = { readonly [name: string]: MessageParam };

/** One key and its plain parameters to text: i18next's `t`, or `translate` over resources. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Renders a message with any translator: the parameters that are messages or lists first, then the key. */
export function formatMessage(t: Translate, key: string, params?: MessageParams): string {
  if (!params) return t(key);
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) plain[name] = formatParam(t, value);
  return t(key, plain);
}

function formatParam(t: Translate, value: MessageParam): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('list' in value) {
    const words = value.list.map((item) => String(formatParam(t, item)));
    if (words.length <= 1) return words[0] ?? '';
    return t(`grammar.${value.join}`, {
      head: words.slice(0, -1).join(t('grammar.separator')),
      last: words.at(-1)!,
    });
  }
  return formatMessage(t, value.key, value.params);
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

function lookup(resources: Resources, key: string): string | undefined {
  let node: string | Resources | undefined = resources;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** One key of `resources` in language `lng`, its parameters (messages and lists too) filled in. */
export function translate(resources: Resources, key: string, params?: MessageParams, lng = 'en'): string {
  const plural = new Intl.PluralRules(lng);
  const t: Translate = (k, values) => {
    const count = values?.count;
    const template =
      (typeof count === 'number'
        ? (lookup(resources, `${k}_${plural.select(count)}`) ?? lookup(resources, `${k}_other`))
        : undefined) ?? lookup(resources, k);
    if (template === undefined) return k;
    return values
      ? template.replace(PLACEHOLDER, (whole, name: string) =>
          values[name] === undefined ? whole : String(values[name]),
        )
      : template;
  };
  return formatMessage(t, key, params);
}

/** A translator bound to one resource object; its keys are checked when the code compiles. */
export function createTranslator<R extends Resources>(resources: R, lng = 'en') {
  return (key: KeyOf<R>, params?: MessageParams): string => translate(resources, key, params, lng);
}
