// A case report's document ID: printed on every page and recorded with the export, so a printed
// page can be traced to the export it came from. Derived from what was exported (the case's
// reference, when the export was made and a hash of its content), so the same export always gets
// the same ID and any other export a different one.
import { createHash } from 'node:crypto';

// No vowels, and no 0/1 beside O/I: an ID never spells a word or a name, and reads back from paper.
const ALPHABET = '23456789BCDFGHJKLMNPQRSTVWXZ';
const LENGTH = 12;

export function documentId(reference: string, generatedAt: string, content: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([reference, generatedAt, content]))
    .digest();
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return `DOC-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}
