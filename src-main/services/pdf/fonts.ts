// The one place that knows where the bundled PDF fonts are: in the source tree (tests, harness),
// beside the built main bundle (out/main → ../../resources), or in a packaged app's resources.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/errors';

export const FONT_FILES = {
  normal: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italics: 'DejaVuSans-Oblique.ttf',
} as const;

/** Candidate folders, most specific first. */
export function fontDirCandidates(
  opts: { resourcesPath?: string; here?: string; cwd?: string } = {},
): string[] {
  const here = opts.here ?? __dirname;
  const list = [
    opts.resourcesPath && join(opts.resourcesPath, 'resources', 'fonts'),
    // out/main/index.js → <root>/resources/fonts; src-main/services/pdf → <root>/resources/fonts
    resolve(here, '../../resources/fonts'),
    resolve(here, '../../../resources/fonts'),
    join(opts.cwd ?? process.cwd(), 'resources', 'fonts'),
  ];
  return list.filter((d): d is string => !!d);
}

/** The first folder holding every font file; a clear error when none does. */
export function resolveFontsDir(
  candidates: string[] = fontDirCandidates({ resourcesPath: packagedResources() }),
): string {
  for (const dir of candidates) {
    if (Object.values(FONT_FILES).every((f) => existsSync(join(dir, f)))) return dir;
  }
  throw new AppError('IO', 'The fonts for PDF export are missing. Reinstall Redress.', undefined, {
    cause: new Error(`Looked for ${FONT_FILES.normal} in ${candidates.join(', ')}`),
  });
}

function packagedResources(): string | undefined {
  // Set by Electron in a packaged app; absent in Node (tests, harness).
  return (process as { resourcesPath?: string }).resourcesPath;
}
