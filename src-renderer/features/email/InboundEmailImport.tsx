// E-mails dropped on a case's communications log (or chosen with "Import e-mail…"): each is
// recorded as an inbound contact, its files as the case's evidence.
import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { evidenceFromEmails, inboundContactFromEmail } from '../../../src-shared/domain/email-import';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { useNotify } from '../../app/notifications';
import { recordInboundEmail } from '../../db/email';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useCaseLeftOut } from './case-left-out';
import { EmailImport } from './EmailImport';
import { describeMailFiles, mailWords } from './import-email';
import { LeftOutWarning } from './LeftOutWarning';

export function InboundEmailImport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  // Recorded mails with attachments left out: said until the officer says they have seen it (the
  // success message goes by itself; this must not), whichever tabs of the case they look at between.
  const [leftOut, setLeftOut] = useCaseLeftOut();
  // Each mail on its own: one refused (already recorded) does not stop the others.
  const record = async (mails: ImportedEmail[]) => {
    const refused: unknown[] = [];
    for (const mail of mails) {
      const files = evidenceFromEmails([mail], describeMailFiles);
      const now = new Date();
      try {
        await recordInboundEmail(
          getDb(),
          caseId,
          { sha256: mail.original.sha256, subject: mail.subject.trim() || t('email.noSubject') },
          inboundContactFromEmail(mail, now, mailWords()),
          files,
          actor,
          now,
        );
        notify(t('email.recorded', { count: files.length }), 'success');
        if (mail.leftOut.length) setLeftOut((shown) => [...shown, mail]);
      } catch (error) {
        refused.push(error);
      }
    }
    if (refused.length) throw new AggregateError(refused);
  };
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      <EmailImport onImported={record} />
      <LeftOutWarning mails={leftOut} onSeen={() => setLeftOut([])} />
    </Stack>
  );
}
