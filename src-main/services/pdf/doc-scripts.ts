// Every text of a document definition cut into runs by script and put in display order
// (text-runs.ts), emoji replaced: the last step before pdfmake lays the document out, for every
// kind of PDF alike. The fail-closed leak check reads the definition before this step, in
// reading order.
import { t } from '../../i18n';
import type { Content, DocDefinition } from './doc-kit';
import { needsRuns, readsRightToLeft, replaceEmoji, textRuns } from './text-runs';

/** Keys whose value is a list of content nodes. */
const CONTAINERS = ['stack', 'columns', 'ul', 'ol'] as const;

export function withScripts(doc: DocDefinition): DocDefinition {
  const { header, footer } = doc;
  return {
    ...doc,
    content: doc.content.map(node),
    ...(header && { header: (current: number, count: number) => node(header(current, count)) }),
    ...(footer && { footer: (current: number, count: number) => node(footer(current, count)) }),
  };
}

/** One string as pdfmake inlines: itself when the body font in reading order will do. */
function inlines(text: string): Content {
  if (!needsRuns(text)) return text;
  return textRuns(replaceEmoji(text, t('pdf.common.emoji'))).map((run) =>
    run.font === 'Body' && run.level === undefined
      ? run.text
      : {
          text: run.text,
          ...(run.font !== 'Body' && { font: run.font }),
          ...(run.level !== undefined && { bidiLevel: run.level }),
        },
  );
}

/** A paragraph whose first line reads right to left is aligned right, unless placed otherwise. */
const aligned = (text: unknown, node: Record<string, unknown>) =>
  typeof text === 'string' && node.alignment === undefined && needsRuns(text) && readsRightToLeft(text)
    ? { alignment: 'right' }
    : {};

function node(content: Content): Content {
  if (typeof content === 'string') {
    const text = inlines(content);
    return typeof text === 'string' ? text : { text, ...aligned(content, {}) };
  }
  if (Array.isArray(content)) return content.map(node);
  const out: Record<string, unknown> = { ...content };
  if ('text' in content)
    Object.assign(out, aligned(content.text, content), { text: inline(content.text as Content) });
  for (const key of CONTAINERS)
    if (Array.isArray(content[key])) out[key] = (content[key] as Content[]).map(node);
  const table = content.table as { body?: Content[][] } | undefined;
  if (table && Array.isArray(table.body))
    out.table = { ...table, body: table.body.map((row) => row.map(node)) };
  return out;
}

/**
 * The value of a `text` key: a string, an inline object or a list of them. pdfmake drops the
 * styling of an inline whose own text is a list, so an inline's keys go onto each of its runs.
 */
function inline(text: Content): Content {
  if (typeof text === 'string') return inlines(text);
  if (Array.isArray(text)) return text.map(inline);
  if (text && typeof text === 'object' && 'text' in text) {
    const { text: own, ...style } = text;
    const runs = inline(own as Content);
    return Array.isArray(runs)
      ? runs.map((run) => (typeof run === 'string' ? { ...style, text: run } : { ...style, ...run }))
      : { ...style, text: runs };
  }
  return text;
}
