// The main process's translator, used by the PDF worker too: the shared resources the renderer's
// i18next also loads, with the same keys and {{name}} placeholders. English until Settings picks
// a language.
import { createTranslator, sharedEn } from '../src-shared/i18n';

export const t = createTranslator(sharedEn);
