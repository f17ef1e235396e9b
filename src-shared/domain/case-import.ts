// Legacy complaints from a spreadsheet: which column feeds which case field, how a cell becomes a
// value (dates as text or Excel serials, in the office's time zone), and why a row cannot be
// imported. Pure: the renderer runs it for the dry run and again for each row it imports.
import {
  CHANNELS,
  CONTACT_METHODS,
  makeNewCaseSchema,
  matchKey,
  REGIME_IDS,
  SEVERITIES,
  type CaseRegimeId,
  type NewCaseInput,
} from './case';
import { FINDINGS, type Finding } from './findings';
import { instantToOfficeTime, officeTimeToInstant } from './office-time';
import type { Taxonomy } from './taxonomy';

/** The case fields a column can feed, in the order the mapping step lists them. */
export const IMPORT_FIELDS = [
  'externalRef',
  'receivedAt',
  'name',
  'email',
  'phone',
  'address',
  'preferredContact',
  'channel',
  'category',
  'subcategory',
  'product',
  'accountRef',
  'description',
  'desiredOutcome',
  'severity',
  'regime',
  'vulnerable',
  'needs',
  'acknowledgedAt',
  'finalResponseAt',
  'outcome',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these a row cannot become a case. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = [
  'receivedAt',
  'name',
  'category',
  'description',
];

/** The longest external reference kept (the legacy system's own case number). */
export const EXTERNAL_REF_MAX = 100;

/** Column index per field; -1 where no column feeds it. */
export type ColumnMapping = Record<ImportField, number>;

/** Day/month order of dates written with slashes or dots (03/04/2024). */
export type DateOrder = 'dmy' | 'mdy';

// Header names legacy systems use for each field, compared after matchKey.
const SYNONYMS: Record<ImportField, string[]> = {
  externalRef: [
    'external ref',
    'external reference',
    'legacy ref',
    'legacy reference',
    'case ref',
    'case reference',
    'case number',
    'case no',
    'complaint ref',
    'complaint reference',
    'complaint id',
    'reference',
    'ref',
    'id',
  ],
  receivedAt: [
    'received',
    'received at',
    'received date',
    'date received',
    'received on',
    'date',
    'complaint date',
    'date logged',
    'logged',
    'opened',
    'opened on',
    'date opened',
  ],
  name: [
    'name',
    'complainant',
    'complainant name',
    'customer',
    'customer name',
    'full name',
    'client',
    'client name',
  ],
  email: ['email', 'e mail', 'email address', 'e mail address', 'complainant email', 'customer email'],
  phone: ['phone', 'telephone', 'phone number', 'tel', 'mobile', 'contact number'],
  address: ['address', 'postal address', 'street address', 'customer address'],
  preferredContact: ['preferred contact', 'contact method', 'contact preference', 'preferred contact method'],
  channel: ['channel', 'received by', 'received via', 'source', 'how received'],
  category: ['category', 'complaint category', 'type', 'complaint type'],
  subcategory: ['subcategory', 'sub category', 'sub type', 'subtype'],
  product: ['product', 'product name', 'service'],
  accountRef: [
    'account',
    'account ref',
    'account reference',
    'account number',
    'account no',
    'policy number',
  ],
  description: [
    'description',
    'details',
    'complaint',
    'summary',
    'complaint details',
    'what happened',
    'narrative',
  ],
  desiredOutcome: [
    'desired outcome',
    'outcome sought',
    'remedy sought',
    'resolution sought',
    'expected outcome',
  ],
  severity: ['severity', 'priority'],
  regime: ['regime', 'regulatory regime', 'regulation'],
  vulnerable: ['vulnerable', 'vulnerability', 'vulnerable customer'],
  needs: ['needs', 'support needs', 'adjustments', 'reasonable adjustments'],
  acknowledgedAt: [
    'acknowledged',
    'acknowledged on',
    'date acknowledged',
    'acknowledgement date',
    'acknowledgement sent',
    'acknowledgment date',
  ],
  finalResponseAt: [
    'final response',
    'final response date',
    'final response sent',
    'final response sent on',
    'date of final response',
    'closed',
    'closed on',
    'closed date',
    'date closed',
    'resolved',
    'resolved on',
    'date resolved',
    'resolution date',
  ],
  outcome: ['outcome', 'finding', 'decision', 'result', 'upheld', 'upheld not upheld'],
};

/** A first guess at the mapping from the header names; each column feeds one field at most. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const keys = header.map(matchKey);
  const used = new Set<number>();
  const mapping = {} as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    const names = [matchKey(field.replace(/([A-Z])/g, ' $1')), ...SYNONYMS[field]];
    // The field's best name first: 'reference' goes to externalRef before 'ref' could elsewhere.
    let found = -1;
    for (const name of names) {
      found = keys.findIndex((k, i) => k === name && !used.has(i));
      if (found !== -1) break;
    }
    if (found !== -1) used.add(found);
    mapping[field] = found;
  }
  return mapping;
}

/** The same columns, in the same order, whatever their case or spacing: the key a remembered mapping is kept under. */
export function headerSignature(header: readonly string[]): string {
  return header.map(matchKey).join('|');
}

/** A remembered mapping fitted to this header: a column index beyond it counts as no column. */
export function fitMapping(
  saved: Partial<Record<string, unknown>>,
  header: readonly string[],
): ColumnMapping | null {
  const mapping = {} as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    const v = saved[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1 || v >= header.length) return null;
    mapping[field] = v;
  }
  return mapping;
}

// Excel counts days from 30 December 1899 (its serial 60 is the 29 February 1900 that never was).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// Serial 36526 is 1 January 2000 and 2958465 is 31 December 9999: anything else is not a date.
const SERIAL = /^\d{5,7}(?:\.\d+)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  // 31/02 or 13/13 is not a date, whatever JavaScript would roll it over to.
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * When a cell's date was, as an ISO instant (UTC), or null when it is not a date. A date without
 * a time zone is read on the office's clocks; a date without a time is taken at midnight.
 */
export function parseImportDate(cell: string, timeZone: string, order: DateOrder): string | null {
  const v = cell.trim();
  if (!v) return null;
  if (ISO_INSTANT.test(v)) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  let local: string | null = null;
  if (SERIAL.test(v)) {
    const serial = Number(v);
    if (serial < 36526 || serial > 2958465) return null;
    // The serial's wall clock, rounded to the second (Excel stores fractions of a day).
    const ms = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000;
    local = new Date(ms).toISOString().slice(0, 19);
  } else {
    const iso = ISO_LOCAL.exec(v);
    const slashed = iso ? null : SLASHED.exec(v);
    if (iso) {
      const [y, mo, d, h, mi, s] = iso.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
      local = wallClock(y!, mo!, d!, h, mi, s);
    } else if (slashed) {
      const [a, b, y, h0, mi, s] = slashed.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
      const [d, mo] = order === 'dmy' ? [a!, b!] : [b!, a!];
      let h = h0!;
      const meridiem = slashed[7]?.toLowerCase();
      if (meridiem && (h < 1 || h > 12)) return null;
      if (meridiem === 'pm' && h < 12) h += 12;
      if (meridiem === 'am' && h === 12) h = 0;
      local = wallClock(y!, mo, d, h, mi, s);
    }
  }
  if (!local) return null;
  const instant = officeTimeToInstant(local, timeZone);
  return instant || null;
}

/** What is wrong with one field of a row; the renderer words it (`sheets.problems.<code>`). */
export type RowProblemCode =
  | 'missing'
  | 'bad-date'
  | 'unknown-category'
  | 'unknown-subcategory'
  | 'bad-email'
  | 'unknown-value'
  | 'invalid';
export interface FieldProblem {
  field: ImportField;
  code: RowProblemCode;
  /** The cell as written (cut short), for the officer to find it. */
  value: string;
  /** The rule's own words, for `invalid`. */
  detail?: string;
}
/** The row as a whole has more filled cells than the file has columns: some were never read. */
export interface TooManyCellsProblem {
  field?: undefined;
  code: 'too-many-cells';
  cells: number;
  columns: number;
}
export type RowProblem = FieldProblem | TooManyCellsProblem;

/**
 * A row filled beyond the file's columns (see the sheet contract's `cellCount`): an unquoted comma
 * or semicolon split a field, or a value sits right of the last heading. Importing it would drop
 * those cells, so it fails; null when the row fits.
 */
export function tooManyCells(
  row: { cellCount?: number | undefined },
  columns: number,
): TooManyCellsProblem | null {
  return row.cellCount !== undefined && row.cellCount > columns
    ? { code: 'too-many-cells', cells: row.cellCount, columns }
    : null;
}

export interface ImportContext {
  taxonomy: Taxonomy;
  timeZone: string;
  dateOrder: DateOrder;
  defaultRegime: CaseRegimeId;
  now: Date;
}

/**
 * A complaint the legacy system had already answered: when the final response was sent (the day the
 * returns count it closed on) and what it found, when the file says.
 */
export interface ImportedClosing {
  finalResponseAt: string;
  finding: Finding | null;
}

/**
 * A row that can be imported: the intake input, the legacy system's reference ('' if none), when
 * the legacy system acknowledged it (null: not recorded), and for a complaint already answered there,
 * its closing (null: it is imported open).
 */
export interface ImportableRow {
  input: NewCaseInput;
  externalRef: string;
  acknowledgedAt: string | null;
  closing: ImportedClosing | null;
}

export type RowCheck = { ok: true; row: ImportableRow } | { ok: false; problems: FieldProblem[] };

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '']);

/** A listed value (channel, severity…) written as its id, in any case or spacing; null when unknown. */
function listed<T extends string>(
  list: readonly T[],
  cell: string,
  aliases: Record<string, T> = {},
): T | null {
  const key = matchKey(cell);
  return list.find((v) => matchKey(v) === key) ?? aliases[key] ?? null;
}
// How legacy systems write a finding (compared after matchKey; the ids themselves match too).
const FINDING_ALIASES: Record<string, Finding> = {
  yes: 'upheld',
  'fully upheld': 'upheld',
  partly: 'partially-upheld',
  partial: 'partially-upheld',
  partially: 'partially-upheld',
  'partly upheld': 'partially-upheld',
  'upheld in part': 'partially-upheld',
  no: 'not-upheld',
  rejected: 'not-upheld',
  declined: 'not-upheld',
  'not upheld': 'not-upheld',
};

const CHANNEL_ALIASES: Record<string, (typeof CHANNELS)[number]> = {
  'e mail': 'email',
  telephone: 'phone',
  post: 'letter',
  'in person': 'walk-in',
  web: 'web-form',
  online: 'web-form',
  website: 'web-form',
  social: 'social-media',
};
const CONTACT_ALIASES: Record<string, (typeof CONTACT_METHODS)[number]> = {
  'e mail': 'email',
  telephone: 'phone',
  post: 'letter',
};

const shortly = (v: string) => (v.length > 60 ? `${v.slice(0, 59)}…` : v);

// zod's paths in the intake schema, back to the column that fed them.
const FIELD_OF_PATH: Record<string, ImportField> = {
  'complainant.name': 'name',
  'complainant.email': 'email',
  'complainant.phone': 'phone',
  'complainant.address': 'address',
  'complainant.preferredContact': 'preferredContact',
  'complainant.needs': 'needs',
  channel: 'channel',
  receivedAt: 'receivedAt',
  category: 'category',
  subcategory: 'subcategory',
  product: 'product',
  accountRef: 'accountRef',
  description: 'description',
  desiredOutcome: 'desiredOutcome',
  severity: 'severity',
  regime: 'regime',
};

// Building the intake schema costs more than checking a row with it: one per `now`, not per row.
let cachedSchema: { at: number; schema: ReturnType<typeof makeNewCaseSchema> } | null = null;
function intakeSchemaAt(now: Date) {
  if (cachedSchema?.at !== now.getTime())
    cachedSchema = { at: now.getTime(), schema: makeNewCaseSchema(now) };
  return cachedSchema.schema;
}

// A file checks every row against the same categories and, mostly, the same few dates: their keys
// and instants are worked out once per import (the context), not once per row, which was most of
// the dry run's time at 100,000 rows.
const categoryKeys = new WeakMap<
  Taxonomy,
  Map<string, { category: Taxonomy[number]; subcategories: Map<string, string> }>
>();

/** The office's categories by matchKey (the first of any two that share one, as a scan would find). */
function categoriesByKey(taxonomy: Taxonomy) {
  let byKey = categoryKeys.get(taxonomy);
  if (!byKey) {
    byKey = new Map();
    for (const category of taxonomy) {
      const key = matchKey(category.category);
      if (byKey.has(key)) continue;
      const subcategories = new Map<string, string>();
      for (const s of category.subcategories)
        if (!subcategories.has(matchKey(s))) subcategories.set(matchKey(s), s);
      byKey.set(key, { category, subcategories });
    }
    categoryKeys.set(taxonomy, byKey);
  }
  return byKey;
}

const DATE_CACHE_MAX = 10_000;
const importDates = new WeakMap<ImportContext, { zoneAndOrder: string; dates: Map<string, string | null> }>();

/** parseImportDate under the context's zone and order, remembered for the context's next rows. */
function importDateOf(ctx: ImportContext, cell: string): string | null {
  const zoneAndOrder = `${ctx.timeZone} ${ctx.dateOrder}`;
  let cache = importDates.get(ctx);
  if (cache?.zoneAndOrder !== zoneAndOrder)
    importDates.set(ctx, (cache = { zoneAndOrder, dates: new Map() }));
  const { dates } = cache;
  let instant = dates.get(cell);
  if (instant === undefined) {
    instant = parseImportDate(cell, ctx.timeZone, ctx.dateOrder);
    if (dates.size >= DATE_CACHE_MAX) dates.clear();
    dates.set(cell, instant);
  }
  return instant;
}

/**
 * One spreadsheet row checked as intake checks a typed complaint (makeNewCaseSchema, the office's
 * categories): the input to create the case from, or every problem the row has.
 */
export function checkImportRow(
  cells: readonly string[],
  mapping: ColumnMapping,
  ctx: ImportContext,
): RowCheck {
  const cell = (f: ImportField) => (mapping[f] >= 0 ? (cells[mapping[f]] ?? '').trim() : '');
  const problems: FieldProblem[] = [];
  const problem = (field: ImportField, code: RowProblemCode, detail?: string) => {
    if (!problems.some((p) => p.field === field))
      problems.push({ field, code, value: shortly(cell(field)), ...(detail ? { detail } : {}) });
  };
  for (const f of REQUIRED_IMPORT_FIELDS) if (!cell(f)) problem(f, 'missing');

  let receivedAt = '';
  if (cell('receivedAt')) {
    receivedAt = importDateOf(ctx, cell('receivedAt')) ?? '';
    if (!receivedAt) problem('receivedAt', 'bad-date');
  }
  // The office's own spelling of a category, whatever case the legacy system wrote it in.
  const categories = categoriesByKey(ctx.taxonomy);
  const entry = cell('category') ? categories.get(matchKey(cell('category'))) : undefined;
  if (cell('category') && !entry) problem('category', 'unknown-category');
  const subcategory =
    entry && cell('subcategory') ? (entry.subcategories.get(matchKey(cell('subcategory'))) ?? null) : '';
  if (subcategory === null) problem('subcategory', 'unknown-subcategory');

  const choose = <T extends string>(
    field: ImportField,
    list: readonly T[],
    fallback: T,
    aliases?: Record<string, T>,
  ) => {
    if (!cell(field)) return fallback;
    const v = listed(list, cell(field), aliases);
    if (!v) problem(field, 'unknown-value');
    return v ?? fallback;
  };
  const channel = choose('channel', CHANNELS, 'letter', CHANNEL_ALIASES);
  const severity = choose('severity', SEVERITIES, 'medium');
  const regime = choose('regime', REGIME_IDS, ctx.defaultRegime);
  const email = cell('email');
  const phone = cell('phone');
  // Without a stated preference, the first way of reaching them the row gives.
  const preferredContact = choose(
    'preferredContact',
    CONTACT_METHODS,
    email ? 'email' : phone ? 'phone' : 'letter',
    CONTACT_ALIASES,
  );
  const vulnerableKey = matchKey(cell('vulnerable'));
  const vulnerable = TRUE_WORDS.has(vulnerableKey);
  if (!vulnerable && !FALSE_WORDS.has(vulnerableKey)) problem('vulnerable', 'unknown-value');
  const externalRef = cell('externalRef');
  if (externalRef.length > EXTERNAL_REF_MAX)
    problem('externalRef', 'invalid', `Use at most ${EXTERNAL_REF_MAX} characters.`);
  const acknowledgedAt = importedStep('acknowledgedAt', cell('acknowledgedAt'), receivedAt, ctx, problem);
  const closing = importedClosing(cell('finalResponseAt'), cell('outcome'), receivedAt, ctx, problem);
  if (acknowledgedAt && closing && acknowledgedAt > closing.finalResponseAt)
    problem('acknowledgedAt', 'invalid', 'The acknowledgement cannot be after the final response.');

  const input: NewCaseInput = {
    complainant: {
      name: cell('name'),
      email,
      phone,
      address: cell('address'),
      preferredContact,
      needs: cell('needs'),
      vulnerable,
      consentToContact: true,
    },
    channel,
    receivedAt,
    category: entry?.category.category ?? cell('category'),
    subcategory: subcategory ?? '',
    product: cell('product'),
    accountRef: cell('accountRef'),
    description: cell('description'),
    desiredOutcome: cell('desiredOutcome'),
    severity,
    regime,
    relatedCaseIds: [],
    restricted: false,
  };
  const parsed = intakeSchemaAt(ctx.now).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_PATH[issue.path.join('.')];
      if (!field) continue;
      if (field === 'email' && email) problem(field, 'bad-email');
      else problem(field, cell(field) ? 'invalid' : 'missing', issue.message);
    }
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, row: { input, externalRef, acknowledgedAt, closing } };
}

/**
 * The closing of a complaint the legacy system answered: its final response date, which must fall
 * between its receipt and now (a date without a time, on the day of receipt, counts as at receipt),
 * and its finding. An outcome without that date cannot be placed in any return: refused.
 */
function importedClosing(
  sentCell: string,
  outcomeCell: string,
  receivedAt: string,
  ctx: ImportContext,
  problem: (field: ImportField, code: RowProblemCode, detail?: string) => void,
): ImportedClosing | null {
  let finding: Finding | null = null;
  if (outcomeCell) {
    finding = listed(FINDINGS, outcomeCell, FINDING_ALIASES);
    if (!finding) problem('outcome', 'unknown-value');
  }
  if (!sentCell) {
    if (outcomeCell) problem('outcome', 'invalid', 'An outcome needs the date the final response was sent.');
    return null;
  }
  const sent = importedStep('finalResponseAt', sentCell, receivedAt, ctx, problem);
  return sent ? { finalResponseAt: sent, finding } : null;
}

const STEP_WORDS = { acknowledgedAt: 'acknowledgement', finalResponseAt: 'final response' } as const;

/**
 * When the legacy system took a step (acknowledged, answered): a date between the complaint's
 * receipt and now. A date without a time on the day of receipt counts as at receipt. Null when the
 * cell is empty or not a date (the problem noted).
 */
function importedStep(
  field: keyof typeof STEP_WORDS,
  cellText: string,
  receivedAt: string,
  ctx: ImportContext,
  problem: (field: ImportField, code: RowProblemCode, detail?: string) => void,
): string | null {
  if (!cellText) return null;
  let at = importDateOf(ctx, cellText);
  if (!at) {
    problem(field, 'bad-date');
    return null;
  }
  const step = STEP_WORDS[field];
  if (receivedAt && at < receivedAt) {
    // A date without a time (midnight) on the day of receipt: taken that day, after it came in.
    const wall = instantToOfficeTime(at, ctx.timeZone);
    const sameDay = wall.slice(0, 10) === instantToOfficeTime(receivedAt, ctx.timeZone).slice(0, 10);
    if (sameDay && wall.slice(11, 16) === '00:00') at = receivedAt;
    else problem(field, 'invalid', `The ${step} cannot be before the complaint was received.`);
  }
  if (at > ctx.now.toISOString()) problem(field, 'invalid', `The ${step} cannot be in the future.`);
  return at;
}

/** Characters that make Excel read a cell as a formula (and tab/CR, which some versions also do). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell value Excel shows as text, never runs: a leading formula character gets a quote before it. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV of the rows, every cell neutralised; CRLF line ends as Excel writes them. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) =>
      row
        .map((raw) => {
          const v = neutralizeCell(raw);
          return /[",\r\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
        })
        .join(','),
    )
    .join('\r\n');
}
