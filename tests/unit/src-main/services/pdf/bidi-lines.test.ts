import { describe, expect, it } from 'vitest';
import { placeInDisplayOrder, visualOrder } from '../../../../../src-main/services/pdf/bidi-lines';

describe('visualOrder', () => {
  it('turns a line read right to left round, keeping a left-to-right run inside it in order', () => {
    // "قال Ali Smith اليوم": Arabic word, space, two Latin words (level 2), space, Arabic word.
    expect(visualOrder([1, 1, 2, 2, 2, 1, 1])).toEqual([6, 5, 2, 3, 4, 1, 0]);
  });

  it('leaves a line read left to right as it is', () => {
    expect(visualOrder([0, 0, 0])).toEqual([0, 1, 2]);
  });
});

describe('placeInDisplayOrder', () => {
  it('places the pieces of a right-to-left line from the right, ending where the line ended', () => {
    // Laid out left to right by pdfmake: "one " "two " then a trailing space past the line's end.
    const inlines = [
      { x: 0, width: 20, bidiLevel: 1 },
      { x: 20, width: 5, bidiLevel: 1 },
      { x: 25, width: 30, bidiLevel: 1 },
      { x: 55, width: 5, bidiLevel: 1 },
    ];
    placeInDisplayOrder(inlines, { leadingCut: 0, trailingCut: 5 });
    expect(inlines.map((i) => i.x)).toEqual([35, 30, 0, -5]);
    // Drawn again (a repeated table header), it lands in the same places.
    placeInDisplayOrder(inlines, { leadingCut: 0, trailingCut: 5 });
    expect(inlines.map((i) => i.x)).toEqual([35, 30, 0, -5]);
  });

  it('leaves a line without levels alone', () => {
    const inlines = [
      { x: 0, width: 20 },
      { x: 20, width: 10 },
    ];
    placeInDisplayOrder(inlines, { leadingCut: 0, trailingCut: 0 });
    expect(inlines.map((i) => i.x)).toEqual([0, 20]);
  });
});
