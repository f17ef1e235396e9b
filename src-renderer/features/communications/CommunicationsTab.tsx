import CallReceivedIcon from '@mui/icons-material/CallReceived';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Box,
  Button,
  Collapse,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { OfficeDateTimeField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { NotAllowed } from '../../components/NotAllowed';
import {
  COMM_CHANNELS,
  DIRECTIONS,
  LETTER_KINDS,
  recordCommunication,
  type LetterKind,
  type CommunicationInput,
  type CommunicationRecord,
} from '../../db/communications';
import { getDb } from '../../db/schema';
import { InboundEmailImport } from '../email/InboundEmailImport';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCommunications } from '../resolution/hooks';
import { useCurrentUser } from '../users/current-user';
import { formError } from '../resolution/form-error';
import { KeepInformedNotice } from './KeepInformed';
import { SaveLetterPdfButton } from './LetterActions';
import { LetterDialog } from './LetterDialog';
import { keepTypedOnClose } from '../../components/dialog-close';

/** The case's communications log: letters written from templates and every other contact, newest first. */
export function CommunicationsTab({ record }: CaseTabProps) {
  const { t } = useTranslation();
  const comms = useCommunications(record.id);
  const [dialog, setDialog] = useState<'letter' | 'contact' | null>(null);
  const recording = useCurrentUser().can('communication.record', { case: caseSubject(record) });
  return (
    <Stack spacing={3}>
      <KeepInformedNotice record={record} />
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="comms-heading">
        <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" id="comms-heading" sx={{ flexGrow: 1 }}>
            {t('resolution.comms.log')}
          </Typography>
          {recording.ok ? (
            <>
              <Button variant="contained" onClick={() => setDialog('letter')}>
                {t('resolution.comms.writeLetter')}
              </Button>
              <Button variant="outlined" onClick={() => setDialog('contact')}>
                {t('resolution.comms.record')}
              </Button>
            </>
          ) : (
            <NotAllowed permission={recording} />
          )}
        </Stack>
        {recording.ok && <InboundEmailImport caseId={record.id} />}
        {comms && comms.length === 0 && (
          <EmptyState title={t('resolution.comms.title')} body={t('resolution.comms.empty')} />
        )}
        <Stack
          component="ol"
          spacing={2}
          sx={{ m: 0, p: 0, listStyle: 'none' }}
          aria-label={t('resolution.comms.log')}
        >
          {(comms ?? []).map((c) => (
            <CommunicationItem key={c.id} item={c} record={record} />
          ))}
        </Stack>
      </Paper>
      {dialog === 'letter' && <LetterDialog record={record} onClose={() => setDialog(null)} />}
      {dialog === 'contact' && <ContactDialog caseId={record.id} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function CommunicationItem({ item, record }: { item: CommunicationRecord; record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const Icon = item.direction === 'out' ? SendIcon : CallReceivedIcon;
  return (
    <Paper variant="outlined" component="li" sx={{ p: 2 }} aria-label={item.subject}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <Icon fontSize="small" color="action" sx={{ mt: 0.5 }} aria-hidden />
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography sx={{ fontWeight: 600 }}>{item.subject}</Typography>
          <Typography variant="body2" color="text.secondary">
            {item.direction === 'out' && item.kind && item.kind !== 'other'
              ? `${t(`resolution.letter.kinds.${item.kind}`)} · `
              : ''}
            {t(`resolution.comms.${item.direction}`)} · {t(`resolution.comms.channels.${item.channel}`)} ·{' '}
            {format.dateTime(item.at)}
            {item.from ? ` · ${t('resolution.comms.from')}: ${item.from}` : ''}
            {item.to ? ` · ${t('resolution.comms.to')}: ${item.to}` : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('resolution.comms.recordedBy', { name: item.recordedBy.name })}
            {item.template
              ? ` · ${t('resolution.comms.fromTemplate', { name: item.template.name, version: item.template.version })}`
              : ''}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 0.5, ml: -1 }}>
            <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
              {open ? t('resolution.comms.hideText') : t('resolution.comms.showText')}
            </Button>
            {/* A letter we sent can be printed again exactly as stored, dated when it was sent. */}
            {item.direction === 'out' && (item.channel === 'letter' || item.template) ? (
              <SaveLetterPdfButton
                record={record}
                subject={item.subject}
                body={item.body}
                date={item.at}
                size="small"
              />
            ) : null}
          </Stack>
          <Collapse in={open}>
            <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }} data-testid="communication-text">
              {item.body}
            </Typography>
          </Collapse>
        </Box>
      </Stack>
    </Paper>
  );
}

/** Record a call, e-mail, meeting or letter that did not start from a template. */
function ContactDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const now = useNow();
  const [v, setV] = useState<CommunicationInput>({
    direction: 'in',
    channel: 'phone',
    at: now.toISOString(),
    from: '',
    to: '',
    subject: '',
    body: '',
    kind: 'other',
  });
  const [errors, setErrors] = useState<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<CommunicationInput>) => setV({ ...v, ...patch });
  const err = (f: string) => (errors?.field === f ? errors.message : undefined);
  const save = async () => {
    setSaving(true);
    try {
      await recordCommunication(getDb(), caseId, v, actor);
      notify(t('resolution.comms.saved'), 'success');
      onClose();
    } catch (e) {
      setErrors(formError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open
      onClose={keepTypedOnClose(onClose, saving)}
      maxWidth="sm"
      fullWidth
      aria-labelledby="contact-title"
    >
      <DialogTitle id="contact-title">{t('resolution.comms.record')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField
              select
              label={t('resolution.comms.direction')}
              value={v.direction}
              // Only what we send can meet a deadline: an incoming contact is always 'other'.
              onChange={(e) => set({ direction: e.target.value as 'in', kind: 'other' })}
            >
              {DIRECTIONS.map((d) => (
                <MenuItem key={d} value={d}>
                  {t(`resolution.comms.${d}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={t('resolution.comms.channel')}
              value={v.channel}
              onChange={(e) => set({ channel: e.target.value as 'phone' })}
            >
              {COMM_CHANNELS.map((c) => (
                <MenuItem key={c} value={c}>
                  {t(`resolution.comms.channels.${c}`)}
                </MenuItem>
              ))}
            </TextField>
            <OfficeDateTimeField
              label={t('resolution.comms.at')}
              value={v.at}
              onChange={(at) => set({ at })}
              error={!!err('at')}
              helperText={err('at')}
            />
            {v.direction === 'out' ? (
              <TextField
                select
                label={t('resolution.letter.kind')}
                value={v.kind ?? 'other'}
                onChange={(e) => set({ kind: e.target.value as LetterKind })}
                helperText={t(`resolution.letter.kindHelp.${v.kind ?? 'other'}`)}
              >
                {LETTER_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`resolution.letter.kinds.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              <span />
            )}
            <TextField
              label={t('resolution.comms.from')}
              value={v.from}
              onChange={(e) => set({ from: e.target.value })}
              error={!!err('from')}
              helperText={err('from')}
            />
            <TextField
              label={t('resolution.comms.to')}
              value={v.to}
              onChange={(e) => set({ to: e.target.value })}
              error={!!err('to')}
              helperText={err('to')}
            />
          </Box>
          <TextField
            label={t('resolution.comms.subject')}
            required
            value={v.subject}
            onChange={(e) => set({ subject: e.target.value })}
            error={!!err('subject')}
            helperText={err('subject')}
          />
          <TextField
            label={t('resolution.comms.body')}
            required
            multiline
            minRows={5}
            value={v.body}
            onChange={(e) => set({ body: e.target.value })}
            error={!!err('body')}
            helperText={err('body')}
          />
          {/* Beside its field where one shows it; any other refusal here, never nowhere. */}
          {errors && !SHOWN_BESIDE.includes(errors.field ?? '') && (
            <Alert severity="error">{errors.message}</Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The contact dialog's fields that show their own refusal. */
const SHOWN_BESIDE = ['at', 'subject', 'body', 'from', 'to'];
