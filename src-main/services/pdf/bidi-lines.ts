// Lines of a paragraph read right to left, put in display order after pdfmake has wrapped them.
// pdfmake lays a paragraph's words out left to right and wraps in the order given; a paragraph
// given in display order would wrap with its last words on the first line. So such a paragraph
// goes to pdfmake in reading order, each piece carrying its bidi embedding level (text-runs.ts),
// and each laid-out line is reordered here on its own (Unicode bidi rule L2) just before drawing.

/** The part of a laid-out pdfmake inline this needs. */
export interface LaidOutInline {
  x: number;
  width: number;
  bidiLevel?: number;
}

/** Display order of pieces with these levels: from the highest level down to the lowest odd one, each run at or above it turns round. */
export function visualOrder(levels: number[]): number[] {
  const order = levels.map((_, i) => i);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : l + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length;) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < order.length && levels[order[end]!]! >= level) end++;
      order.splice(i, end - i, ...order.slice(i, end).reverse());
      i = end;
    }
  }
  return order;
}

/**
 * Gives the inlines of one laid-out line their places in display order. The line keeps its
 * extent: it ends where pdfmake's ended, its trailing space (past the line's end) now on the left.
 * Lines with no levels (left to right, put in display order before layout) are left alone.
 */
export function placeInDisplayOrder(
  inlines: LaidOutInline[],
  cuts: { leadingCut: number; trailingCut: number },
): void {
  if (!inlines.some((i) => i.bidiLevel !== undefined)) return;
  const base = inlines.find((i) => i.bidiLevel !== undefined)!.bidiLevel! % 2;
  let x = -cuts.leadingCut - cuts.trailingCut;
  for (const k of visualOrder(inlines.map((i) => i.bidiLevel ?? base))) {
    inlines[k]!.x = x;
    x += inlines[k]!.width;
  }
}
