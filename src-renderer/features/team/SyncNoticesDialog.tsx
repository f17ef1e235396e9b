// What team sync noted for the person beside the conflicts (db/sync-notices.ts): evidence files the
// server refused, each with "Send again" once the file is mended, cases pulled under a reference
// this desk already used, linked to both cases, and changes the server refused by its rules (an
// approval over the limit the server holds, a change to a case disposed of): one notice per sync
// pass and reason, listing its records, with the reason until marked as read.
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotify } from '../../app/notifications';
import { getDb } from '../../db/schema';
import {
  syncNotices,
  type RefusedChangeNotice,
  type RefusedEvidenceNotice,
  type RefusedRecordNotice,
} from '../../db/sync-notices';
import { dismissRefusal } from '../../db/sync-replica';
import { useFormat } from '../../app/format';
import { useViewer } from '../users/use-viewer';
import { sendEvidenceFile } from './sync-runner';
import { windowTransport } from './use-team-sync';
import { errorText } from '../../api/error-text';

export function SyncNoticesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const notices = useLiveQuery(() => syncNotices(getDb(), viewer), [viewer]);
  const empty =
    notices &&
    !notices.refusedEvidence.length &&
    !notices.referenceClashes.length &&
    !notices.refusedChanges.length &&
    !notices.removedCases.length;
  const caseLink = (id: string, reference: string | null) =>
    reference ? (
      <MuiLink component={Link} to={`/cases/${id}`} onClick={onClose}>
        {reference}
      </MuiLink>
    ) : (
      t('team.notices.hiddenCase')
    );
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="sync-notices-title">
      <DialogTitle id="sync-notices-title">{t('team.notices.title')}</DialogTitle>
      <DialogContent>
        {empty && <Alert severity="success">{t('team.notices.none')}</Alert>}
        {!!notices?.refusedChanges.length && (
          <NoticeSection
            id="refused-changes-title"
            title={t('team.notices.refusedTitle')}
            intro={t('team.notices.refusedIntro')}
            columns={[
              t('team.notices.refusedWhat'),
              t('team.notices.refusedWhoWhen'),
              t('team.notices.why'),
              t('team.notices.action'),
            ]}
          >
            {notices.refusedChanges.map((notice) => (
              <RefusedChangeRow key={notice.key} notice={notice} caseLink={caseLink} />
            ))}
          </NoticeSection>
        )}
        {!!notices?.removedCases.length && (
          <NoticeSection
            id="removed-cases-title"
            title={t('team.notices.removedTitle')}
            intro={t('team.notices.removedIntro')}
            columns={[t('team.notices.case'), t('team.notices.removedWhen'), t('team.notices.action')]}
          >
            {notices.removedCases.map((notice) => (
              <RemovedCaseRow key={notice.key} notice={notice} />
            ))}
          </NoticeSection>
        )}
        {!!notices?.refusedEvidence.length && (
          <NoticeSection
            id="refused-evidence-title"
            title={t('team.notices.evidenceTitle')}
            intro={t('team.notices.evidenceIntro')}
            columns={[
              t('team.notices.case'),
              t('team.notices.file'),
              t('team.notices.why'),
              t('team.notices.action'),
            ]}
          >
            {notices.refusedEvidence.map((notice) => (
              <RefusedEvidenceRow key={notice.sha256} notice={notice} caseLink={caseLink} />
            ))}
          </NoticeSection>
        )}
        {!!notices?.referenceClashes.length && (
          <NoticeSection
            id="reference-clash-title"
            title={t('team.notices.clashTitle')}
            intro={t('team.notices.clashIntro')}
            columns={[
              t('team.notices.serverReference'),
              t('team.notices.shownAs'),
              t('team.notices.localCase'),
            ]}
          >
            {notices.referenceClashes.map((clash) => (
              <TableRow key={clash.caseId}>
                <TableCell component="th" scope="row">
                  {clash.reference || t('team.notices.hiddenCase')}
                </TableCell>
                <TableCell>{caseLink(clash.caseId, clash.shownAs)}</TableCell>
                <TableCell>
                  {clash.localCase
                    ? caseLink(clash.localCase.id, clash.localCase.reference)
                    : t('team.notices.noLocalCase')}
                </TableCell>
              </TableRow>
            ))}
          </NoticeSection>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('team.sync.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** One kind of notice: its heading, what it means, and a table of the notices (labelled by the heading). */
function NoticeSection({
  id,
  title,
  intro,
  columns,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  columns: readonly string[];
  children: React.ReactNode;
}) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ '& + &': { mt: 3 } }}>
      <Typography variant="subtitle1" component="h3" id={id} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <DialogContentText sx={{ mb: 1 }}>{intro}</DialogContentText>
      <Table size="small" aria-labelledby={id}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column}>{column}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{children}</TableBody>
      </Table>
    </Box>
  );
}

function RefusedEvidenceRow({
  notice,
  caseLink,
}: {
  notice: RefusedEvidenceNotice;
  caseLink: (id: string, reference: string | null) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  const name = notice.files.find((f) => f.name)?.name ?? '';
  const sendAgain = async () => {
    setSending(true);
    try {
      const answer = await sendEvidenceFile(getDb(), windowTransport.uploadEvidence, notice.sha256);
      if (!answer.online) notify(t('team.notices.offline', { message: answer.message }), 'warning');
      else if (answer.outcome === 'refused')
        notify(t('team.notices.stillRefused', { message: answer.message }), 'error');
      else notify(t('team.notices.sent'), 'success');
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setSending(false);
    }
  };
  return (
    <TableRow>
      <TableCell sx={{ whiteSpace: notice.files.length ? 'nowrap' : 'normal' }}>
        {notice.files.length
          ? notice.files.map((f) => (
              <Box key={f.evidenceId} component="span" sx={{ display: 'block' }}>
                {caseLink(f.caseId, f.reference)}
              </Box>
            ))
          : notice.keptCopy
            ? t('team.notices.keptCase')
            : t('team.notices.noFile')}
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-word' }}>
        {name || (notice.keptCopy && !notice.files.length ? t('team.notices.keptCopy') : '')}
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-word' }}>{notice.message}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <Button
          size="small"
          variant="outlined"
          disabled={sending}
          aria-label={t('team.notices.sendAgainFor', { name: name || notice.sha256.slice(0, 12) })}
          onClick={() => void sendAgain()}
        >
          {sending ? t('team.notices.sending') : t('team.notices.sendAgain')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

function RefusedChangeRow({
  notice,
  caseLink,
}: {
  notice: RefusedChangeNotice;
  caseLink: (id: string, reference: string | null) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const markRead = useMarkRead(notice.key);
  const what = (r: RefusedRecordNotice) =>
    r.what === 'approval'
      ? t('team.notices.whatApproval')
      : t(`team.sync.kinds.${r.kind}`, { defaultValue: r.kind });
  const unique = (values: string[]) => [...new Set(values)];
  const names = unique(notice.records.flatMap((r) => (r.by ? [r.by.name] : [])));
  const references = unique(notice.records.map((r) => r.reference ?? t('team.notices.hiddenCase')));
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ minWidth: 260 }}>
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {notice.records.map((r) => (
            <Box component="li" key={`${r.kind}/${r.recordId}`} sx={{ '& + &': { mt: 0.5 } }}>
              <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                {r.caseId ? caseLink(r.caseId, r.reference) : t('team.notices.hiddenCase')}
              </Box>
              {' · '}
              {what(r)}
              {r.outcome && (
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  {t(`team.notices.outcome.${r.outcome}`)}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      </TableCell>
      <TableCell>
        {t('team.notices.byAt', { name: names.join(', '), at: format.dateTime(notice.at) })}
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-word' }}>
        {notice.message || t('team.notices.hiddenReason')}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <Button
          size="small"
          variant="outlined"
          aria-label={t('team.notices.markReadFor', { reference: references.join(', ') })}
          onClick={() => void markRead()}
        >
          {t('team.notices.markRead')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

/** Marks a notice read (the case's history keeps what it said). */
function useMarkRead(key: string): () => Promise<void> {
  const { t } = useTranslation();
  const notify = useNotify();
  return async () => {
    try {
      await dismissRefusal(getDb(), key);
      notify(t('team.notices.markedRead'), 'success');
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
}

/** A case the desk no longer keeps: named by the reference it had here, which no longer links anywhere. */
function RemovedCaseRow({ notice }: { notice: RefusedChangeNotice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const markRead = useMarkRead(notice.key);
  const references = [...new Set(notice.records.map((r) => r.reference ?? t('team.notices.unnamedCase')))];
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {references.map((reference) => (
            <li key={reference}>{reference}</li>
          ))}
        </Box>
      </TableCell>
      <TableCell>{format.dateTime(notice.at)}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <Button
          size="small"
          variant="outlined"
          aria-label={t('team.notices.removedReadFor', { reference: references.join(', ') })}
          onClick={() => void markRead()}
        >
          {t('team.notices.markRead')}
        </Button>
      </TableCell>
    </TableRow>
  );
}
