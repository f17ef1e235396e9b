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
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { FormOfficeDateTime } from '../../components/DateField';
import { FormSelect, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { EmptyState } from '../../components/EmptyState';
import { NotAllowed } from '../../components/NotAllowed';
import {
  COMM_CHANNELS,
  CommunicationSchema,
  DIRECTIONS,
  LETTER_KINDS,
  recordCommunication,
  type CommunicationInput,
  type CommunicationRecord,
} from '../../db/communications';
import { getDb } from '../../db/schema';
import { InboundEmailImport } from '../email/InboundEmailImport';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCommunications } from '../resolution/hooks';
import { useCurrentUser } from '../users/current-user';
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

/**
 * Record a call, e-mail, meeting or letter that did not start from a template. Checked by the
 * repository's own schema, so every field refused shows its reason at once; a refusal only saving
 * can find (a time before the complaint came in) goes beside its field too.
 */
function ContactDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const now = useNow();
  const blank: CommunicationInput = {
    direction: 'in',
    channel: 'phone',
    at: now.toISOString(),
    from: '',
    to: '',
    subject: '',
    body: '',
    kind: 'other',
  };
  const { control, submit, refusal, setValue, formState } = useSchemaForm(CommunicationSchema, {
    defaultValues: blank,
  });
  const direction = useWatch({ control, name: 'direction' });
  const kind = useWatch({ control, name: 'kind' }) ?? 'other';
  const save = submit(async (input) => {
    await recordCommunication(getDb(), caseId, input, actor);
    notify(t('resolution.comms.saved'), 'success');
    onClose();
  });
  const saving = formState.isSubmitting;
  return (
    <Dialog
      open
      onClose={keepTypedOnClose(onClose, saving)}
      maxWidth="sm"
      fullWidth
      aria-labelledby="contact-title"
    >
      <Box component="form" onSubmit={(e) => void save(e)} noValidate>
        <DialogTitle id="contact-title">{t('resolution.comms.record')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
              <Controller
                name="direction"
                control={control}
                render={({ field: { ref, ...field } }) => (
                  <TextField
                    select
                    label={t('resolution.comms.direction')}
                    {...field}
                    inputRef={ref}
                    // Only what we send can meet a deadline: an incoming contact is always 'other'.
                    onChange={(e) => {
                      field.onChange(e.target.value);
                      setValue('kind', 'other');
                    }}
                  >
                    {DIRECTIONS.map((d) => (
                      <MenuItem key={d} value={d}>
                        {t(`resolution.comms.${d}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                )}
              />
              <FormSelect
                control={control}
                name="channel"
                label={t('resolution.comms.channel')}
                options={COMM_CHANNELS.map((c) => ({ value: c, label: t(`resolution.comms.channels.${c}`) }))}
              />
              <FormOfficeDateTime control={control} name="at" label={t('resolution.comms.at')} />
              {direction === 'out' ? (
                <FormSelect
                  control={control}
                  name="kind"
                  label={t('resolution.letter.kind')}
                  helperText={t(`resolution.letter.kindHelp.${kind}`)}
                  options={LETTER_KINDS.map((k) => ({ value: k, label: t(`resolution.letter.kinds.${k}`) }))}
                />
              ) : (
                <span />
              )}
              <FormText control={control} name="from" label={t('resolution.comms.from')} />
              <FormText control={control} name="to" label={t('resolution.comms.to')} />
            </Box>
            <FormText control={control} name="subject" label={t('resolution.comms.subject')} required />
            <FormText
              control={control}
              name="body"
              label={t('resolution.comms.body')}
              required
              multiline
              minRows={5}
            />
            {/* A refusal no field shows goes here, never nowhere. */}
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
