import { describe, expect, it } from 'vitest';
import { highlight, tokenize, type HighlightSegment } from '../../../../src-shared/search/highlight';
import { foldText } from '../../../../src-shared/search/text';

const marked = (segments: HighlightSegment[]) => segments.filter((s) => s.match).map((s) => s.text);

describe('tokenize', () => {
  it.each([
    ['Zoë', ['zoe']],
    ['  ZOË   Adams ', ['zoe', 'adams']],
    ['CMP-2026-000123', ['cmp', '2026', '000123']],
    ['Łukasz Søren Straße Đặng', ['lukasz', 'soren', 'strasse', 'dang']],
    ['refund, refund; REFUND!', ['refund']],
    ['', []],
    ['?!  --', []],
  ])('%j → %j', (query, words) => {
    expect(tokenize(query)).toEqual(words);
  });

  it('folds decomposed and precomposed accents alike', () => {
    expect(foldText('Zoe\u0308')).toBe(foldText('Zo\u00eb'));
    expect(foldText('ΟΔΟΣ')).toBe(foldText('οδοσ'));
  });
});

describe('highlight', () => {
  it('marks whole words and prefixes, ignoring case and accents', () => {
    const segments = highlight('Zoë was refunded, then refused a refund.', 'zoe REFUND');
    expect(segments).toEqual([
      { text: 'Zoë', match: true },
      { text: ' was ', match: false },
      { text: 'refund', match: true },
      { text: 'ed, then refused a ', match: false },
      { text: 'refund', match: true },
      { text: '.', match: false },
    ]);
  });

  it('matches accented text from an unaccented query and the other way round', () => {
    expect(marked(highlight('Renée Ångström', 'renee angs'))).toEqual(['Renée', 'Ångs']);
    expect(marked(highlight('Renee Angstrom', 'Renée'))).toEqual(['Renee']);
  });

  it('does not match inside a word', () => {
    expect(marked(highlight('unrefunded prefund', 'refund'))).toEqual([]);
  });

  it('prefers the longest query word that matches', () => {
    expect(marked(highlight('refunded', 're refunde'))).toEqual(['refunde']);
  });

  it('keeps a letter that folds to two whole, and combining marks with their letter', () => {
    expect(marked(highlight('Straße', 'stras'))).toEqual(['Straß']);
    expect(marked(highlight('Zoe\u0308 Adams', 'zoe'))).toEqual(['Zoe\u0308']);
    expect(marked(highlight('Łukasz', 'luk'))).toEqual(['Łuk']);
  });

  it('marks the parts of a reference, and its number without the zero padding', () => {
    expect(marked(highlight('CMP-2026-000123', 'CMP-2026-000123'))).toEqual(['CMP', '2026', '000123']);
    expect(marked(highlight('CMP-2026-000123', '123'))).toEqual(['000123']);
    expect(marked(highlight('CMP-2026-000123', '124'))).toEqual([]);
  });

  it.each([
    ['Zoë Adams — charged twice (£40) for the same refund.', 'zoe twice refund'],
    ['Ngũgĩ wa Thiong’o, Đặng Thị', 'ngugi dang thi'],
    ['e\u0301te\u0301 déjà vu', 'ete deja'],
    ['emoji 😀 text 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'text unicode'],
    ['', 'anything'],
    ['no query words', '  '],
  ])('gives back %j exactly when joined', (text, query) => {
    const segments = highlight(text, query);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.every((s) => s.text.length > 0)).toBe(true);
  });

  it('accepts query words already split', () => {
    expect(marked(highlight('Zoë Adams', ['zo', 'Ad']))).toEqual(['Zo', 'Ad']);
  });

  it('returns the text unmarked when the query has no words', () => {
    expect(highlight('Zoë', ' - ')).toEqual([{ text: 'Zoë', match: false }]);
  });
});
