import { describe, expect, it } from 'vitest';
import {
  externalLink,
  externalLinkQuestion,
  navigationOutcome,
  OPEN_LINK_BUTTON,
} from '../../../../src-main/windows/external-links';

describe('which links may leave Redress', () => {
  it.each([
    ['https://www.financial-ombudsman.org.uk/', 'https://www.financial-ombudsman.org.uk/', 'web'],
    [
      'https://example.org/help?q=deadlines#eight-weeks',
      'https://example.org/help?q=deadlines#eight-weeks',
      'web',
    ],
    ['mailto:complaints@example.org', 'mailto:complaints@example.org', 'email'],
    [
      'mailto:complaints@example.org?subject=CMP-2026-000042&body=Dear%20Ms%20Adams',
      'mailto:complaints@example.org?subject=CMP-2026-000042&body=Dear%20Ms%20Adams',
      'email',
    ],
    // An international look-alike domain shows as what it is.
    ['https://exаmple.org/', 'https://xn--exmple-4nf.org/', 'web'],
  ])('%s may be offered as %s', (raw, url, kind) => {
    expect(externalLink(raw)).toEqual({ url, kind });
  });

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'file://fileserver/share/evidence.exe',
    'smb://fileserver/share',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=invoice',
    'vscode://file/etc/passwd',
    'app://redress/index.html',
    'ftp://example.org/file',
    // reads as the bank, goes elsewhere
    'https://bank.example@evil.example/',
    'https://user:secret@example.org/',
    // a mail program that honours attach= would send a local file away
    'mailto:someone@example.org?attach=/home/alex/.ssh/id_rsa',
    'mailto:someone@example.org?Attachment=C:\\evidence\\a.pdf',
    `https://example.org/${'a'.repeat(2100)}`,
    'not a url',
    '',
  ])('%j never leaves', (raw) => {
    expect(externalLink(raw)).toBeNull();
  });
});

describe('what a navigation inside the window leads to', () => {
  const current = 'app://redress/index.html#/cases';
  it('lets a reload stay', () => {
    expect(navigationOutcome(current, current)).toBe('stay');
  });
  it('offers an https link, never loading it in the window', () => {
    expect(navigationOutcome('https://example.org/', current)).toEqual({
      url: 'https://example.org/',
      kind: 'web',
    });
  });
  it.each(['app://redress/other.html', 'http://example.org/', 'file:///etc/passwd'])('refuses %s', (url) => {
    expect(navigationOutcome(url, current)).toBe('refuse');
  });
});

describe('the question before a link leaves', () => {
  it('names the link and where it goes, with Cancel as the default', () => {
    const q = externalLinkQuestion({ url: 'https://example.org/', kind: 'web' });
    expect(q.message).toBe('Open this link in your web browser?');
    expect(q.detail).toContain('https://example.org/');
    expect(q.buttons[q.defaultId]).toBe('Cancel');
    expect(q.buttons[q.cancelId]).toBe('Cancel');
    expect(q.buttons[OPEN_LINK_BUTTON]).toBe('Open link');
    expect(externalLinkQuestion({ url: 'mailto:a@example.org', kind: 'email' }).message).toBe(
      'Open this link in your e-mail program?',
    );
  });

  it('shortens a very long link', () => {
    const q = externalLinkQuestion({ url: `https://example.org/${'a'.repeat(1000)}`, kind: 'web' });
    expect(q.detail.split('\n')[0]).toHaveLength(301);
  });
});
