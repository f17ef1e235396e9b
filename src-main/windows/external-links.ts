// Which links leave the app, and what the user is asked first. Pure, so it is tested without
// Electron; security.ts does the asking (dialog) and the opening (shell.openExternal).

export interface ExternalLink {
  /** The URL as the parser normalised it (an international domain shows as xn--…, so look-alikes show). */
  url: string;
  kind: 'web' | 'email';
}

const MAX_URL = 2048;
// A mailto: link may fill in an e-mail, nothing more: some mail programs read `attach=` and
// attach a local file, which would send evidence away with one click.
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc', 'bcc', 'to']);

/**
 * The link as one Redress may hand to the system, or null. Only https: (to the browser) and
 * mailto: (to the mail program): http: travels in clear text, file: and smb: reach the disk and
 * the network shares, and any other scheme starts whatever program registered it.
 */
export function externalLink(raw: string): ExternalLink | null {
  if (raw.length > MAX_URL) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') {
    // `https://bank.example@evil.example/` reads as the bank and goes elsewhere.
    if (!url.hostname || url.username || url.password) return null;
    return { url: url.href, kind: 'web' };
  }
  if (url.protocol === 'mailto:') {
    for (const key of url.searchParams.keys()) if (!MAILTO_FIELDS.has(key.toLowerCase())) return null;
    return { url: url.href, kind: 'email' };
  }
  return null;
}

/**
 * What a navigation inside a window leads to: the same page (a reload) may stay; every other
 * page is refused in the window and, if it is a link that may leave, offered to the user.
 */
export function navigationOutcome(target: string, current: string): 'stay' | ExternalLink | 'refuse' {
  if (target === current) return 'stay';
  return externalLink(target) ?? 'refuse';
}

const SHOWN_URL = 300;

/** The question asked before a link leaves Redress. "Cancel" is the default: Enter does not open it. */
export function externalLinkQuestion(link: ExternalLink) {
  const shown = link.url.length > SHOWN_URL ? `${link.url.slice(0, SHOWN_URL)}…` : link.url;
  const where = link.kind === 'web' ? 'your web browser' : 'your e-mail program';
  return {
    type: 'question' as const,
    title: 'Open link',
    message: `Open this link in ${where}?`,
    detail: `${shown}\n\nOnly open links you trust: a link in a complaint or an e-mail may lead to a copy of a real site.`,
    buttons: ['Cancel', 'Open link'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}
/** The index of "Open link" in `externalLinkQuestion(...).buttons`. */
export const OPEN_LINK_BUTTON = 1;
