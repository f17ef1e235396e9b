// The renderer's i18next and the main process's translator read the same shared resources and
// must give the same text, so an office translates each string once.
import { describe, expect, it } from 'vitest';
import { t as mainT } from '../../../../src-main/i18n';
import i18n, { tm } from '../../../../src-renderer/i18n';
import { checkTransition, CHECKLISTS, transitionLabelKey } from '../../../../src-shared/domain/workflow';
import { sharedEn, translate, type Resources } from '../../../../src-shared/i18n';

/** Every leaf key of the shared resources with its English. */
function leaves(node: Resources, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

/** A value for each placeholder of a string, so a swapped or dropped one shows. */
const sampleParams = (text: string) =>
  Object.fromEntries([...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map(([, name]) => [name!, `<${name}>`]));

describe('shared resources in both processes', () => {
  it('gives every shared string the same text in the renderer and in main', () => {
    for (const [key, english] of leaves(sharedEn)) {
      const params = sampleParams(english);
      const expected = translate(sharedEn, key, params);
      expect(expected, key).not.toBe(key);
      expect(i18n.t(key, params), key).toBe(expected);
      expect(mainT(key as Parameters<typeof mainT>[0], params), key).toBe(expected);
    }
  });

  it('keeps the renderer’s own status names equal to the workflow’s', () => {
    expect(i18n.t('status.follow-up')).toBe('Follow-up');
    expect(i18n.t('workflow.status.follow-up')).toBe('Follow-up');
  });

  it('shows workflow keys in components as the domain’s English', () => {
    const item = CHECKLISTS.acknowledge[0]!;
    expect(i18n.t(item.labelKey)).toBe('Confirm receipt');
    expect(i18n.t(item.helpKey)).toBe(item.help);
    expect(i18n.t(transitionLabelKey('received', 'closed'))).toBe('Close by summary resolution');
  });

  it('renders a refusal’s code and params in the renderer as its English message', () => {
    const refusals = [
      checkTransition('received', 'implementing'),
      checkTransition('follow-up', 'follow-up'),
      checkTransition('investigating', 'resolution-proposed', {
        findingRecorded: true,
        rootCauseRecorded: true,
        proposal: 'approved',
        checklist: { 'gather-records': true },
      }),
    ];
    expect(refusals.map((r) => (r.ok ? null : tm(r.code, r.params)))).toEqual([
      'A case that is Received can only be acknowledged, withdrawn or closed by summary resolution.',
      'This case is already “Follow-up”.',
      'Tick “Find the root cause” and “Document findings” before moving on.',
    ]);
    for (const r of refusals) if (!r.ok) expect(tm(r.code, r.params)).toBe(r.message);
  });
});
