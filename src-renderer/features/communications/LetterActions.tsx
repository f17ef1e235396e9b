import { Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { letterNotReady } from '../../../src-shared/domain/communications';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useNotify } from '../../app/notifications';
import { recordLetterExport } from '../../db/reports';
import { getDb } from '../../db/schema';
import { SaveLetterEmlButton } from '../email/SaveLetterEmlButton';
import { useSaveLetterPdf } from '../reports/save-letter-pdf';
import { useCurrentUser } from '../users/current-user';
import { errorText } from '../../api/error-text';

export interface Letter {
  subject: string;
  body: string;
  to: string;
  /** The placeholders of the template it was written from (templatePlaceholders). */
  placeholders: readonly string[];
}

/**
 * "Save as PDF" for a letter on the office letterhead (Settings), addressed to the complainant's
 * name and postal address. Used for the letter being written and for a letter already in the log
 * (then `date` is when it was sent, and the text is exactly what was stored).
 */
export function SaveLetterPdfButton({
  record,
  subject,
  body,
  placeholders = [],
  date,
  size,
}: {
  record: CaseRecord;
  subject: string;
  body: string;
  /** The template's own placeholders (none for a letter already in the log: it was checked then). */
  placeholders?: readonly string[];
  date?: string;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveLetterPdf();
  const { actor, can } = useCurrentUser();
  const [saving, setSaving] = useState(false);
  if (!can('communication.record', { case: caseSubject(record) }).ok) return null;
  const run = async () => {
    setSaving(true);
    try {
      const result = await save({
        recipient: { name: record.complainant.name, address: record.complainant.address },
        ...(date ? { date } : {}),
        reference: record.reference,
        subject,
        body,
        placeholders,
      });
      if (result.saved) {
        await recordLetterExport(getDb(), record.id, actor, { file: result.path, subject });
        notify(t('resolution.letter.pdfSaved', { path: result.path }), 'success');
      } else notify(t('resolution.letter.pdfCancelled'), 'info');
    } catch (e) {
      notify(t('resolution.letter.pdfFailed', { message: errorText(e) }), 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Button
      size={size}
      onClick={() => void run()}
      disabled={
        saving || !body.trim() || !subject.trim() || letterNotReady(subject, body, placeholders) !== null
      }
      startIcon={saving ? <CircularProgress size={16} aria-hidden /> : undefined}
    >
      {saving ? t('resolution.letter.savingPdf') : t('resolution.letter.savePdf')}
    </Button>
  );
}

/** What can be done with a finished letter: copy it for e-mail, save it as PDF, send/record it. */
export function LetterActions({
  record,
  letter,
  onSend,
}: {
  record: CaseRecord;
  letter: Letter;
  onSend: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  // Placeholders left: the dialog names them next to the body; nothing leaves until they are gone.
  const unfinished = letterNotReady(letter.subject, letter.body, letter.placeholders) !== null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${letter.subject}\n\n${letter.body}`);
      notify(t('resolution.letter.copied'), 'success');
    } catch {
      notify(t('resolution.letter.copyFailed'), 'error');
    }
  };
  return (
    <>
      <Button onClick={() => void copy()} disabled={!letter.body.trim() || unfinished}>
        {t('resolution.letter.copy')}
      </Button>
      <SaveLetterEmlButton
        record={record}
        subject={letter.subject}
        body={letter.body}
        placeholders={letter.placeholders}
      />
      <SaveLetterPdfButton
        record={record}
        subject={letter.subject}
        body={letter.body}
        placeholders={letter.placeholders}
      />
      <Button
        variant="contained"
        disabled={busy || !letter.body.trim() || !letter.subject.trim() || unfinished}
        onClick={() => {
          setBusy(true);
          void onSend().finally(() => setBusy(false));
        }}
      >
        {t('resolution.letter.send')}
      </Button>
    </>
  );
}
