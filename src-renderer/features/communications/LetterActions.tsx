import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { useNotify } from '../../app/notifications';

export interface Letter {
  subject: string;
  body: string;
  to: string;
}

/**
 * What can be done with a finished letter. The one place for letter actions: "Save as PDF"
 * (channel `letters:pdf`, built on the PDF branch) belongs here beside "Copy for e-mail".
 */
export function LetterActions({
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
      <Button onClick={() => void copy()} disabled={!letter.body.trim()}>
        {t('resolution.letter.copy')}
      </Button>
      <Button
        variant="contained"
        disabled={busy || !letter.body.trim() || !letter.subject.trim()}
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
