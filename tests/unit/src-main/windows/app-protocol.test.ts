import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl, resolveRendererFile } from '../../../../src-main/windows/app-protocol';

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
