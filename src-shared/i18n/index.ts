// Strings both processes show, and the translator over them for code without i18next.
import { sharedEn } from './en';
import { createTranslator, type KeyOf } from './translate';

export { sharedEn } from './en';
export * from './translate';

/** A key of the shared resources. */
export type SharedKey = KeyOf<typeof sharedEn>;

/** The shared strings in English: what the domain puts in a refusal's `message`. */
export const tEn = createTranslator(sharedEn);
