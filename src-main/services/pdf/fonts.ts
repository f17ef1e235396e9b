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

/**
 * Fonts for the scripts the body font lacks or cannot set (text-runs.ts picks one per run). They
 * have no italics, and the CJK subset no bold: those styles print upright or regular. pdfkit reads a
 * file only when a document uses it, so the 12 MB CJK font costs nothing to a document without CJK.
 */
export const SCRIPT_FONT_FILES = {
  Arabic: noto('Arabic'),
  Hebrew: noto('Hebrew'),
  CJK: { normal: 'NotoSansCJKsc-Regular-subset.otf', bold: 'NotoSansCJKsc-Regular-subset.otf' },
  // Scripts of South and South-East Asia and Ethiopia, which fontkit shapes (its Indic and
  // universal shapers reorder vowel signs and form conjuncts from the fonts' own tables).
  Devanagari: noto('Devanagari'),
  Bengali: noto('Bengali'),
  Gurmukhi: noto('Gurmukhi'),
  Gujarati: noto('Gujarati'),
  Tamil: noto('Tamil'),
  Telugu: noto('Telugu'),
  Kannada: noto('Kannada'),
  Malayalam: noto('Malayalam'),
  Sinhala: noto('Sinhala'),
  Thai: noto('Thai'),
  Khmer: noto('Khmer'),
  Myanmar: noto('Myanmar'),
  Ethiopic: noto('Ethiopic'),
} as const;

/** A Noto Sans face's regular and bold files, as Debian's fonts-noto-core names them. */
function noto<S extends string>(script: S) {
  return { normal: `NotoSans${script}-Regular.ttf`, bold: `NotoSans${script}-Bold.ttf` } as const;
}

const ALL_FONT_FILES = [
  ...Object.values(FONT_FILES),
  ...Object.values(SCRIPT_FONT_FILES).flatMap((f) => [f.normal, f.bold]),
];

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
    if (ALL_FONT_FILES.every((f) => existsSync(join(dir, f)))) return dir;
  }
  throw new AppError('IO', 'The fonts for PDF export are missing. Reinstall Redress.', undefined, {
    cause: new Error(`Looked for ${FONT_FILES.normal} in ${candidates.join(', ')}`),
  });
}

function packagedResources(): string | undefined {
  // Set by Electron in a packaged app; absent in Node (tests, harness).
  return (process as { resourcesPath?: string }).resourcesPath;
}
