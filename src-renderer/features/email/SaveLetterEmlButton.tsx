// "Save as .eml": the letter as an unsent e-mail to the complainant, its PDF attached, written by
// main into the exports folder; the officer sends it from their own mail program.
import { Button, CircularProgress, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { letterNotReady } from '../../../src-shared/domain/communications';
import { api, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { recordLetterExport } from '../../db/reports';
import { getDb } from '../../db/schema';
import { letterPdfData } from '../reports/save-letter-pdf';
import { useCurrentUser } from '../users/current-user';
import { errorText } from '../../api/error-text';

export function SaveLetterEmlButton({
  record,
  subject,
  body,
  placeholders,
}: {
  record: CaseRecord;
  subject: string;
  body: string;
  /** The template's own placeholders: the letter is saved only once none is left. */
  placeholders: readonly string[];
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { settings } = useSettings();
  const { actor } = useCurrentUser();
  const [saving, setSaving] = useState(false);
  const to = record.complainant.email.trim();
  const run = async () => {
    setSaving(true);
    try {
      const data = letterPdfData(
        {
          recipient: { name: record.complainant.name, address: record.complainant.address },
          reference: record.reference,
          subject,
          body,
          placeholders,
        },
        settings,
      );
      const fileName = `${record.reference} ${subject}`.trim().slice(0, 120);
      const saved = await call(api().email.saveLetter({ data, to, fileName }));
      await recordLetterExport(getDb(), record.id, actor, { file: saved.path, subject });
      notify(t('email.letterSaved', { path: saved.path }), 'success');
    } catch (e) {
      notify(t('email.letterFailed', { message: errorText(e) }), 'error');
    } finally {
      setSaving(false);
    }
  };
  const button = (
    <Button
      onClick={() => void run()}
      disabled={
        saving ||
        !to ||
        !body.trim() ||
        !subject.trim() ||
        letterNotReady(subject, body, placeholders) !== null
      }
      startIcon={saving ? <CircularProgress size={16} aria-hidden /> : undefined}
    >
      {saving ? t('email.savingEml') : t('email.saveEml')}
    </Button>
  );
  // A disabled button gets no pointer events: the reason sits on a wrapper.
  return to ? (
    button
  ) : (
    <Tooltip title={t('email.noAddress')}>
      <span>{button}</span>
    </Tooltip>
  );
}
