// All window hardening in one place: no navigation away, no new windows, no webviews,
// no permissions except persistent storage, no remote requests, and links leave the app only
// through `externalLink` (https: and mailto:) after the user says yes.
import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { isAllowedRequest } from './app-protocol';
import {
  externalLink,
  externalLinkQuestion,
  navigationOutcome,
  OPEN_LINK_BUTTON,
  type ExternalLink,
} from './external-links';

const ALLOWED_PERMISSIONS = new Set(['persistent-storage']);

/** `devUrl` is the dev server in a development build (see `devServerUrl`), else undefined. */
export function hardenSessions(devUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  ses.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, devUrl) }),
  );

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    const outcome = navigationOutcome(url, contents.getURL());
    if (outcome === 'stay') return;
    event.preventDefault();
    if (outcome !== 'refuse') void offerLink(contents, outcome);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLink(url);
    if (link) void offerLink(contents, link);
    return { action: 'deny' };
  });
}

// One question at a time: a page that opens links in a loop gets one dialog, not a pile.
let asking = false;

async function offerLink(contents: WebContents, link: ExternalLink): Promise<void> {
  if (asking) return;
  asking = true;
  try {
    const question = externalLinkQuestion(link);
    const win = BrowserWindow.fromWebContents(contents);
    const { response } = win
      ? await dialog.showMessageBox(win, question)
      : await dialog.showMessageBox(question);
    if (response !== OPEN_LINK_BUTTON) return;
    // Only https: and mailto: links get here (externalLink), and only once the user chose "Open link".
    await shell.openExternal(link.url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- allowlisted, confirmed
  } finally {
    asking = false;
  }
}
