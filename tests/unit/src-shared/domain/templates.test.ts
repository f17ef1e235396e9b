import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../../../src-shared/domain/default-templates';
import {
  checkTemplate,
  emptyFieldsUsed,
  MERGE_FIELDS,
  mergeContextFor,
  renderTemplate,
  type MergeContext,
} from '../../../../src-shared/domain/templates';

const fmt = { locale: 'en-GB', timeZone: 'Europe/London' };
const ctx: MergeContext = {
  'complainant.name': 'Zoë Adams',
  'case.reference': 'CMP-2026-000042',
  'case.receivedAt': '2026-03-01T23:30:00.000Z',
  'resolution.total': { amount: 1250.5, currency: 'GBP' },
  'regime.uk': true,
  'regime.asic': false,
};

describe('checkTemplate', () => {
  it('lists the fields a valid template uses, in the documented order', () => {
    expect(checkTemplate('{{case.reference}} for {{complainant.name}} {{#if regime.uk}}x{{/if}}')).toEqual({
      ok: true,
      fieldsUsed: ['complainant.name', 'case.reference', 'regime.uk'],
    });
  });

  it('refuses an unknown field, saying where and suggesting the right one', () => {
    const result = checkTemplate('Dear {{complainant.name}},\n\nYour ref: {{case.ref}}\n{{customer.name}}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toEqual({
      message: '“case.ref” is not a merge field Redress knows.',
      line: 3,
      column: 13,
    });
    expect(result.problems[1]).toMatchObject({ line: 4, column: 3 });
    expect(result.problems[1]!.message).toContain('Did you mean {{complainant.name}}?');
  });

  it.each([
    ['Hi {{case.reference}\n', 1, 'not closed properly'],
    ['line one\nline two {{#if regime.uk}}open', 2, 'ends before a block is closed'],
    ['one\n{{#if regime.uk}}x{{/unless}}', 2, "doesn't match"],
  ])('refuses a syntax error with its line: %j', (source, line, message) => {
    const result = checkTemplate(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.line).toBe(line);
    expect(result.problems[0]!.column).toBeGreaterThan(0);
    expect(result.problems[0]!.message).toContain(message);
  });

  it('refuses helpers, blocks and partials it does not support, and mistyped helper arguments', () => {
    for (const source of [
      '{{lookup case.reference}}',
      '{{#each case.reference}}{{/each}}',
      '{{> footer}}',
      '{{date case.reference}}',
      '{{money case.receivedAt}}',
      '{{date case.receivedAt "tiny"}}',
    ]) {
      expect(checkTemplate(source).ok, source).toBe(false);
    }
  });

  it('accepts every shipped template', () => {
    for (const t of DEFAULT_TEMPLATES) {
      expect(checkTemplate(t.body), t.key).toMatchObject({ ok: true });
      expect(checkTemplate(t.subject), t.key).toMatchObject({ ok: true });
    }
  });
});

describe('renderTemplate', () => {
  it('fills fields, formats dates in the office time zone and money in its locale', () => {
    const out = renderTemplate(
      'Dear {{complainant.name}}, ref {{case.reference}}, received {{case.receivedAt}} ({{date case.receivedAt "short"}}); total {{money resolution.total}}.',
      ctx,
      fmt,
    );
    // 23:30 UTC on 1 March is still 1 March in London (GMT).
    expect(out).toBe(
      'Dear Zoë Adams, ref CMP-2026-000042, received 1 March 2026 (01/03/2026); total £1,250.50.',
    );
  });

  it('uses the office locale and time zone for another office', () => {
    const out = renderTemplate(
      '{{case.receivedAt}} {{money resolution.total}}',
      { ...ctx, 'resolution.total': { amount: 10, currency: 'AUD' } },
      { locale: 'en-AU', timeZone: 'Australia/Sydney' },
    );
    expect(out).toBe('2 March 2026 $10.00');
  });

  it('shows #if blocks only for the cases they are for, and #unless for the others', () => {
    const source =
      '{{#if regime.uk}}FOS{{else}}other{{/if}}|{{#if regime.asic}}AFCA{{/if}}|{{#unless regime.asic}}not AU{{/unless}}';
    expect(renderTemplate(source, ctx, fmt)).toBe('FOS||not AU');
  });

  it('does not escape text: letters are plain text, not HTML', () => {
    expect(renderTemplate('{{complainant.name}}', { 'complainant.name': 'O’Brien & <Sons>' }, fmt)).toBe(
      'O’Brien & <Sons>',
    );
  });

  it('refuses to render an invalid template', () => {
    expect(() => renderTemplate('{{nope}}', ctx, fmt)).toThrow('Line 1, column 3');
  });

  it('names the fields a letter needs that the case does not have yet', () => {
    expect(
      emptyFieldsUsed('{{resolution.summary}} {{case.reference}} {{#if regime.us}}x{{/if}}', ctx),
    ).toEqual(['resolution.summary']);
  });

  it('does not name a field whose wording the case leaves out: a guarded date the regime lacks is not missing', () => {
    const source =
      'by {{deadline.final}}{{#if deadline.extendedFinal}}, at the latest {{deadline.extendedFinal}}{{/if}}{{#unless regime.psd}}{{/unless}}';
    expect(emptyFieldsUsed(source, { ...ctx, 'deadline.final': '2026-04-27T22:59:59.999Z' })).toEqual([]);
    expect(emptyFieldsUsed('{{#if regime.uk}}{{deadline.extendedFinal}}{{/if}}', ctx)).toEqual([
      'deadline.extendedFinal',
    ]);
  });

  it('documents every field the context provides', () => {
    const keys = Object.keys(
      mergeContextFor({
        record: { complainant: {}, deadlines: {}, regime: 'custom' } as never,
        officerName: '',
        office: { name: '', address: '', consentsToLateReferral: false },
        now: new Date(),
      }),
    );
    expect(keys.sort()).toEqual(MERGE_FIELDS.map((f) => f.path).sort());
  });
});

describe('mergeContextFor', () => {
  const record = (regime: string, deadlines: Record<string, string>) =>
    ({ complainant: {}, deadlines, regime }) as unknown as Parameters<typeof mergeContextFor>[0]['record'];
  const context = (regime: string, deadlines: Record<string, string>, consents = false) =>
    mergeContextFor({
      record: record(regime, deadlines),
      officerName: '',
      office: { name: '', address: '', consentsToLateReferral: consents },
      now: new Date(),
    });

  it('gives each named date its own field: the standard final response date is never the extended one', () => {
    const psd = context('uk-fca-psd', {
      acknowledgeDue: '2026-03-03T23:59:59.999Z',
      finalResponseDue: '2026-03-23T23:59:59.999Z',
      extendedFinalDue: '2026-04-22T22:59:59.999Z',
    });
    expect(psd).toMatchObject({
      'deadline.acknowledge': '2026-03-03T23:59:59.999Z',
      'deadline.final': '2026-03-23T23:59:59.999Z',
      'deadline.extendedFinal': '2026-04-22T22:59:59.999Z',
      'deadline.summaryResolution': null,
      'regime.uk': true,
      'regime.psd': true,
    });
    const fca = context('uk-fca-general', {
      acknowledgeDue: '2026-03-03T23:59:59.999Z',
      finalResponseDue: '2026-04-27T22:59:59.999Z',
      summaryResolutionUntil: '2026-03-05T23:59:59.999Z',
    });
    expect(fca).toMatchObject({
      'deadline.final': '2026-04-27T22:59:59.999Z',
      'deadline.extendedFinal': null,
      'deadline.summaryResolution': '2026-03-05T23:59:59.999Z',
      'regime.psd': false,
    });
  });

  it('carries the office’s consent to late Ombudsman referrals as a flag', () => {
    expect(context('uk-fca-general', {}, true)['office.consentsToLateReferral']).toBe(true);
    expect(context('uk-fca-general', {}, false)['office.consentsToLateReferral']).toBe(false);
  });
});
