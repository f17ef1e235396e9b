import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../../src-shared/ipc/build-api';
import { CHANNEL_NAMES } from '../../../../src-shared/ipc/channel-names';

describe('buildApi', () => {
  it('exposes one function per channel, grouped and camel-cased', async () => {
    const invoke = vi.fn(async (channel: string, input: unknown) => ({
      ok: true,
      value: { channel, input },
    }));
    const api = buildApi(['settings:set', 'reports:case-pdf'], invoke);
    expect(Object.keys(api)).toEqual(['settings', 'reports']);
    expect(await api.reports!.casePdf!({ id: 1 })).toEqual({
      ok: true,
      value: { channel: 'reports:case-pdf', input: { id: 1 } },
    });
    expect(invoke).toHaveBeenCalledWith('reports:case-pdf', { id: 1 });
  });

  it('covers every channel', () => {
    const api = buildApi(CHANNEL_NAMES, async () => null);
    const exposed = Object.entries(api).flatMap(([group, calls]) =>
      Object.keys(calls).map((verb) => `${group}.${verb}`),
    );
    expect(exposed).toHaveLength(CHANNEL_NAMES.length);
  });

  it('survives being sent as source text (how the browser harness ships it)', () => {
    const rebuilt = new Function(`return (${buildApi.toString()})`)() as typeof buildApi;
    expect(Object.keys(rebuilt(CHANNEL_NAMES, async () => null))).toEqual(
      Object.keys(buildApi(CHANNEL_NAMES, async () => null)),
    );
  });
});
