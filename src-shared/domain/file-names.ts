// File names Redress writes (evidence copies, PDFs) and which evidence files it hands to the
// system to open. Pure string rules, so the renderer may ask the same question before offering "Open".

const MAX_NAME = 150;
/** An extension longer than this is not one a viewer is chosen by; it is cut like the rest of the name. */
const MAX_EXTENSION = 10;
// Windows refuses or misroutes these as file names, with or without an extension.
const RESERVED_WINDOWS_NAME = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;
// Bidirectional overrides, embeddings and isolates reorder what a name shows
// (`invoice\u202Efdp.exe` reads as `invoiceexe.pdf`): dropped, so the name reads as it is.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The part after the last dot, in lower case; '' for none (a leading dot does not start one). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function capLength(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const ext = extensionOf(name);
  // Cut the stem, not the extension: the system picks the program by what the name ends with.
  const keep = ext && ext.length <= MAX_EXTENSION ? `.${name.slice(-ext.length)}` : '';
  const stem = name.slice(0, MAX_NAME - keep.length).replace(/[\uD800-\uDBFF]$/, '');
  return stem + keep;
}

/**
 * A file name that cannot climb out of its folder or upset a file system: no folders, no
 * reserved or control characters, no bidirectional controls, no leading dot, no trailing dot or
 * space (Windows drops them, so `evil.exe.` would be `evil.exe`), at most 150 characters with
 * its extension kept; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  const base = name.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() ?? '';
  const cleaned = base
    .replace(BIDI_CONTROLS, '')
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const capped = capLength(cleaned).replace(/[.\s]+$/, '');
  if (!capped) return fallback;
  return RESERVED_WINDOWS_NAME.test(capped) ? `_${capped}` : capped;
}

/**
 * Types whose usual program only shows them. An allowlist, not a list of dangerous types: the
 * programs that run code (.exe, .js, .hta, .lnk, .desktop, .command, .jar, installers, shell
 * scripts…) are too many and grow, and a type missing from a denylist runs. Left out on purpose:
 * HTML, SVG and XML (a browser runs their scripts), macro-enabled and legacy binary Office files
 * (.docm, .xlsm, .doc, .xls, .ppt: they carry macros Office runs after one click), RTF (Word
 * starts the objects embedded in it).
 */
export const VIEWER_EXTENSIONS: ReadonlySet<string> = new Set([
  // documents
  'pdf',
  'txt',
  'log',
  'csv',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  // e-mail
  'eml',
  'msg',
  // images
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'heic',
  'heif',
  // call recordings
  'mp3',
  'm4a',
  'wav',
  'mp4',
]);

export type ViewerCopy = { ok: true; fileName: string } | { ok: false; message: string };

/**
 * Whether Redress hands a copy of this evidence file to the system's viewer, and under which
 * name. The decision is made on the copy's own name (after cleaning and shortening), the very
 * name the system chooses a program by. Anything else is refused rather than opened under a
 * neutral `.txt` or `.bin` name: renamed, a real document would not open in its viewer anyway,
 * and an unknown extension makes the system ask which program to use, which is how someone ends
 * up running the file after all.
 */
export function viewerCopy(name: string): ViewerCopy {
  const fileName = safeFileName(name, '');
  // A control character (NUL above all, which cuts a name short in C) is never in an honest name.
  const honest = !/\p{Cc}/u.test(name);
  if (honest && VIEWER_EXTENSIONS.has(extensionOf(fileName))) return { ok: true, fileName };
  const shown = name.replace(BIDI_CONTROLS, '').replace(/\p{Cc}/gu, '�');
  return {
    ok: false,
    message: `Redress does not open this kind of file, because it could run a program: “${shown}”. Check the file you received with your security software before you open it.`,
  };
}
