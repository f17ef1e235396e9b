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
import { officeCurrency } from './money';
import { instantToOfficeTime, officeDayOf, officeTimeToInstant } from './office-time';
import {
  ASIC_OUTCOMES,
  CaseReturnDataSchema,
  COMPLAINANT_TYPES,
  emptyReturnData,
  OMBUDSMAN_OUTCOMES,
  REDRESS_TYPES,
  type AsicOutcome,
  type OmbudsmanOutcome,
  type CaseReturnData,
  type ComplainantType,
  type ComplaintCause,
  type RedressType,
  type RegulatoryProduct,
} from './regulatory-codes';
import type { Settings } from './settings';
import type { Taxonomy } from './taxonomy';

/** The fields that feed the case's data for the regulators' returns (CaseReturnData); all optional. */
export const RETURN_IMPORT_FIELDS = [
  'returnProduct',
  'returnCause',
  'reportable',
  'complainantType',
  'postcode',
  'redressAmount',
  'redressPaidOn',
  'redressType',
  'asicOutcome',
  'ombudsmanReferredOn',
  'ombudsmanOutcome',
  'ombudsmanOutcomeOn',
] as const;
type ReturnImportField = (typeof RETURN_IMPORT_FIELDS)[number];

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
  ...RETURN_IMPORT_FIELDS,
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these a row cannot become a case. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = [
  'receivedAt',
  'name',
  'category',
  'description',
];

/**
 * Ways of reaching the complainant: intake needs the one they prefer filled in, so a row without a
 * stated preference needs one of these, and a file at least one column for them.
 */
export const CONTACT_IMPORT_FIELDS: readonly ImportField[] = ['email', 'phone', 'address'];

/** Whether the mapping gives a column for some way of reaching the complainant. */
export const mapsContact = (mapping: ColumnMapping) => CONTACT_IMPORT_FIELDS.some((f) => mapping[f] >= 0);

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
    'final response sent closed complaints',
  ],
  outcome: [
    'outcome',
    'finding',
    'decision',
    'result',
    'upheld',
    'upheld not upheld',
    'outcome upheld partially upheld not upheld',
  ],
  // Not 'product group' or 'FCA cause': those columns hold the regulators' groupings, not the
  // office's own products and causes, and every row would fail.
  returnProduct: [
    'regulatory product',
    'reporting product',
    'product category',
    'product type',
    'return product from settings',
  ],
  returnCause: ['cause', 'complaint cause', 'return cause', 'return cause from settings'],
  reportable: [
    'reportable complaint',
    'reportable to regulator',
    'eligible',
    'eligible complainant',
    'eligible complaint',
    'reportable eligible complainant',
  ],
  complainantType: [
    'complainant type',
    'customer type',
    'client type',
    'individual or business',
    'complainant type individual or small business',
  ],
  postcode: ['post code', 'postal code', 'zip', 'zip code', 'complainant postcode', 'customer postcode'],
  redressAmount: [
    'redress',
    'redress paid',
    'redress amount',
    'amount paid',
    'compensation paid',
    'payment amount',
    'redress paid amount',
  ],
  redressPaidOn: [
    'redress paid on',
    'redress paid date',
    'redress date',
    'date paid',
    'paid on',
    'paid date',
    'payment date',
    'date redress paid',
    'redress paid date paid',
  ],
  redressType: [
    'redress type',
    'remedy type',
    'payment type',
    'redress paid type',
    'redress paid remedy type',
  ],
  asicOutcome: ['asic outcome', 'asic outcome code', 'idr outcome', 'outcome code'],
  ombudsmanReferredOn: [
    'referred to ombudsman',
    'ombudsman referral date',
    'date referred to ombudsman',
    'fos referral date',
    'referred to fos',
    'afca referral date',
    'referred to afca',
    'referred to the ombudsman or afca on',
  ],
  ombudsmanOutcome: ['ombudsman outcome', 'ombudsman decision', 'fos outcome', 'afca outcome'],
  ombudsmanOutcomeOn: [
    'ombudsman outcome date',
    'ombudsman decision date',
    'fos outcome date',
    'afca outcome date',
    'ombudsman outcome known on',
  ],
};

// Brackets in a header explain the column ('Final response sent (closed complaints)'); the name
// without them is compared too.
const withoutBrackets = (name: string) => matchKey(name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));

/**
 * A first guess at the mapping from the header names, whatever their case and punctuation, and with
 * or without what they say in brackets; each column feeds one field at most. The mapping screen's own
 * labels (sheets.fields in the renderer's i18n) are among the names, so an exported template maps back.
 */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const keys = header.map(matchKey);
  const bare = header.map(withoutBrackets);
  const used = new Set<number>();
  const mapping = {} as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    const names = [matchKey(field.replace(/([A-Z])/g, ' $1')), ...SYNONYMS[field]];
    // The field's best name first: 'reference' goes to externalRef before 'ref' could elsewhere.
    let found = -1;
    for (const name of names) {
      found = keys.findIndex((k, i) => k === name && !used.has(i));
      if (found === -1) found = bare.findIndex((k, i) => k === name && !used.has(i));
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

/**
 * A remembered mapping fitted to this header: a column index beyond it counts as no column. A mapping
 * remembered before the return columns existed gets them guessed, from the columns it left unused.
 */
export function fitMapping(
  saved: Partial<Record<string, unknown>>,
  header: readonly string[],
): ColumnMapping | null {
  const mapping = {} as ColumnMapping;
  const unsaved: ImportField[] = [];
  for (const field of IMPORT_FIELDS) {
    const v = saved[field];
    if (v === undefined && (RETURN_IMPORT_FIELDS as readonly string[]).includes(field)) {
      unsaved.push(field);
      continue;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1 || v >= header.length) return null;
    mapping[field] = v;
  }
  if (unsaved.length) {
    const used = new Set(Object.values(mapping));
    const guessed = guessMapping(header);
    for (const field of unsaved) mapping[field] = used.has(guessed[field]) ? -1 : guessed[field];
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
  | 'no-contact'
  | 'bad-date'
  | 'unknown-category'
  | 'unknown-subcategory'
  | 'bad-email'
  | 'unknown-value'
  | 'invalid'
  | 'unknown-product'
  | 'unknown-cause'
  | 'bad-amount'
  | 'ambiguous-amount'
  | 'amount-not-positive'
  | 'amount-other-currency'
  | 'redress-needs-date'
  | 'redress-needs-amount'
  | 'redress-needs-type'
  | 'unknown-remedy'
  | 'referral-needs-date'
  | 'before-received'
  | 'in-future';
export interface FieldProblem {
  field: ImportField;
  code: RowProblemCode;
  /** The cell as written (cut short), for the officer to find it. */
  value: string;
  /** The rule's own words, for `invalid`. */
  detail?: string;
}
/** Notes a problem of the row's field (its first only: the others follow from it). */
type NoteProblem = (field: ImportField, code: RowProblemCode, detail?: string) => void;

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
  /** The office's product and cause lists (Settings), which the return columns are matched against. */
  returnLists: ReturnLists;
  /** The office's currency (officeCurrency): the currency of the redress a row says was paid. */
  currency: string;
  /**
   * How the office's locale groups thousands (',' in en-GB, '.' in de-DE, a space in fr-FR): it
   * settles an amount such as 1,250 that could otherwise be thousands or decimals.
   */
  groupSeparator: string;
}

/** The context an import checks its rows in, from the office's settings (the page and the bench build it so). */
export function importContextOf(
  settings: Pick<
    Settings,
    'taxonomy' | 'timeZone' | 'defaultRegime' | 'locale' | 'regulatoryProducts' | 'complaintCauses'
  >,
  dateOrder: DateOrder,
  now = new Date(),
): ImportContext {
  return {
    taxonomy: settings.taxonomy,
    timeZone: settings.timeZone,
    dateOrder,
    defaultRegime: settings.defaultRegime,
    now,
    returnLists: { products: settings.regulatoryProducts, causes: settings.complaintCauses },
    currency: officeCurrency(settings),
    groupSeparator: groupSeparatorOf(settings.locale),
  };
}

/** The character `locale` groups thousands with (a no-break space is told as a space). */
export function groupSeparatorOf(locale: string): string {
  const group = new Intl.NumberFormat(locale).formatToParts(1_234_567).find((p) => p.type === 'group');
  return (group?.value ?? '').replace(/\s/g, ' ');
}

/** The lists of Settings → Regulatory returns, as far as the import needs them. */
export interface ReturnLists {
  products: readonly Pick<RegulatoryProduct, 'id' | 'name'>[];
  causes: readonly Pick<ComplaintCause, 'id' | 'name'>[];
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
  /** What the return columns say (null: the row fills none of them, and the case has none recorded). */
  returnData: CaseReturnData | null;
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
  // No stated preference and no way at all of reaching them: say what would do, not just the address
  // that intake falls back on. (A stated preference whose detail is empty is that detail missing.)
  if (!cell('preferredContact') && !CONTACT_IMPORT_FIELDS.some((f) => cell(f)))
    problem('address', 'no-contact');
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
  const returnData = importedReturnData(cell, receivedAt, ctx, problem);

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
    : { ok: true, row: { input, externalRef, acknowledgedAt, closing, returnData } };
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
  problem: NoteProblem,
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
  problem: NoteProblem,
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

// How legacy systems write the returns' values (compared after matchKey; the ids match too).
const COMPLAINANT_TYPE_ALIASES: Record<string, ComplainantType> = {
  consumer: 'individual',
  person: 'individual',
  personal: 'individual',
  private: 'individual',
  'private individual': 'individual',
  'retail customer': 'individual',
  business: 'small-business',
  'small business customer': 'small-business',
  sme: 'small-business',
  'micro enterprise': 'small-business',
  microenterprise: 'small-business',
};
const REDRESS_TYPE_ALIASES: Record<string, RedressType> = {
  reimbursement: 'refund',
  'account credit': 'credit',
  'goodwill payment': 'goodwill',
  'goodwill gesture': 'goodwill',
  'gesture of goodwill': 'goodwill',
  'ex gratia': 'goodwill',
  'distress and inconvenience': 'compensation',
  'd i': 'compensation',
  'statutory interest': 'interest',
  '8 interest': 'interest',
};
// The ASIC outcomes as the Return data tab words them, and the usual short forms.
const ASIC_OUTCOME_ALIASES: Record<string, AsicOutcome> = {
  'in the complainant s favour': 'complainant-favour',
  'in favour of the complainant': 'complainant-favour',
  'complainant favor': 'complainant-favour',
  'partly in the complainant s favour': 'partial-complainant-favour',
  'partially in the complainant s favour': 'partial-complainant-favour',
  'partial complainant favor': 'partial-complainant-favour',
  'in the firm s favour': 'firm-favour',
  'in favour of the firm': 'firm-favour',
  'firm favor': 'firm-favour',
  'withdrawn by the complainant': 'withdrawn',
  referred: 'referred-elsewhere',
};

const listKeys = new WeakMap<readonly { id: string; name: string }[], Map<string, string>>();

/** An entry of the office's list (products, causes) by its id or its name, in any case or spacing: its id. */
function listEntryId(list: readonly { id: string; name: string }[], cell: string): string | null {
  let byKey = listKeys.get(list);
  if (!byKey) {
    byKey = new Map();
    // Ids first: an id is what a case stores, and no two entries share one.
    for (const e of list) byKey.set(matchKey(e.id), e.id);
    for (const e of list) if (!byKey.has(matchKey(e.name))) byKey.set(matchKey(e.name), e.id);
    listKeys.set(list, byKey);
  }
  return byKey.get(matchKey(cell)) ?? null;
}

// Currency signs written with an amount, and the currencies each can stand for.
const CURRENCY_SIGNS: Record<string, readonly string[]> = {
  '£': ['GBP'],
  '€': ['EUR'],
  $: ['USD', 'AUD', 'NZD', 'CAD'],
  a$: ['AUD'],
  au$: ['AUD'],
  us$: ['USD'],
  nz$: ['NZD'],
};
const AMOUNT = /^([a-z]{3}|[a-z]{0,2}\$|£|€)?(-)?(\d[\d.,]*)([a-z]{3}|£|€)?$/i;

/** An amount's digits, with a decimal comma or point and thousands grouped by the other, or by spaces. */
function amountOf(digits: string, officeGroup: string): number | 'ambiguous' | null {
  const seps = digits.replace(/\d/g, '');
  if (!seps) return Number(digits);
  const last = Math.max(digits.lastIndexOf(','), digits.lastIndexOf('.'));
  const lastSep = digits[last]!;
  let whole = digits;
  let fraction = '';
  let group = '';
  if (new Set(seps).size === 2) {
    // Both: the last is the decimal point (once), the other groups thousands.
    if (seps.indexOf(lastSep) !== seps.length - 1) return null;
    [whole, fraction, group] = [digits.slice(0, last), digits.slice(last + 1), seps[0]!];
  } else if (seps.length > 1) {
    group = lastSep;
  } else {
    const after = digits.length - last - 1;
    // 1,250 or 1.250: a thousand and a quarter, or one and a quarter, by the writer's country. The
    // office's locale settles it when it groups thousands with that separator; otherwise refused.
    if (after === 3 && lastSep !== officeGroup) return 'ambiguous';
    if (after === 3) group = lastSep;
    else [whole, fraction] = [digits.slice(0, last), digits.slice(last + 1)];
  }
  if (digits.endsWith(lastSep) || fraction.length > 2) return null;
  const grouped = group ? new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})*$`) : /^\d+$/;
  if (!grouped.test(whole)) return null;
  return Number(`${whole.split(group || ' ').join('')}.${fraction || '0'}`);
}

/**
 * The amount a cell says was paid, in the office's currency: written with its sign or code (£1,250.00,
 * GBP 1250, 1.250,00 €) or bare. An amount whose one separator could be a thousands one or a decimal
 * one (1,250) is read as the office's locale groups thousands, and refused rather than guessed when
 * the locale does not group with it (1.250 in an en-GB office); one in another currency is refused.
 * Null: noted as a problem.
 */
function importedAmount(
  cellText: string,
  { currency, groupSeparator }: Pick<ImportContext, 'currency' | 'groupSeparator'>,
  problem: NoteProblem,
): number | null {
  let rest = cellText.replace(/\s+/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(rest)) [rest, negative] = [rest.slice(1, -1), true];
  if (/^[-−]/.test(rest)) [rest, negative] = [rest.slice(1), true];
  const m = AMOUNT.exec(rest.replace('−', '-'));
  if (!m || (m[1] && m[4])) {
    problem('redressAmount', 'bad-amount');
    return null;
  }
  const sign = (m[1] ?? m[4] ?? '').toLowerCase();
  const currencies = sign
    ? (CURRENCY_SIGNS[sign] ?? (/^[a-z]{3}$/.test(sign) ? [sign.toUpperCase()] : []))
    : [];
  if (sign && !currencies.includes(currency)) {
    problem('redressAmount', 'amount-other-currency', currency);
    return null;
  }
  const amount = amountOf(m[3]!, groupSeparator);
  if (amount === 'ambiguous') problem('redressAmount', 'ambiguous-amount');
  else if (amount === null) problem('redressAmount', 'bad-amount');
  else if (negative || m[2] || amount <= 0) problem('redressAmount', 'amount-not-positive');
  else return amount;
  return null;
}

/**
 * A day after the complaint (redress paid, a referral to the ombudsman, its outcome), on the
 * office's calendar: between the complaint's receipt and today. Null when the cell is not such a
 * date (the problem noted).
 */
function importedDayAfterReceipt(
  field: ReturnImportField,
  cellText: string,
  receivedAt: string,
  ctx: ImportContext,
  problem: NoteProblem,
): string | null {
  const at = importDateOf(ctx, cellText);
  if (!at) {
    problem(field, 'bad-date');
    return null;
  }
  const day = officeDayOf(at, ctx.timeZone);
  if (receivedAt && day < officeDayOf(receivedAt, ctx.timeZone)) problem(field, 'before-received');
  else if (day > officeDayOf(ctx.now, ctx.timeZone)) problem(field, 'in-future');
  else return day;
  return null;
}

/**
 * The one payment of redress a row may record: its amount, the day it was paid and its remedy type,
 * all three or none. Null when the row records none, or it is refused (the problems noted).
 */
function importedPayment(
  cell: (f: ImportField) => string,
  receivedAt: string,
  ctx: ImportContext,
  problem: NoteProblem,
): CaseReturnData['redress'][number] | null {
  const [amountCell, paidCell, typeCell] = [
    cell('redressAmount'),
    cell('redressPaidOn'),
    cell('redressType'),
  ];
  if (!amountCell && !paidCell && !typeCell) return null;
  const amount = amountCell ? importedAmount(amountCell, ctx, problem) : null;
  const paidOn = paidCell
    ? importedDayAfterReceipt('redressPaidOn', paidCell, receivedAt, ctx, problem)
    : null;
  let type: RedressType | null = null;
  if (typeCell) {
    type = listed(REDRESS_TYPES, typeCell, REDRESS_TYPE_ALIASES);
    if (!type) problem('redressType', 'unknown-remedy');
  }
  // Each part needs the others: a payment without its date or type cannot be placed in a return.
  if (!amountCell) problem(paidCell ? 'redressPaidOn' : 'redressType', 'redress-needs-amount');
  else if (!paidCell) problem('redressAmount', 'redress-needs-date');
  else if (!typeCell) problem('redressType', 'redress-needs-type');
  return amount !== null && paidOn && type ? { type, amount, currency: ctx.currency, paidOn } : null;
}

/**
 * A referral to the ombudsman (FOS, AFCA) and its outcome, when the office knew of it: the referral's
 * day, its outcome (none yet when left empty) and the day the outcome was known. Null when the row
 * records none, or it is refused (the problems noted; the schema checks the order of the days).
 */
function importedReferral(
  cell: (f: ImportField) => string,
  receivedAt: string,
  ctx: ImportContext,
  problem: NoteProblem,
): CaseReturnData['ombudsman'] {
  const [referredCell, outcomeCell, outcomeOnCell] = [
    cell('ombudsmanReferredOn'),
    cell('ombudsmanOutcome'),
    cell('ombudsmanOutcomeOn'),
  ];
  if (!referredCell && !outcomeCell && !outcomeOnCell) return null;
  if (!referredCell) {
    problem(outcomeCell ? 'ombudsmanOutcome' : 'ombudsmanOutcomeOn', 'referral-needs-date');
    return null;
  }
  const referredOn = importedDayAfterReceipt('ombudsmanReferredOn', referredCell, receivedAt, ctx, problem);
  const outcome = outcomeCell
    ? listed(OMBUDSMAN_OUTCOMES, outcomeCell, OMBUDSMAN_OUTCOME_ALIASES)
    : 'pending';
  if (!outcome) problem('ombudsmanOutcome', 'unknown-value');
  const outcomeOn = outcomeOnCell
    ? importedDayAfterReceipt('ombudsmanOutcomeOn', outcomeOnCell, receivedAt, ctx, problem)
    : null;
  if (!referredOn || !outcome || (outcomeOnCell && !outcomeOn)) return null;
  return { referredOn, outcome, outcomeOn };
}

// How legacy systems and the ombudsmen word an outcome (compared after matchKey).
const OMBUDSMAN_OUTCOME_ALIASES: Record<string, OmbudsmanOutcome> = {
  upheld: 'complainant-favour',
  'complaint upheld': 'complainant-favour',
  'in the complainant s favour': 'complainant-favour',
  'in favour of the complainant': 'complainant-favour',
  'not upheld': 'firm-favour',
  'complaint not upheld': 'firm-favour',
  rejected: 'firm-favour',
  'in the firm s favour': 'firm-favour',
  'in favour of the firm': 'firm-favour',
  open: 'pending',
  ongoing: 'pending',
  'awaiting decision': 'pending',
  'not decided yet': 'pending',
  'resolved by agreement': 'settled',
  'outside jurisdiction': 'not-considered',
  'out of jurisdiction': 'not-considered',
  'excluded complaint': 'not-considered',
};

// CaseReturnDataSchema's paths (the whole, or its first part), back to the column that fed them.
const RETURN_FIELD_OF_PATH: Record<string, ReturnImportField> = {
  productId: 'returnProduct',
  causeId: 'returnCause',
  reportable: 'reportable',
  complainantType: 'complainantType',
  postcode: 'postcode',
  asicOutcome: 'asicOutcome',
  redress: 'redressAmount',
  ombudsman: 'ombudsmanReferredOn',
  'ombudsman.outcome': 'ombudsmanOutcome',
  'ombudsman.outcomeOn': 'ombudsmanOutcomeOn',
};

/**
 * What the row's return columns record for the regulators' returns (CaseReturnData, checked by its
 * schema as the Return data tab's save checks it), or null when it fills none of them.
 */
function importedReturnData(
  cell: (f: ImportField) => string,
  receivedAt: string,
  ctx: ImportContext,
  problem: NoteProblem,
): CaseReturnData | null {
  if (RETURN_IMPORT_FIELDS.every((f) => !cell(f))) return null;
  let failed = false;
  const note: NoteProblem = (field, code, detail) => {
    failed = true;
    problem(field, code, detail);
  };
  const fromList = (field: ReturnImportField, list: ReturnLists['products'], code: RowProblemCode) => {
    if (!cell(field)) return '';
    const id = listEntryId(list, cell(field));
    if (!id) note(field, code);
    return id ?? '';
  };
  const chosen = <T extends string>(
    field: ReturnImportField,
    list: readonly T[],
    aliases: Record<string, T>,
  ) => {
    if (!cell(field)) return null;
    const v = listed(list, cell(field), aliases);
    if (!v) note(field, 'unknown-value');
    return v;
  };
  const reportableKey = matchKey(cell('reportable'));
  if (reportableKey && !TRUE_WORDS.has(reportableKey) && !FALSE_WORDS.has(reportableKey))
    note('reportable', 'unknown-value');
  const empty = emptyReturnData();
  const payment = importedPayment(cell, receivedAt, ctx, note);
  const data: CaseReturnData = {
    ...empty,
    productId: fromList('returnProduct', ctx.returnLists.products, 'unknown-product'),
    causeId: fromList('returnCause', ctx.returnLists.causes, 'unknown-cause'),
    reportable: reportableKey ? TRUE_WORDS.has(reportableKey) : empty.reportable,
    complainantType:
      chosen('complainantType', COMPLAINANT_TYPES, COMPLAINANT_TYPE_ALIASES) ?? empty.complainantType,
    postcode: cell('postcode'),
    asicOutcome: chosen('asicOutcome', ASIC_OUTCOMES, ASIC_OUTCOME_ALIASES) ?? '',
    redress: payment ? [payment] : [],
    ombudsman: importedReferral(cell, receivedAt, ctx, note),
  };
  const parsed = CaseReturnDataSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = RETURN_FIELD_OF_PATH[issue.path.join('.')] ?? RETURN_FIELD_OF_PATH[String(issue.path[0])];
      if (field) note(field, 'invalid', issue.message);
    }
  }
  return failed || !parsed.success ? null : parsed.data;
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
