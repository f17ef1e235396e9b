// The case database as text, one row per line: the layout of a backup's database part.
//
// The text is an ordinary dexie-export-import document (format "dexie", version 1), so the
// library's importInto still reads it; what this module adds is a layout it does not require but
// allows, with every row on a line of its own. That lets an export be written a page of rows at a
// time with JSON.stringify, and read back by splitting lines and parsing pages of rows with one
// JSON.parse, instead of the library's per-value type encoding and streaming tokenizer, which at
// 100,000 cases (1.7 million rows) took most of ten minutes each way.
//
//   {"formatName":"dexie","formatVersion":1,"data":{…,"tables":[…],"data":[
//   {"tableName":"audit","inbound":true,"rows":[
//   {…row…},
//   {…row…}
//   ]},
//   …
//   ]}}
//
// Rows are plain JSON data (strings, numbers, booleans, null, arrays, objects): every value the
// app stores is. A property holding `undefined` is left out, which Dexie and the app read alike.

/** What opens the document: everything up to the array of tables' rows. */
export interface LinesHeader {
  databaseName: string;
  databaseVersion: number;
  tables: { name: string; schema: string; rowCount: number }[];
}

const HEADER_END = '"data":[';

export function headerLine(header: LinesHeader): string {
  const json = JSON.stringify({ formatName: 'dexie', formatVersion: 1, data: { ...header, data: [] } });
  // '…"data":[]}}' less its closing ']}}': the tables follow, a line each.
  return `${json.slice(0, -3)}\n`;
}

export function tableStartLine(name: string): string {
  return `{"tableName":${JSON.stringify(name)},"inbound":true,"rows":[\n`;
}

export function tableEndLine(last: boolean): string {
  return last ? ']}\n' : ']},\n';
}

export const DOCUMENT_END = ']}}\n';

/** A page of rows, each on its line; `first` is whether it opens its table's rows (no comma before). */
export function rowLines(rows: readonly unknown[], first: boolean): string {
  if (rows.length === 0) return '';
  return `${first ? '' : ',\n'}${rows.map((row) => JSON.stringify(row)).join(',\n')}`;
}

/** The header, if `firstLine` opens a document in this layout (an older export is one long line). */
export function parseHeaderLine(firstLine: string): LinesHeader | null {
  if (!firstLine.startsWith('{"formatName":"dexie"') || !firstLine.endsWith(HEADER_END)) return null;
  const doc = JSON.parse(`${firstLine}]}}`) as { formatVersion?: number; data?: LinesHeader };
  if (doc.formatVersion !== 1 || !doc.data || !Array.isArray(doc.data.tables)) return null;
  return {
    databaseName: doc.data.databaseName,
    databaseVersion: doc.data.databaseVersion,
    tables: doc.data.tables,
  };
}

const TABLE_START = /^\{"tableName":("(?:[^"\\]|\\.)*"),"inbound":true,"rows":\[$/;

export class LinesFormatError extends Error {
  constructor(message: string) {
    super(`The backup's database is not laid out as expected: ${message}`);
    this.name = 'LinesFormatError';
  }
}

/** Receives what a document holds, a page of rows at a time. */
export interface LinesSink {
  header(header: LinesHeader): void | Promise<void>;
  rows(table: string, rows: unknown[]): Promise<void>;
}

/**
 * Reads a document in this layout from a stream of text, handing rows to the sink in pages of about
 * `pageChars` characters. The sink is awaited, so a slow writer holds the reading back.
 */
export async function readLines(
  text: ReadableStream<string>,
  sink: LinesSink,
  options: { pageChars?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const pageChars = options.pageChars ?? 2 * 1024 * 1024;
  const reader = text.getReader();
  // In an object: the line handler below changes it, which narrowing here would not see.
  const at: { state: 'header' | 'between' | 'rows' | 'end' } = { state: 'header' };
  let table = '';
  let page: string[] = [];
  let chars = 0;

  const flush = async () => {
    if (page.length === 0) return;
    let body = page.join('\n');
    if (body.endsWith(',')) body = body.slice(0, -1);
    page = [];
    chars = 0;
    let rows: unknown[];
    try {
      rows = JSON.parse(`[${body}]`) as unknown[];
    } catch {
      throw new LinesFormatError(`a row of ${table} cannot be read.`);
    }
    await sink.rows(table, rows);
  };

  const line = async (text: string) => {
    switch (at.state) {
      case 'header': {
        const header = parseHeaderLine(text);
        if (!header) throw new LinesFormatError('it does not start with a header.');
        await sink.header(header);
        at.state = 'between';
        return;
      }
      case 'between': {
        if (text === ']}}') {
          at.state = 'end';
          return;
        }
        const match = TABLE_START.exec(text);
        if (!match) throw new LinesFormatError('a table does not start where one should.');
        table = JSON.parse(match[1]!) as string;
        at.state = 'rows';
        return;
      }
      case 'rows': {
        if (text === ']}' || text === ']},') {
          await flush();
          at.state = 'between';
          return;
        }
        if (text === '') return;
        page.push(text);
        chars += text.length;
        if (chars >= pageChars) await flush();
        return;
      }
      case 'end':
        if (text !== '') throw new LinesFormatError('something follows its end.');
    }
  };

  let rest = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = rest + value;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      await line(chunk.slice(start, nl));
      start = nl + 1;
    }
    rest = chunk.slice(start);
  }
  if (rest !== '') await line(rest);
  if (at.state !== 'end') throw new LinesFormatError('it ends before its last table does.');
}
