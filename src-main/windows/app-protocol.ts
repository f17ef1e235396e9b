import { extname, join, normalize, sep } from 'node:path';

/** The renderer's origin. Fixed for good: IndexedDB data belongs to the origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'redress';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export const mimeType = (path: string): string =>
  MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps an app:// (or harness http://) URL to a file inside the renderer folder, or null when the
 * URL is for another host or escapes the folder. `/` serves index.html.
 */
export function resolveRendererFile(
  url: string,
  rendererDir: string,
  expectedHost = APP_HOST,
): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host !== expectedHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  return file.startsWith(root) ? file : null;
}

/** Only our own renderer may call the IPC channels (and, in development, the dev server). */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server's URL, in a development build only. A packaged or production build
 * ignores ELECTRON_RENDERER_URL: anyone able to set an environment variable could otherwise load
 * their own page into the window and give it `window.api`. Even in development only a
 * loopback http(s) address is taken.
 */
export function devServerUrl(
  env: Readonly<Record<string, string | undefined>>,
  development: boolean,
): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (!development || !raw) return undefined;
  try {
    const url = new URL(raw);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && LOOPBACK.has(url.hostname) && !url.username && !url.password ? raw : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the window may load this URL: our own files, what the page makes itself (data:, blob:)
 * and, in development only, the developer tools, the dev server and its live-reload socket. Nothing
 * remote. (In the app the developer tools would give anyone signed in a console beside `window.api`.)
 */
export function isAllowedRequest(url: string, devUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (['data:', 'blob:'].includes(parsed.protocol)) return true;
  if (!devUrl) return false;
  if (parsed.protocol === 'devtools:') return true;
  const dev = new URL(devUrl);
  const sameServer = parsed.host === dev.host;
  return sameServer && ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol);
}
