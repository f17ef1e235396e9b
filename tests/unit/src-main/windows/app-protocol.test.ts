import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  devServerUrl,
  isAllowedRequest,
  isTrustedSenderUrl,
  resolveRendererFile,
} from '../../../../src-main/windows/app-protocol';

const root = '/opt/redress/out/renderer';

describe('resolveRendererFile', () => {
  it.each([
    ['app://redress/', join(root, 'index.html')],
    ['app://redress/index.html', join(root, 'index.html')],
    ['app://redress/assets/index-abc.js', join(root, 'assets/index-abc.js')],
    ['app://redress/assets/a%20b.js', join(root, 'assets/a b.js')],
  ])('%s → %s', (url, file) => {
    expect(resolveRendererFile(url, root)).toBe(file);
  });

  it.each(['app://redress/../../etc/passwd', 'app://redress/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the folder (the URL parser drops the dot segments)',
    (url) => {
      expect(resolveRendererFile(url, root)).toBe(join(root, 'etc/passwd'));
    },
  );

  it.each([
    'app://redress/..%2f..%2fetc%2fpasswd',
    'app://redress/assets%2f..%2f..%2f..%2fsecret',
    'app://evil/index.html',
    'app://redress/%00',
    'app://redress/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(url, root)).toBeNull();
  });
});

describe('isTrustedSenderUrl', () => {
  it('trusts only our own origin (and the dev server when one runs)', () => {
    expect(isTrustedSenderUrl('app://redress/index.html#/cases')).toBe(true);
    expect(isTrustedSenderUrl('app://other/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/')).toBe(false);
    expect(isTrustedSenderUrl('file:///etc/passwd')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('devServerUrl', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
  it('takes the dev server only in a development build', () => {
    expect(devServerUrl(env, true)).toBe('http://localhost:5173');
    expect(devServerUrl(env, false)).toBeUndefined();
    expect(devServerUrl({}, true)).toBeUndefined();
  });

  it.each([
    'https://evil.example/',
    'http://192.168.1.20:5173',
    'http://localhost.evil.example:5173',
    'http://user:pw@localhost:5173',
    'file:///tmp/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('never takes %s, even in development', (url) => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: url }, true)).toBeUndefined();
  });

  it.each(['http://127.0.0.1:5173/', 'http://[::1]:5173/'])('takes the loopback address %s', (url) => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: url }, true)).toBe(url);
  });
});

describe('isAllowedRequest', () => {
  it.each([
    'app://redress/index.html',
    'app://redress/assets/index-abc.js',
    'data:image/png;base64,AAAA',
    'blob:app://redress/6f1c1c4e-0000-4000-8000-000000000000',
  ])('lets the window load %s', (url) => {
    expect(isAllowedRequest(url)).toBe(true);
  });

  it.each([
    'https://example.org/tracker.png',
    'http://localhost:5173/',
    'ws://localhost:5173/',
    'app://elsewhere/index.html',
    'file:///etc/passwd',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
  ])('cancels %s in a build without a dev server', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
  });

  it('lets the dev server, its live-reload socket and the developer tools through in development, nothing else', () => {
    const dev = 'http://localhost:5173';
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:51730/', dev)).toBe(false);
    expect(isAllowedRequest('ws://localhost:9229/', dev)).toBe(false);
    expect(isAllowedRequest('https://example.org/', dev)).toBe(false);
  });
});
