// Letter templates: Handlebars syntax, parsed by Handlebars itself (which gives positions for
// errors) and rendered by the small interpreter below. Handlebars' own compiler builds code with
// `new Function`, which the renderer's Content-Security-Policy forbids; the interpreter also keeps
// templates to the documented fields and helpers, so a typo is refused instead of printing nothing.
import Handlebars from 'handlebars';
import type { CaseRecord } from './case';
import { formatMoney, type Money } from './money';

export type MergeFieldType = 'text' | 'date' | 'money' | 'flag';

export interface MergeField {
  path: string;
  type: MergeFieldType;
  description: string;
}

/** Every field a template may use. `{{field}}` prints it; dates and money are formatted for the office. */
export const MERGE_FIELDS: readonly MergeField[] = [
  { path: 'complainant.name', type: 'text', description: 'The complainant’s full name' },
  { path: 'complainant.email', type: 'text', description: 'Their email address' },
  { path: 'complainant.address', type: 'text', description: 'Their postal address' },
  { path: 'case.reference', type: 'text', description: 'The case reference, e.g. CMP-2026-000123' },
  { path: 'case.receivedAt', type: 'date', description: 'When the complaint was received' },
  { path: 'case.category', type: 'text', description: 'The complaint category' },
  { path: 'case.product', type: 'text', description: 'The product or service' },
  { path: 'case.description', type: 'text', description: 'What the complaint is about' },
  { path: 'case.desiredOutcome', type: 'text', description: 'What the complainant asked for' },
  { path: 'case.finding', type: 'text', description: 'Upheld, partially upheld or not upheld' },
  { path: 'case.rootCause', type: 'text', description: 'What caused the problem' },
  { path: 'deadline.acknowledge', type: 'date', description: 'Acknowledgement due date' },
  {
    path: 'deadline.final',
    type: 'date',
    description:
      'Final response due date under the regime’s standard time (8 weeks FCA, 15 business days payment services, 15 days CFPB, 21/30/45 days ASIC)',
  },
  {
    path: 'deadline.extendedFinal',
    type: 'date',
    description:
      'Latest final response date when more time is allowed (35 business days payment services, 60 days CFPB); empty for other regimes, so use with #if',
  },
  {
    path: 'deadline.summaryResolution',
    type: 'date',
    description:
      'Last day a summary resolution communication may close the complaint (FCA general); empty for other regimes, so use with #if',
  },
  { path: 'resolution.summary', type: 'text', description: 'The proposed resolution, in a sentence or two' },
  { path: 'resolution.remedies', type: 'text', description: 'The remedies, one per line' },
  { path: 'resolution.total', type: 'money', description: 'Total money paid or credited' },
  { path: 'officer.name', type: 'text', description: 'The officer writing the letter' },
  { path: 'office.name', type: 'text', description: 'The office name (Settings)' },
  { path: 'office.address', type: 'text', description: 'The office address (Settings)' },
  {
    path: 'office.consentsToLateReferral',
    type: 'flag',
    description:
      'True when the office consents to the Financial Ombudsman Service considering complaints referred after six months (Settings; use with #if)',
  },
  { path: 'today', type: 'date', description: 'Today’s date' },
  {
    path: 'regime.uk',
    type: 'flag',
    description: 'True for UK FCA cases, payment services included (use with #if)',
  },
  {
    path: 'regime.psd',
    type: 'flag',
    description: 'True for UK payment services and e-money (PSD/EMD) cases (use with #if)',
  },
  { path: 'regime.asic', type: 'flag', description: 'True for Australian ASIC cases (use with #if)' },
  { path: 'regime.us', type: 'flag', description: 'True for US CFPB cases (use with #if)' },
];

const FIELD_TYPES = new Map(MERGE_FIELDS.map((f) => [f.path, f.type]));
export const TEMPLATE_HELPERS = ['date', 'money'] as const;
const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
type DateStyle = (typeof DATE_STYLES)[number];

export { formatMoney, type Money } from './money';
export type MergeValue = string | boolean | Money | null;
/** Field path → value. Dates are ISO strings, formatted when printed. */
export type MergeContext = Record<string, MergeValue>;

export interface TemplateProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type TemplateCheck = { ok: true; fieldsUsed: string[] } | { ok: false; problems: TemplateProblem[] };

// Handlebars' AST, as much of it as we read.
interface Pos {
  line: number;
  column: number;
}
interface Node {
  type: string;
  loc?: { start: Pos } | null;
}
interface PathNode extends Node {
  type: 'PathExpression';
  original: string;
  data: boolean;
}
interface LiteralNode extends Node {
  value: string | number | boolean;
}
interface CallNode extends Node {
  path: Node;
  params: Node[];
  hash?: { pairs: unknown[] } | null;
}
interface BlockNode extends CallNode {
  program: { body: Node[] } | null;
  inverse: { body: Node[] } | null;
}

type Ast = { body: Node[] };

/** Parses a template; a syntax error comes back as a problem with its line and column. */
function parse(source: string): { ok: true; ast: Ast } | { ok: false; problem: TemplateProblem } {
  try {
    return { ok: true, ast: Handlebars.parse(source) as unknown as Ast };
  } catch (error) {
    const e = error as Error & { lineNumber?: number; column?: number };
    if (typeof e.lineNumber === 'number') {
      return {
        ok: false,
        problem: {
          message: e.message.replace(/ - \d+:\d+$/, ''),
          line: e.lineNumber,
          column: (e.column ?? 0) + 1,
        },
      };
    }
    // Jison parse errors keep the position on the lexer, not on the error.
    const loc = (
      Handlebars as unknown as {
        Parser: { lexer: { yylloc?: { first_line: number; first_column: number } } };
      }
    ).Parser.lexer.yylloc;
    const expected = /Expecting (.*), got '(\w+)'/.exec(e.message);
    const got = expected?.[2];
    const message =
      got === 'EOF'
        ? 'The template ends before a block is closed: add the missing {{/if}} or {{/unless}}.'
        : got === 'INVALID'
          ? 'This tag is not closed properly: a merge field looks like {{case.reference}}.'
          : 'This tag is not valid here.';
    return {
      ok: false,
      problem: { message, line: loc?.first_line ?? 1, column: (loc?.first_column ?? 0) + 1 },
    };
  }
}

const at = (node: Node): Pos => {
  const start = node.loc?.start ?? { line: 1, column: 0 };
  return { line: start.line, column: start.column + 1 };
};
const problem = (node: Node, message: string): TemplateProblem => ({ message, ...at(node) });
const nearest = (name: string) => {
  const leaf = name.split('.').at(-1)!.toLowerCase();
  const match = MERGE_FIELDS.find((f) => f.path.split('.').at(-1)!.toLowerCase() === leaf);
  return match ? ` Did you mean {{${match.path}}}?` : '';
};

/** Walks the tree, collecting the fields used and anything Redress cannot render. */
function check(nodes: Node[], used: Set<string>, problems: TemplateProblem[]): void {
  const field = (node: Node, allow: MergeFieldType[] | null) => {
    if (node.type !== 'PathExpression' || (node as PathNode).data) {
      problems.push(problem(node, 'Use a merge field from the list here.'));
      return;
    }
    const name = (node as PathNode).original;
    const type = FIELD_TYPES.get(name);
    if (!type) {
      problems.push(problem(node, `“${name}” is not a merge field Redress knows.${nearest(name)}`));
      return;
    }
    if (allow && !allow.includes(type)) {
      problems.push(problem(node, `“${name}” is not a ${allow.join(' or ')} field.`));
      return;
    }
    used.add(name);
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        break;
      case 'MustacheStatement': {
        const m = node as CallNode;
        if (m.hash?.pairs.length) problems.push(problem(node, 'Options like name=value are not supported.'));
        if (m.params.length === 0) {
          field(m.path, null);
          break;
        }
        const helper = m.path.type === 'PathExpression' ? (m.path as PathNode).original : '';
        if (helper === 'date') {
          field(m.params[0]!, ['date']);
          const style = m.params[1];
          if (
            style &&
            !(
              style.type === 'StringLiteral' &&
              DATE_STYLES.includes((style as LiteralNode).value as DateStyle)
            )
          ) {
            problems.push(
              problem(style, `A date style is one of ${DATE_STYLES.map((s) => `"${s}"`).join(', ')}.`),
            );
          }
          if (m.params.length > 2) problems.push(problem(node, 'date takes a field and an optional style.'));
        } else if (helper === 'money') {
          field(m.params[0]!, ['money']);
          if (m.params.length > 1) problems.push(problem(node, 'money takes one field.'));
        } else {
          problems.push(problem(node, `“${helper}” is not a helper Redress knows. Use date or money.`));
        }
        break;
      }
      case 'BlockStatement': {
        const b = node as BlockNode;
        const helper = b.path.type === 'PathExpression' ? (b.path as PathNode).original : '';
        if (helper !== 'if' && helper !== 'unless') {
          problems.push(problem(node, `“#${helper}” blocks are not supported. Use #if or #unless.`));
          break;
        }
        if (b.params.length !== 1) problems.push(problem(node, `#${helper} takes one field.`));
        else field(b.params[0]!, null);
        check(b.program?.body ?? [], used, problems);
        check(b.inverse?.body ?? [], used, problems);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        problems.push(problem(node, 'Partials ({{> …}}) are not supported in letters.'));
        break;
      default:
        problems.push(problem(node, 'This kind of tag is not supported in letters.'));
    }
  }
}

/** Is the template valid, and which fields does it use? Problems are listed in reading order. */
export function checkTemplate(source: string): TemplateCheck {
  const parsed = parse(source);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const used = new Set<string>();
  const problems: TemplateProblem[] = [];
  check(parsed.ast.body, used, problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, fieldsUsed: MERGE_FIELDS.map((f) => f.path).filter((p) => used.has(p)) };
}

/** A problem as one sentence, e.g. "Line 3, column 7: …". */
export const describeProblem = (p: TemplateProblem) => `Line ${p.line}, column ${p.column}: ${p.message}`;

export interface RenderFormat {
  locale: string;
  timeZone: string;
}

function formatDate(iso: string, style: DateStyle, fmt: RenderFormat): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(fmt.locale, { dateStyle: style, timeZone: fmt.timeZone }).format(d);
}

function printValue(name: string, ctx: MergeContext, fmt: RenderFormat, style: DateStyle = 'long'): string {
  const value = ctx[name];
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return 'yes';
  if (typeof value === 'object') return formatMoney(value, fmt.locale);
  return FIELD_TYPES.get(name) === 'date' ? formatDate(value, style, fmt) : value;
}

const truthy = (v: MergeValue | undefined) =>
  v !== null && v !== undefined && v !== false && v !== '' && !(typeof v === 'object' && v.amount === 0);

/** Renders the branches the context takes; `printed` collects each field actually printed. */
function render(nodes: Node[], ctx: MergeContext, fmt: RenderFormat, printed?: Set<string>): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'ContentStatement') out += (node as unknown as { value: string }).value;
    else if (node.type === 'MustacheStatement') {
      const m = node as CallNode;
      const first = (m.params[0] ?? m.path) as PathNode;
      const style = m.params[1] ? ((m.params[1] as LiteralNode).value as DateStyle) : undefined;
      printed?.add(first.original);
      out += printValue(first.original, ctx, fmt, style);
    } else if (node.type === 'BlockStatement') {
      const b = node as BlockNode;
      const yes = truthy(ctx[(b.params[0] as PathNode).original]);
      const take = (b.path as PathNode).original === 'if' ? yes : !yes;
      out += render((take ? b.program?.body : b.inverse?.body) ?? [], ctx, fmt, printed);
    }
  }
  return out;
}

/** Renders a template with the case's values; throws if the template is not valid (check it first). */
export function renderTemplate(source: string, ctx: MergeContext, fmt: RenderFormat): string {
  const checked = checkTemplate(source);
  if (!checked.ok) throw new Error(describeProblem(checked.problems[0]!));
  const parsed = parse(source);
  if (!parsed.ok) throw new Error(describeProblem(parsed.problem));
  return render(parsed.ast.body, ctx, fmt);
}

/**
 * Fields the rendered letter prints but the case does not have yet (e.g. no resolution proposed).
 * Only branches this case takes count: a field guarded by {{#if}} because some regimes lack it
 * (deadline.extendedFinal, for one) is not missing where its wording is left out.
 */
export function emptyFieldsUsed(source: string, ctx: MergeContext): string[] {
  const checked = checkTemplate(source);
  if (!checked.ok) return [];
  const parsed = parse(source);
  if (!parsed.ok) return [];
  const printed = new Set<string>();
  render(parsed.ast.body, ctx, { locale: 'en', timeZone: 'UTC' }, printed);
  return checked.fieldsUsed.filter((f) => printed.has(f) && FIELD_TYPES.get(f) !== 'flag' && !truthy(ctx[f]));
}

export interface MergeInputs {
  record: CaseRecord;
  officerName: string;
  office: { name: string; address: string; consentsToLateReferral: boolean };
  resolution?: { summary: string; remedies: string[]; total: Money | null } | null;
  now: Date;
  findingLabel?: string;
}

/** The values of every merge field for one case. */
export function mergeContextFor(input: MergeInputs): MergeContext {
  const { record: c, resolution } = input;
  return {
    'complainant.name': c.complainant.name,
    'complainant.email': c.complainant.email,
    'complainant.address': c.complainant.address,
    'case.reference': c.reference,
    'case.receivedAt': c.receivedAt,
    'case.category': c.category,
    'case.product': c.product,
    'case.description': c.description,
    'case.desiredOutcome': c.desiredOutcome,
    'case.finding': input.findingLabel ?? '',
    'case.rootCause': c.rootCause,
    'deadline.acknowledge': c.deadlines.acknowledgeDue,
    // The standard time, never the extended one: an acknowledgement promises the ordinary date, and
    // only a holding reply (which must say why) may move it to deadline.extendedFinal.
    'deadline.final': c.deadlines.finalResponseDue,
    'deadline.extendedFinal': c.deadlines.extendedFinalDue ?? null,
    'deadline.summaryResolution': c.deadlines.summaryResolutionUntil ?? null,
    'resolution.summary': resolution?.summary ?? '',
    'resolution.remedies': resolution?.remedies.map((r) => `• ${r}`).join('\n') ?? '',
    'resolution.total': resolution?.total ?? null,
    'officer.name': input.officerName,
    'office.name': input.office.name,
    'office.address': input.office.address,
    'office.consentsToLateReferral': input.office.consentsToLateReferral,
    today: input.now.toISOString(),
    'regime.uk': c.regime.startsWith('uk-'),
    'regime.psd': c.regime === 'uk-fca-psd',
    'regime.asic': c.regime.startsWith('au-'),
    'regime.us': c.regime === 'us-cfpb',
  };
}
