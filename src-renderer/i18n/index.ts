import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatMessage, type MessageParams, type SharedKey } from '../../src-shared/i18n';
import { en } from './en';

// One i18n layer for every user-visible string, so an office can translate Redress.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

/**
 * A shared string in the renderer's language: what repositories throw and what a workflow
 * refusal says (`tm(refusal.code, refusal.params)`). Parameters that are messages or lists are
 * translated too.
 */
export function tm(key: SharedKey, params?: MessageParams): string {
  return formatMessage((k, values) => i18n.t(k, values), key, params);
}

export default i18n;
