import type { SearchDoc } from '../../../../src-renderer/search/search-index';

const NAMES = [
  'Zoë Adams',
  'Amélie Dubois',
  'José Núñez',
  'Ngũgĩ Kamau',
  'Đặng Thị Lan',
  'Priya Shah',
  'John Smith',
  'Mary Smith',
  'Siobhán O’Brien',
  'Łukasz Kowalski',
  'Søren Ångström',
  'Oluwaseun Okafor',
];
const TEXTS = [
  'I was charged twice for the same payment and want a refund.',
  'The branch closed my account without any letter or notice.',
  'My mortgage payment holiday was refused after a long call.',
  'The card was declined abroad although the bank said it would work.',
  'Fees were added to my overdraft without warning.',
  'A refunded fee was taken again the next month.',
  'Nobody answered my complaint for eight weeks.',
  'The app locked me out and support kept me waiting on the phone.',
];

/** 36 cases, CMP-2026-000001 … 000036, names and texts cycling, later cases updated later. */
export function sampleDocs(count = 36): SearchDoc[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `case-${i + 1}`,
    reference: `CMP-2026-${String(i + 1).padStart(6, '0')}`,
    name: NAMES[i % NAMES.length]!,
    description: TEXTS[i % TEXTS.length]!,
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }));
}
