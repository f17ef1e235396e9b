// Every channel's name and nothing else. The sandboxed preload builds `window.api` from this
// list, so it must import nothing: the contract itself pulls in zod, the domain schemas and the
// holiday calendars, which the preload would otherwise bundle. A unit test keeps this list and
// the contract's keys the same, both ways.
export const CHANNEL_NAMES = [
  'app:info',
  'settings:get',
  'settings:set',
  'evidence:upload-start',
  'evidence:upload-chunk',
  'evidence:upload-finish',
  'evidence:upload-cancel',
  'evidence:verify',
  'evidence:open',
  'reports:case-pdf',
  'reports:management-pdf',
  'reports:choose-folder',
  'letters:pdf',
  'auth:status',
  'auth:setup',
  'auth:sign-in',
  'auth:sign-out',
  'auth:lock',
  'auth:unlock',
  'accounts:list',
  'accounts:add',
  'accounts:update',
  'accounts:reset-password',
  'accounts:change-password',
  'accounts:set-policy',
  'accounts:security-log',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
