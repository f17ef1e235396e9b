// The browser test harness: serves the built renderer on 127.0.0.1 and forwards `window.api`
// calls over HTTP to the very handler map the Electron main process registers. This is how a
// machine that cannot launch Electron still runs the real renderer against the real main code.
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { KeyStore } from '../../../src-main/services/backup/backup-key';
import { openProfile } from '../../../src-main/services/profile/profile';
import { mimeType, resolveRendererFile } from '../../../src-main/windows/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/windows/csp';
import { buildApi } from '../../../src-shared/ipc/build-api';
import { CHANNEL_NAMES } from '../../../src-shared/ipc/channel-names';
import type { Result } from '../../../src-shared/ipc/result';

export interface Harness {
  url: string;
  dataDir: string;
  /** Files the app asked the system viewer to open (the harness records instead of opening). */
  opened: string[];
  /** Desktop notifications main was asked to show, in order. */
  notifications: { title: string; body: string }[];
  /**
   * One call to the main process's handler map, as the app would make it (tests set up accounts
   * this way). Its session is the app's: signing in here signs the page's person out.
   */
  call(channel: string, input?: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataDir?: string;
  port?: number;
  rendererDir?: string;
  /**
   * One more static folder, served under `mount` (e.g. '/__bench/') on the same origin as the
   * renderer, so a page from it shares the app's IndexedDB (the bench page in tests/bench).
   */
  extraStatic?: { mount: string; dir: string };
  /** Opens the data folder as a training profile (as `--training` does), marking it so. */
  training?: boolean;
  /** A stand-in for Electron's safeStorage (the harness has none unless given one). */
  keyStore?: KeyStore;
  /** The browser profile's folder, when a spec gives the page one (its disk is watched too). */
  storagePaths?: readonly string[];
  /**
   * Hash passwords and derive backup keys at the production scrypt cost (about half a second each
   * here). Off by default: a spec signs in and sets up accounts many times, and the cost is no part
   * of what it checks. sign-in.spec.ts keeps it on, and unit tests check the app's default.
   */
  productionScrypt?: boolean;
}

/** The cheap scrypt cost the specs run at unless `productionScrypt` (never the app's: see passwords.ts). */
const SPEC_SCRYPT = { ln: 4, r: 8, p: 1 };

const ROOT = resolve(__dirname, '../../..');
const MAX_BODY = 64 * 1024 * 1024;
const BRIDGE_PATH = '/__harness/bridge.js';
const API_PREFIX = '/__api/';

/** The harness's stand-in for the preload: the same buildApi, over fetch instead of ipcRenderer. */
function bridgeScript(): string {
  const invoke = `async (channel, input) => {
    const res = await fetch(${JSON.stringify(API_PREFIX)} + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
    return res.json();
  }`;
  return `window.api = Object.freeze((${buildApi.toString()})(${JSON.stringify(CHANNEL_NAMES)}, ${invoke}));\n`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'redress-harness-')));
  const rendererDir = options.rendererDir ?? join(ROOT, 'out/renderer');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const opened: string[] = [];
  const notifications: { title: string; body: string }[] = [];
  const profile = await openProfile(dataDir, options.training ?? false);
  const handlers = createHandlers({
    dataDir,
    appVersion: pkg.version,
    runtime: 'harness',
    profile,
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    ...(options.storagePaths ? { storagePaths: options.storagePaths } : {}),
    ...(options.productionScrypt ? {} : { insecureScryptForTests: SPEC_SCRYPT }),
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    notify: (n) => {
      notifications.push(n);
      return true;
    },
  });
  let origin = '';

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  const server = createServer((req, res) => {
    void (async () => {
      // Like the sender check in Electron: only our own page, on our own host, may call the API.
      if (req.headers.host !== new URL(origin).host) return send(res, 403, 'Forbidden host', 'text/plain');
      const url = req.url ?? '/';
      if (req.method === 'POST' && url.startsWith(API_PREFIX)) {
        if (req.headers.origin !== origin) return send(res, 403, 'Forbidden origin', 'text/plain');
        const channel = decodeURIComponent(url.slice(API_PREFIX.length));
        let input: unknown;
        try {
          input = (JSON.parse(await readBody(req)) as { input?: unknown }).input;
        } catch {
          return send(
            res,
            400,
            JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'Bad request body.' } }),
            'application/json',
          );
        }
        const result = await dispatch(handlers, channel, input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'Method not allowed', 'text/plain');
      if (url === BRIDGE_PATH) return send(res, 200, bridgeScript(), 'text/javascript; charset=utf-8');
      const extra = options.extraStatic;
      const file =
        extra && url.startsWith(extra.mount)
          ? resolveRendererFile(`http://harness/${url.slice(extra.mount.length)}`, extra.dir, 'harness')
          : resolveRendererFile(`http://harness${url}`, rendererDir, 'harness');
      if (!file) return send(res, 404, 'Not found', 'text/plain');
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return send(res, 404, 'Not found', 'text/plain');
      }
      if (file.endsWith('index.html')) {
        // A classic script runs before the deferred module script, so window.api exists when the app starts.
        const html = body.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`);
        return send(res, 200, html, mimeType(file));
      }
      return send(res, 200, body, mimeType(file));
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error), 'text/plain');
    });
  });

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    dataDir,
    opened,
    notifications,
    call: (channel, input) => dispatch(handlers, channel, input),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // A keep-alive or unanswered request from the page would otherwise hold the close open
        // until the test's time runs out.
        server.closeAllConnections();
      }),
  };
}
