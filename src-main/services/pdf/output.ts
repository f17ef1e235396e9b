// Where PDFs are written. The user picks the place (save dialog, or a folder for batch export);
// the renderer never names a path itself: a chosen folder is referred to by an id main handed out.
import { randomUUID } from 'node:crypto';
import { access, constants, lstat, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError, systemError, ValidationError } from '../../../src-shared/errors';
import type { Destination, SaveResult } from '../../../src-shared/ipc/channels/reports';
import { writeFileAtomic } from '../files/atomic-write';
import { safeFileName } from '../../../src-shared/domain/file-names';

/** How main asks the user where to save: Electron dialogs in the app, a fixed folder in the harness. */
export interface SaveDialogs {
  /** A full file path, or null when the user cancels. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
  /** A folder path, or null when the user cancels. */
  chooseFolder(): Promise<string | null>;
  /** An existing backup file to bring in (Electron's open dialog), or null when the user cancels. */
  chooseOpenFile?(): Promise<string | null>;
  /** Where to save a spreadsheet export (a CSV or XLSX save dialog), or null when the user cancels. */
  chooseSaveSheet?(suggestedName: string, format: 'csv' | 'xlsx'): Promise<string | null>;
}

/** For the browser test harness and headless use: everything goes into one folder, no questions. */
export function folderDialogs(outputDir: string): SaveDialogs {
  return {
    // Nobody is asked "replace?" here, so an existing file is never the answer.
    chooseSaveFile: async (name) => unusedPath(join(outputDir, pdfFileName(name))),
    chooseFolder: async () => outputDir,
  };
}

/** A safe file name (see src-shared/domain/file-names) ending in .pdf. */
export function pdfFileName(name: string): string {
  const base = safeFileName(name, 'document');
  return base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`;
}

const exists = async (path: string) =>
  lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );

/**
 * The path itself when nothing is there, else the first free "name (2).pdf", "name (3).pdf"…
 * in the same folder: an export never replaces a file the user did not choose to replace.
 */
export async function unusedPath(
  path: string,
  taken: (path: string) => Promise<boolean> = exists,
  extension = '.pdf',
): Promise<string> {
  if (!(await taken(path))) return path;
  const dot = path.toLowerCase().endsWith(extension) ? path.length - extension.length : path.length;
  const [stem, ext] = [path.slice(0, dot).replace(/ \(\d+\)$/, ''), path.slice(dot)];
  for (let n = 2; ; n += 1) {
    const candidate = `${stem} (${n})${ext}`;
    if (!(await taken(candidate))) return candidate;
  }
}

export function createPdfOutput(dialogs: SaveDialogs) {
  const folders = new Map<string, string>();
  // Names being written right now: two exports of the same name at once get two files.
  const writing = new Set<string>();
  const takenNow = async (path: string) => writing.has(path) || (await exists(path));
  // Names are chosen one export at a time, so two at once never settle on the same free name.
  let naming: Promise<unknown> = Promise.resolve();
  const reserve = (path: string, chosenByUser: boolean): Promise<string> => {
    const next = naming.then(async () => {
      const target = chosenByUser && !writing.has(path) ? path : await unusedPath(path, takenNow);
      writing.add(target);
      return target;
    });
    naming = next.catch(() => undefined);
    return next;
  };

  async function writable(dir: string): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    } catch (error) {
      const message = `The folder “${basename(dir)}” cannot be written. Choose another folder.`;
      throw new AppError('IO', message, undefined, { cause: error });
    }
  }

  return {
    async chooseFolder(): Promise<{ folderId: string; path: string } | null> {
      const path = await dialogs.chooseFolder();
      if (!path) return null;
      await writable(path);
      const folderId = randomUUID();
      folders.set(folderId, path);
      return { folderId, path };
    },

    /** Asks where (if needed), builds the PDF only then, and writes it atomically. */
    async save(destination: Destination, build: () => Promise<Buffer>): Promise<SaveResult> {
      let target: string;
      // Whether the user was asked about this very name before a file there would be replaced.
      let chosenByUser = false;
      if (destination.kind === 'ask') {
        const chosen = await dialogs.chooseSaveFile(pdfFileName(destination.suggestedName));
        if (!chosen) return { saved: false };
        chosenByUser = chosen.toLowerCase().endsWith('.pdf');
        target = chosenByUser ? chosen : `${chosen}.pdf`;
      } else {
        const dir = folders.get(destination.folderId);
        if (!dir)
          throw new ValidationError('Choose the folder again: this one is no longer open for export.');
        target = join(dir, pdfFileName(destination.fileName));
      }
      // The save dialog asks before the user picks an existing file; a batch folder's names and an
      // extension added here were never asked about, so an existing file keeps its name.
      target = await reserve(target, chosenByUser);
      try {
        return await write(target, await build());
      } finally {
        writing.delete(target);
      }
    },
  };

  async function write(target: string, pdf: Buffer): Promise<SaveResult> {
    try {
      await writeFileAtomic(target, pdf);
    } catch (error) {
      // The user's own words for what happened, and the file's name, not its full path.
      const why = systemError(error);
      throw new AppError(
        why?.code ?? 'IO',
        `“${basename(target)}” was not saved. ${why?.message ?? 'The folder cannot be written.'}`,
        undefined,
        { cause: error },
      );
    }
    return { saved: true, path: target, pages: countPages(pdf), bytes: pdf.length };
  }
}

/** Pages in a finished PDF, counted from its page objects (for the save summary). */
export function countPages(pdf: Buffer): number {
  const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return matches?.length ?? 0;
}
