import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

export interface DroppedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A file from tests/fixtures/email. */
export function emailFixture(name: string, mimeType = 'message/rfc822'): DroppedFile {
  return { name, mimeType, buffer: readFileSync(join(__dirname, '../../fixtures/email', name)) };
}

/** Drags files from the desktop onto `target`: the dragover and drop events a real drop sends. */
export async function dropFiles(page: Page, target: Locator, files: DroppedFile[]) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, data: f.buffer.toString('base64') })),
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** The "Import e-mail…" file input (the keyboard way in). */
export const emailFileInput = (page: Page) => page.getByLabel('E-mail files (.eml or .msg)');
