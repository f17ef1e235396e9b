import { expect, type Page } from '@playwright/test';
import { dateField, typeDate } from './date-field';
import { chooseOption } from './select-option';

export interface IntakeValues {
  name: string;
  email?: string;
  channel?: string;
  /** Office wall-clock time, typed digit by digit, e.g. 2026-03-02T09:30. */
  receivedAt?: string;
  category?: string;
  subcategory?: string;
  accountRef?: string;
  description: string;
  severity?: string;
  /** The regime's label as the Regulatory regime list shows it. */
  regime?: string;
  phone?: string;
  product?: string;
}

/** Page model of the New complaint form. */
export class IntakePage {
  constructor(readonly page: Page) {}

  get form() {
    return this.page.getByRole('form', { name: 'New complaint' });
  }

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}#/cases/new`);
    await expect(this.form).toBeVisible();
  }

  async choose(label: string, option: string) {
    await chooseOption(this.form.getByRole('combobox', { name: label, exact: true }), option, {
      exact: true,
    });
  }

  async fill(v: IntakeValues) {
    const f = this.form;
    await f.getByRole('textbox', { name: 'Complainant name' }).fill(v.name);
    await f.getByRole('textbox', { name: 'Email address' }).fill(v.email ?? 'someone@example.com');
    if (v.channel) await this.choose('Received by', v.channel);
    if (v.receivedAt) await typeDate(dateField(f, 'Received on'), v.receivedAt);
    await this.choose('Category', v.category ?? 'Charges and fees');
    if (v.subcategory) await this.choose('Subcategory', v.subcategory);
    if (v.accountRef)
      await f.getByRole('textbox', { name: 'Account or transaction reference' }).fill(v.accountRef);
    await f.getByRole('textbox', { name: 'What is the complaint about?' }).fill(v.description);
    if (v.severity) await this.choose('Severity', v.severity);
    if (v.regime) await this.choose('Regulatory regime', v.regime);
    if (v.phone) await f.getByRole('textbox', { name: 'Phone number' }).fill(v.phone);
    if (v.product) await f.getByRole('textbox', { name: 'Product or service' }).fill(v.product);
  }

  /** The non-blocking warning shown when the regime counts another country's business days. */
  get regimeWarning() {
    return this.form.getByRole('status').filter({ hasText: 'business days' });
  }

  /** Opens the form, fills it and logs the complaint; returns the new case's reference. */
  async log(baseUrl: string, v: IntakeValues): Promise<string> {
    await this.open(baseUrl);
    await this.fill(v);
    return this.submit();
  }

  /** Submits and waits for the new case page; returns its reference. */
  async submit(): Promise<string> {
    await this.form.getByRole('button', { name: 'Log complaint' }).click();
    // The case page replaces the form; its heading carries the new reference. (The snackbar is not
    // read: the notice from the previous submission may still be showing.)
    await expect(this.form).toBeHidden();
    const heading = this.page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/CMP-\d{4}-\d{6}/);
    return /CMP-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')![0];
  }
}
