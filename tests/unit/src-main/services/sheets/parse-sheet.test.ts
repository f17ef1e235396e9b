import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, parseSpreadsheet } from '../../../../../src-main/services/sheets/parse-sheet';
import { sheetBytes } from '../../../../../src-main/services/sheets/write-sheet';
import { sheetsChannels } from '../../../../../src-shared/ipc/channels/sheets';

const utf8 = (s: string) => new TextEncoder().encode(s);
const parse = (name: string, bytes: Uint8Array) => parseSpreadsheet(name, bytes);

describe('parseSpreadsheet (CSV)', () => {
  it('reads UTF-8 with a BOM, the BOM not part of the first header', async () => {
    const sheet = await parse('a.csv', utf8('\uFEFFName,City\nZoë,Kraków\n'));
    expect(sheet).toEqual({ header: ['Name', 'City'], rows: [{ row: 2, cells: ['Zoë', 'Kraków'] }] });
  });

  it('reads Windows-1252 as Excel writes it on Western Windows', async () => {
    // "Café;€5" in Windows-1252: é = 0xE9, € = 0x80.
    const bytes = new Uint8Array([...utf8('Name;Fee\r\nCaf'), 0xe9, 0x3b, 0x80, ...utf8('5\r\n')]);
    const sheet = await parse('a.csv', bytes);
    expect(sheet.header).toEqual(['Name', 'Fee']);
    expect(sheet.rows[0]!.cells).toEqual(['Café', '€5']);
  });

  it('reads a UTF-8 file with one stray Windows-1252 byte as UTF-8, that byte as Windows-1252', () => {
    const utf8 = Buffer.from('Name,Details\nJosé,Zoë said it\nŁukasz,“twice”\n', 'utf8');
    // A curly apostrophe pasted from a Windows program: 0x92 on its own is not UTF-8.
    const bytes = Buffer.concat([
      utf8,
      Buffer.from('Ann,It', 'latin1'),
      Buffer.from([0x92]),
      Buffer.from('s late\n'),
    ]);
    expect(decodeText(bytes)).toBe('Name,Details\nJosé,Zoë said it\nŁukasz,“twice”\nAnn,It’s late\n');
    // Mostly Windows-1252: read as Windows-1252 whole, as before.
    expect(decodeText(Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x92, 0x96]))).toBe('José,’–');
  });

  it('reads UTF-16 "Unicode text" with tabs', () => {
    const text = 'Name\tCity\nŁukasz\tŁódź\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(decodeText(bytes)).toBe(text);
  });

  it('guesses the ; delimiter and keeps newlines inside quoted cells', async () => {
    const csv =
      'Ref;Description;Date\nL-1;"First line\nsecond; line";02/03/2024\nL-2;"He said ""no""";03/03/2024\n';
    const sheet = await parse('a.csv', utf8(csv));
    expect(sheet.header).toEqual(['Ref', 'Description', 'Date']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['L-1', 'First line\nsecond; line', '02/03/2024'] },
      { row: 3, cells: ['L-2', 'He said "no"', '03/03/2024'] },
    ]);
  });

  it('guesses the delimiter from the first line that is not blank', async () => {
    const body = 'Ref;Name, as written;Amount\r\nL-1;Smith, Ann;12,50\r\n';
    for (const text of ['\r\n' + body, '\r\n  \r\n' + body, '\uFEFF\r\n\r\n' + body]) {
      const parsed = await parse('a.csv', utf8(text));
      expect(parsed.header).toEqual(['Ref', 'Name, as written', 'Amount']);
      expect(parsed.rows[0]!.cells).toEqual(['L-1', 'Smith, Ann', '12,50']);
    }
  });

  it('takes the delimiter from Excel’s "sep=" first line, which is no row of the table', async () => {
    const parsed = await parse(
      'legacy.csv',
      utf8('sep=;\r\nRef;Name, as written;Amount\r\nL-1;Smith, Ann;12,50\r\n'),
    );
    expect(parsed.header).toEqual(['Ref', 'Name, as written', 'Amount']);
    expect(parsed.rows).toEqual([{ row: 3, cells: ['L-1', 'Smith, Ann', '12,50'] }]);
    const tabs = await parse('legacy.csv', utf8('SEP=\t\nRef\tName\nL-2\tBob\n'));
    expect(tabs.header).toEqual(['Ref', 'Name']);
    expect(tabs.rows).toEqual([{ row: 3, cells: ['L-2', 'Bob'] }]);
  });

  it('numbers rows as the file does, leaving out blank ones and padding short ones', async () => {
    const sheet = await parse('a.csv', utf8('A,B,C\n1,2,3\n,,\n4\n'));
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['1', '2', '3'] },
      { row: 4, cells: ['4', '', ''] },
    ]);
  });

  it('refuses an empty file and a file with a header only', async () => {
    await expect(parse('a.csv', new Uint8Array())).rejects.toThrow('The file holds no rows');
    await expect(parse('a.csv', utf8('\n\n'))).rejects.toThrow('The file holds no rows');
    await expect(parse('a.csv', utf8('Name,Date\n'))).rejects.toThrow('The file holds no rows');
  });

  it('refuses a file that is not a spreadsheet, in words', async () => {
    const pdf = utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n');
    await expect(parse('complaints.csv', pdf)).rejects.toThrow('not a spreadsheet');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]);
    await expect(parse('complaints.csv', png)).rejects.toThrow('not a spreadsheet');
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(parse('complaints.xlsx', xls)).rejects.toThrow('not a spreadsheet');
    // A zip that is not a workbook.
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(parse('complaints.xlsx', zip)).rejects.toThrow('not a spreadsheet');
  });

  it('keeps the width of a row split by an unquoted comma, so none of it is dropped silently', async () => {
    const csv =
      'Ref,Date,Name,Category,Description\nL-1,2024-03-01,Ann,Billing,Charged twice, then refused a refund\n';
    const sheet = await parse('a.csv', utf8(csv));
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['L-1', '2024-03-01', 'Ann', 'Billing', 'Charged twice'], cellCount: 6 },
    ]);
  });

  it('keeps a row’s width through the rows contract main answers with', () => {
    const rows = [{ row: 2, cells: ['L-1'], cellCount: 6 }];
    expect(sheetsChannels['sheets:rows'].output.parse({ rows })).toEqual({ rows });
  });

  it('does not count trailing empty cells as extra, as spreadsheets often write them', async () => {
    const sheet = await parse('a.csv', utf8('A,B,C\na,b,c,,\nd,e,f, ,\n'));
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a', 'b', 'c'] },
      { row: 3, cells: ['d', 'e', 'f'] },
    ]);
  });

  it('says where a quoted cell is never closed', async () => {
    await expect(parse('a.csv', utf8('A,B\n1,"open\n2,3\n'))).rejects.toThrow(/quoted cell is never closed/);
  });
});

describe('parseSpreadsheet (XLSX)', () => {
  it('reads the first sheet: text, numbers, dates as Excel showed them, formulas by their result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['Ref', 'Received', 'Amount', 'Serial', 'Total']);
    sheet.addRow([
      'L-1',
      new Date(Date.UTC(2024, 2, 2, 9, 30)),
      12.5,
      45353,
      { formula: 'C2*2', result: 25 },
    ]);
    sheet.addRow([]);
    sheet.addRow(['L-2', '2024-03-05', 3, '', '']);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parse('legacy.xlsx', bytes);
    expect(parsed.header).toEqual(['Ref', 'Received', 'Amount', 'Serial', 'Total']);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['L-1', '2024-03-02T09:30:00', '12.5', '45353', '25'] },
      { row: 4, cells: ['L-2', '2024-03-05', '3', '', ''] },
    ]);
  });

  it('keeps the leading zeros a cell’s format shows: a legacy reference, a postcode, a phone number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['Ref', 'Postcode', 'Phone', 'Amount', 'Count']);
    const row = sheet.addRow([123, 800, 7700900123, 12.5, { formula: 'A2+1', result: 124 }]);
    row.getCell(1).numFmt = '00000';
    row.getCell(2).numFmt = '0000';
    row.getCell(3).numFmt = '00000000000';
    row.getCell(4).numFmt = '0.00';
    row.getCell(5).numFmt = '00000';
    const parsed = await parse('legacy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed.rows).toEqual([{ row: 2, cells: ['00123', '0800', '07700900123', '12.50', '00124'] }]);
  });

  it('reads numbers as Excel shows them: a formula’s float noise dropped, the format’s decimals, never three alone', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['Interest', 'Amount', 'Rate', 'Odd', 'Big', 'Negative']);
    const row = sheet.addRow([
      { formula: '10*1.1', result: 11.000000000000002 },
      25.125,
      0.125,
      25.125,
      1234567.5,
      -0.1 - 0.2,
    ]);
    row.getCell(2).numFmt = '"£"#,##0.00;[Red]-"£"#,##0.00';
    row.getCell(3).numFmt = '0.0%';
    const parsed = await parse('legacy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    // 25.125 in General would read as 25,125 where thousands are grouped with a point (de-DE).
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['11', '25.13', '0.1250', '25.1250', '1234567.5', '-0.3'] },
    ]);
  });

  it('rounds to the format’s decimals as Excel does, half away from zero, from its 15 digits', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['A', 'B', 'C', 'D', 'E']);
    // 1.005 and 2.675 are stored just below the half: toFixed alone gives 1.00 and 2.67.
    const row = sheet.addRow([1.005, 2.675, -1.005, 123456789012345.67 * 1000, 0.5]);
    for (const col of [1, 2, 3]) row.getCell(col).numFmt = '#,##0.00';
    row.getCell(4).numFmt = '0';
    row.getCell(5).numFmt = '0';
    const parsed = await parse('legacy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed.rows[0]!.cells).toEqual(['1.01', '2.68', '-1.01', '123456789012346000', '1']);
  });

  it('reads a duration as its number of days and a time of day as a time, never as a day in 1899', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['Handling time', 'Stored duration', 'Called at', 'Stored time']);
    const row = sheet.addRow([
      { formula: 'C1-B1', result: 1.5 },
      1.25,
      { formula: 'TIME(9,30,0)', result: 0.3958333333333333 },
      0.75,
    ]);
    row.getCell(1).numFmt = '[h]:mm';
    row.getCell(2).numFmt = '[h]:mm:ss';
    row.getCell(3).numFmt = 'hh:mm';
    row.getCell(4).numFmt = 'h:mm AM/PM';
    const parsed = await parse('legacy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed.rows[0]!.cells).toEqual(['1.5', '1.25', '09:30:00', '18:00:00']);
  });

  it('reads a date a formula computes as a date, in the 1900 and the 1904 date systems', async () => {
    for (const date1904 of [false, true]) {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('Complaints');
      sheet.addRow(['Received', 'Paid']);
      // 2 March 2024 09:30 as each system counts it (the 1904 system starts 1,462 days later).
      const serial = 45353.395833333336 - (date1904 ? 1462 : 0);
      const row = sheet.addRow([
        new Date(Date.UTC(2024, 2, 2, 9, 30)),
        { formula: 'A2+7', result: serial + 7 },
      ]);
      row.getCell(1).numFmt = 'dd/mm/yyyy hh:mm';
      row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
      const parsed = await parse('legacy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
      expect(parsed.rows, `date1904: ${date1904}`).toEqual([
        { row: 2, cells: ['2024-03-02T09:30:00', '2024-03-09T09:30:00'] },
      ]);
    }
  });

  it('keeps the width of a row with a value right of the last heading; empty cells there are not counted', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Complaints');
    sheet.addRow(['Ref', 'Name', 'Description']);
    sheet.addRow(['L-1', 'Ann', 'Charged twice', '', 'then refused a refund']);
    sheet.addRow(['L-2', 'Bob', 'Late', '', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parse('legacy.xlsx', bytes);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['L-1', 'Ann', 'Charged twice'], cellCount: 5 },
      { row: 3, cells: ['L-2', 'Bob', 'Late'] },
    ]);
  });
});

describe('sheetBytes', () => {
  const content = {
    title: 'Cases',
    columns: ['Reference', 'Complainant'],
    rows: [
      ['CMP-2026-00001', '=HYPERLINK("http://x","y")'],
      ['CMP-2026-00002', '+44 20 7946 0000'],
      ['CMP-2026-00003', '@SUM(1)'],
      ['CMP-2026-00004', '-1'],
    ],
  };

  it('writes CSV with a BOM and every formula-like cell prefixed', async () => {
    const text = (await sheetBytes('csv', content)).toString('utf8');
    expect(text.startsWith('\uFEFFReference,Complainant\r\n')).toBe(true);
    expect(text).toContain(`CMP-2026-00001,"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain("CMP-2026-00002,'+44 20 7946 0000");
    expect(text).toContain("CMP-2026-00003,'@SUM(1)");
    expect(text).toContain("CMP-2026-00004,'-1");
  });

  it('writes XLSX that reads back as text, never formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await sheetBytes('xlsx', content)).buffer);
    const sheet = workbook.getWorksheet('Cases')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Reference', 'Complainant']);
    expect(sheet.getCell('B2').value).toBe(`'=HYPERLINK("http://x","y")`);
    expect(sheet.getCell('B2').formula).toBeUndefined();
  });

  it('writes the figures of numeric columns to XLSX as numbers, and everything else as text', async () => {
    const figures = {
      title: 'FCA return',
      columns: ['Product group', 'Opened', 'Closed', 'Redress'],
      numericColumns: [1, 2],
      rows: [
        ['Banking', '12', '0', 'GBP 120.50'],
        ['Payment services', 'Closed', 'Within 15', ''],
        ['007', '-3', '=1+1', '4'],
      ],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await sheetBytes('xlsx', figures)).buffer);
    const sheet = workbook.getWorksheet('FCA return')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'Banking', 12, 0, 'GBP 120.50']);
    // A label in a numeric column stays a label; a formula there is still neutralised.
    expect(sheet.getRow(3).values).toEqual([undefined, 'Payment services', 'Closed', 'Within 15', '']);
    expect(sheet.getCell('B4').value).toBe(-3);
    expect(sheet.getCell('C4').value).toBe("'=1+1");
    // Only the columns named: "007" and "4" elsewhere stay text, zeros kept.
    expect(sheet.getCell('A4').value).toBe('007');
    expect(sheet.getCell('D4').value).toBe('4');
    // CSV has no types: the same file as text.
    const text = (await sheetBytes('csv', figures)).toString('utf8');
    expect(text).toContain('Banking,12,0,GBP 120.50');
  });

  it('writes the header block above the table, then a blank line, in both formats', async () => {
    const headed = {
      ...content,
      headerRows: [
        ['Firm reference number', '123456'],
        ['Period', '2026-01-01 to 2026-06-30'],
      ],
    };
    const text = (await sheetBytes('csv', headed)).toString('utf8');
    expect(
      text.startsWith(
        '\uFEFFFirm reference number,123456\r\nPeriod,2026-01-01 to 2026-06-30\r\n\r\nReference,Complainant\r\n',
      ),
    ).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await sheetBytes('xlsx', headed)).buffer);
    const sheet = workbook.getWorksheet('Cases')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Firm reference number', '123456']);
    expect(sheet.getRow(4).values).toEqual([undefined, 'Reference', 'Complainant']);
    expect(sheet.getCell('A5').value).toBe('CMP-2026-00001');
  });
});
