import type { Page } from '@playwright/test';
import { chooseOption } from './select-option';

/** Page model of the Import complaints screen (Cases → Import…). */
export class ImportScreen {
  constructor(readonly page: Page) {}

  /** Chooses a CSV file made of these lines (CRLF between them, as Excel writes). */
  async choose(name: string, lines: readonly string[]) {
    await this.page.getByLabel('Spreadsheet file (.csv or .xlsx)').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
    });
  }

  get mapping() {
    return this.page.getByRole('region', { name: 'Which column holds what' });
  }

  get dryRun() {
    return this.page.getByRole('region', { name: 'What the import will do' });
  }

  /** The dry run's table of the rows that will not be imported. */
  get refusedRows() {
    return this.dryRun.getByRole('table', { name: 'What the import will do' }).getByRole('row');
  }

  get report() {
    return this.page.getByRole('region', { name: 'Import report' });
  }

  /** Shows all `rows` rows of the import report and opens the case made from the file's first row. */
  async openFirstImported(rows: number) {
    await chooseOption(this.report.getByRole('combobox', { name: 'Show' }), `All rows (${rows})`);
    await this.report
      .getByRole('table', { name: 'Import report' })
      .getByRole('row')
      .nth(1)
      .getByRole('link')
      .click();
  }
}
