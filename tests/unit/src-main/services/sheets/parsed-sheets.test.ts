import { afterEach, describe, expect, it, vi } from 'vitest';
import { sheetsHandlers } from '../../../../../src-main/services/sheets/handlers';
import { ParsedSheets } from '../../../../../src-main/services/sheets/parsed-sheets';
import { NotFoundError } from '../../../../../src-shared/errors';

// A legacy export as people send it: `;` delimited, a quoted cell over two lines, a blank line.
const lines = ['Case No;Customer;Details'];
for (let i = 1; i <= 4_500; i++) lines.push(`LEG-${i};Đặng ${i};"Charged twice,\nthen again"`);
lines.splice(10, 0, '');
const csv = Buffer.from(lines.join('\r\n')).toString('base64');

afterEach(() => {
  vi.useRealTimers();
});

describe('sheets:parse and sheets:rows', () => {
  it('answer with a handle and the row count, then give the rows a page at a time, and let them go', async () => {
    const parsed = new ParsedSheets();
    const handlers = sheetsHandlers({ exportsDir: '/nowhere', parsed });
    const opened = await handlers['sheets:parse']({ name: 'legacy.csv', data: csv });
    expect(opened).toMatchObject({ header: ['Case No', 'Customer', 'Details'], rowCount: 4_500 });
    const rows = [];
    for (let offset = 0; offset < opened.rowCount; offset += 2000) {
      const page = await handlers['sheets:rows']({ handle: opened.handle, offset, limit: 2000 });
      expect(page.rows.length).toBe(Math.min(2000, opened.rowCount - offset));
      rows.push(...page.rows);
    }
    expect(rows[0]).toEqual({ row: 2, cells: ['LEG-1', 'Đặng 1', 'Charged twice,\nthen again'] });
    // The blank line is left out; the rows after it keep their numbers in the file.
    expect(rows[9]).toMatchObject({ row: 12, cells: ['LEG-10', 'Đặng 10', 'Charged twice,\nthen again'] });
    expect(rows.at(-1)!.cells[0]).toBe('LEG-4500');

    expect(await handlers['sheets:release']({ handle: opened.handle })).toEqual({ released: true });
    expect(parsed.size).toBe(0);
    await expect(handlers['sheets:rows']({ handle: opened.handle, offset: 0, limit: 10 })).rejects.toThrow(
      'That file is not open any more: choose it again.',
    );
    expect(await handlers['sheets:release']({ handle: opened.handle })).toEqual({ released: false });
  });

  it('drops a sheet nobody asks for in a while, and the oldest when more are read', () => {
    vi.useFakeTimers();
    const parsed = new ParsedSheets({ idleMs: 60_000, maxSheets: 2 });
    const sheet = { header: ['A'], rows: [{ row: 2, cells: ['x'] }] };
    const first = parsed.keep(sheet);
    vi.advanceTimersByTime(50_000);
    // Asked for again: its idle clock starts over.
    expect(parsed.rows(first, 0, 10)).toEqual(sheet.rows);
    vi.advanceTimersByTime(50_000);
    expect(parsed.rows(first, 0, 10)).toHaveLength(1);
    vi.advanceTimersByTime(60_001);
    expect(() => parsed.rows(first, 0, 10)).toThrow(NotFoundError);

    const a = parsed.keep(sheet);
    const b = parsed.keep(sheet);
    parsed.rows(a, 0, 1); // a is now the most recently used
    const c = parsed.keep(sheet);
    expect(parsed.size).toBe(2);
    expect(() => parsed.rows(b, 0, 1)).toThrow(NotFoundError);
    expect(parsed.rows(a, 0, 1)).toHaveLength(1);
    expect(parsed.rows(c, 0, 1)).toHaveLength(1);
  });
});
