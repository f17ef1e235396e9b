import { afterEach, describe, expect, it, vi } from 'vitest';
import { sheetsHandlers } from '../../../../../src-main/services/sheets/handlers';
import { ParsedSheets } from '../../../../../src-main/services/sheets/parsed-sheets';
import { SheetUploads } from '../../../../../src-main/services/sheets/sheet-uploads';
import { SHEET_CHUNK_BYTES } from '../../../../../src-shared/ipc/channels/sheets';
import { NotFoundError } from '../../../../../src-shared/errors';

// A legacy export as people send it: `;` delimited, a quoted cell over two lines, a blank line.
const lines = ['Case No;Customer;Details'];
for (let i = 1; i <= 4_500; i++) lines.push(`LEG-${i};Đặng ${i};"Charged twice,\nthen again"`);
lines.splice(10, 0, '');
const csv = Buffer.from(lines.join('\r\n'));

/** Sends `bytes` as the renderer does: a start, then chunks of the size main asks for, in order. */
async function upload(handlers: ReturnType<typeof sheetsHandlers>, name: string, bytes: Buffer) {
  const { uploadId, chunkBytes } = await handlers['sheets:upload-start']({ name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
    expect(await handlers['sheets:upload-chunk']({ uploadId, offset, data })).toEqual({
      received: Math.min(bytes.length, offset + chunkBytes),
    });
  }
  return uploadId;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sheets:upload-chunk, sheets:parse and sheets:rows', () => {
  it('take the file in chunks, answer with a handle and the row count, then give the rows a page at a time, and let them go', async () => {
    const parsed = new ParsedSheets();
    const uploads = new SheetUploads();
    const handlers = sheetsHandlers({ exportsDir: '/nowhere', parsed, uploads });
    // More than one chunk: the rows of the last one are read with the rest.
    const long = Buffer.concat([csv, Buffer.from('\r\nLEG-4501;Zoë;"x"')]);
    const big = Buffer.concat([long, Buffer.from('\r\n'.repeat(SHEET_CHUNK_BYTES))]);
    const uploadId = await upload(handlers, 'legacy.csv', big);
    expect(uploads.size).toBe(1);
    const opened = await handlers['sheets:parse']({ uploadId });
    expect(uploads.size).toBe(0);
    expect(opened).toMatchObject({ header: ['Case No', 'Customer', 'Details'], rowCount: 4_501 });
    const rows = [];
    for (let offset = 0; offset < opened.rowCount; offset += 2000) {
      const page = await handlers['sheets:rows']({ handle: opened.handle, offset, limit: 2000 });
      expect(page.rows.length).toBe(Math.min(2000, opened.rowCount - offset));
      rows.push(...page.rows);
    }
    expect(rows[0]).toEqual({ row: 2, cells: ['LEG-1', 'Đặng 1', 'Charged twice,\nthen again'] });
    // The blank line is left out; the rows after it keep their numbers in the file.
    expect(rows[9]).toMatchObject({ row: 12, cells: ['LEG-10', 'Đặng 10', 'Charged twice,\nthen again'] });
    expect(rows.at(-1)!.cells[0]).toBe('LEG-4501');

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

  it('refuse a chunk out of order, bytes beyond the size given, and a file not all there', async () => {
    const handlers = sheetsHandlers({ exportsDir: '/nowhere' });
    const bytes = Buffer.from('Case No;Customer\r\nLEG-1;Ngũgĩ\r\n');
    const start = () => handlers['sheets:upload-start']({ name: 'legacy.csv', size: bytes.length });
    const part = (from: number, to: number) => bytes.subarray(from, to).toString('base64');

    // A chunk skipped: the upload is dropped, and the file must be chosen again.
    let { uploadId } = await start();
    await expect(handlers['sheets:upload-chunk']({ uploadId, offset: 5, data: part(5, 10) })).rejects.toThrow(
      'Part of the file went missing on the way. Choose the file again.',
    );
    await expect(handlers['sheets:parse']({ uploadId })).rejects.toThrow(
      'That file is not open any more: choose it again.',
    );

    // More bytes than announced.
    ({ uploadId } = await start());
    await expect(
      handlers['sheets:upload-chunk']({
        uploadId,
        offset: 0,
        data: Buffer.concat([bytes, bytes]).toString('base64'),
      }),
    ).rejects.toThrow('The file is larger than it said it was. Choose the file again.');

    // Read before the last chunk came: refused, and let go.
    ({ uploadId } = await start());
    await handlers['sheets:upload-chunk']({ uploadId, offset: 0, data: part(0, 10) });
    await expect(handlers['sheets:parse']({ uploadId })).rejects.toThrow(
      'Part of the file went missing on the way. Choose the file again.',
    );

    // Stopped half way: cancelled, then gone.
    ({ uploadId } = await start());
    expect(await handlers['sheets:upload-cancel']({ uploadId })).toEqual({ cancelled: true });
    expect(await handlers['sheets:upload-cancel']({ uploadId })).toEqual({ cancelled: false });

    // Whole: read.
    ({ uploadId } = await start());
    await handlers['sheets:upload-chunk']({ uploadId, offset: 0, data: part(0, 10) });
    await handlers['sheets:upload-chunk']({ uploadId, offset: 10, data: part(10, bytes.length) });
    expect(await handlers['sheets:parse']({ uploadId })).toMatchObject({
      header: ['Case No', 'Customer'],
      rowCount: 1,
    });
  });
});
