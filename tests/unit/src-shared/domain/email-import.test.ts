import { describe, expect, it } from 'vitest';
import {
  clip,
  complaintFromEmail,
  evidenceFromEmails,
  inboundContactFromEmail,
  receivedAtOf,
  type LeftOutAttachment,
  type MailFields,
} from '../../../../src-shared/domain/email-import';
import { CommunicationSchema } from '../../../../src-shared/domain/communications';

const NOW = new Date('2026-12-03T10:00:00Z');
const leftOut = (files: readonly LeftOutAttachment[]) =>
  `[Not added: ${files.map((f) => `${f.name} (${f.reason})`).join(', ')}]`;
const WORDS = { noSubject: '(no subject)', noText: '(no text)', truncated: '[cut]', leftOut };
const file = (name: string, sha: string) => ({
  name,
  type: 'application/pdf',
  size: 10,
  sha256: sha.repeat(64),
});
const mail = (over: Partial<MailFields> = {}): MailFields => ({
  fromName: 'Zoë Ångström',
  fromAddress: 'zoe@example.org',
  to: 'complaints@bank.example',
  subject: 'Refund missing',
  sentAt: '2026-11-29T20:15:00.000Z',
  text: 'Where is my refund?',
  original: file('mail.eml', 'a'),
  attachments: [file('statement.pdf', 'b')],
  ...over,
});

describe('an imported e-mail', () => {
  it('fills in a complaint received by e-mail, subject first', () => {
    expect(complaintFromEmail(mail(), NOW, WORDS)).toEqual({
      name: 'Zoë Ångström',
      email: 'zoe@example.org',
      channel: 'email',
      preferredContact: 'email',
      receivedAt: '2026-11-29T20:15:00.000Z',
      description: 'Refund missing\n\nWhere is my refund?',
    });
  });

  it.each([
    ['no date', null, NOW.toISOString()],
    ['a date ahead of now', '2027-01-01T00:00:00.000Z', NOW.toISOString()],
    ['an earlier date', '2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.000Z'],
  ])('with %s is received at %s', (_what, sentAt, expected) => {
    expect(receivedAtOf({ sentAt }, NOW)).toBe(expected);
  });

  it('becomes a valid inbound contact even without subject or text', () => {
    const contact = inboundContactFromEmail(mail({ subject: ' ', text: '' }), NOW, WORDS);
    expect(contact).toMatchObject({
      direction: 'in',
      channel: 'email',
      from: 'Zoë Ångström <zoe@example.org>',
      subject: '(no subject)',
      body: '(no text)',
    });
    expect(CommunicationSchema.safeParse(contact).success).toBe(true);
  });

  it('cuts a text too long for the log, saying so', () => {
    const contact = inboundContactFromEmail(mail({ text: 'x'.repeat(200_000) }), NOW, WORDS);
    expect(contact.body.length).toBeLessThanOrEqual(100_000);
    expect(contact.body.endsWith('[cut]')).toBe(true);
    expect(clip('short', 10, '[cut]')).toBe('short');
  });

  it('gives one evidence row per stored file, however often it came', () => {
    const rows = evidenceFromEmails([mail(), mail({ original: file('again.eml', 'c') })], {
      original: (s) => `Mail ${s}`,
      attachment: (s) => `Attachment of ${s}`,
      leftOut,
    });
    expect(rows.map((r) => [r.name, r.description])).toEqual([
      ['mail.eml', 'Mail Refund missing'],
      ['statement.pdf', 'Attachment of Refund missing'],
      ['again.eml', 'Mail Refund missing'],
    ]);
  });

  it('records the attachments left out on the contact and on the mail’s evidence row', () => {
    const damaged = mail({
      text: 'x'.repeat(200_000),
      leftOut: [
        { name: 'scan.pdf', reason: 'unreadable' },
        { name: 'notes.txt', reason: 'empty' },
      ],
    });
    const contact = inboundContactFromEmail(damaged, NOW, WORDS);
    expect(contact.body.length).toBeLessThanOrEqual(100_000);
    // The text is cut to make room: the note is never what is lost.
    expect(contact.body).toMatch(/\[cut\]\n\n\[Not added: scan\.pdf \(unreadable\), notes\.txt \(empty\)\]$/);
    expect(CommunicationSchema.safeParse(contact).success).toBe(true);
    const rows = evidenceFromEmails([damaged], {
      original: (s) => `Mail ${s}`,
      attachment: (s) => `Attachment of ${s}`,
      leftOut,
    });
    expect(rows.map((r) => r.description)).toEqual([
      'Mail Refund missing [Not added: scan.pdf (unreadable), notes.txt (empty)]',
      'Attachment of Refund missing',
    ]);
    // A mail with nothing left out says nothing of it.
    expect(inboundContactFromEmail(mail(), NOW, WORDS).body).toBe('Where is my refund?');
  });

  it('cuts a note of very many left-out attachments to fit an evidence row', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      name: `page-${i}.tif`,
      reason: 'unreadable' as const,
    }));
    const [row] = evidenceFromEmails([mail({ leftOut: many })], {
      original: (s) => `Mail ${s}`,
      attachment: (s) => `Attachment of ${s}`,
      leftOut,
    });
    expect(row!.description.length).toBeLessThanOrEqual(2000);
    expect(row!.description).toMatch(/^Mail Refund missing \[Not added: page-0\.tif .*…$/);
  });
});
