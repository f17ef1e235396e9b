/**
 * Builds `window.api` from the channel names: 'settings:set' → api.settings.set(input).
 * Used by the preload (over ipcRenderer.invoke) and by the browser test harness (over HTTP),
 * which serialises this very function with toString(), so it must stay self-contained:
 * no imports, no helpers outside its body.
 */
export function buildApi(
  channelNames: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
): Record<string, Record<string, (input?: unknown) => Promise<unknown>>> {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channelNames) {
    const [group, verb] = channel.split(':') as [string, string];
    const name = verb.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const calls = (api[group] ??= {});
    calls[name] = (input?: unknown) => invoke(channel, input);
  }
  return api;
}
