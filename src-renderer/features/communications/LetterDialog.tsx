import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { emptyFieldsUsed, MERGE_FIELDS, renderTemplate } from '../../../src-shared/domain/templates';
import { useCaseRules } from '../../app/case-rules';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import {
  letterChannelFor,
  letterKindOfTemplate,
  LETTER_CHANNELS,
  LETTER_KINDS,
  placeholdersLeft,
  templatePlaceholders,
  type LetterChannel,
  type LetterKind,
} from '../../../src-shared/domain/communications';
import { proposalNotInLetter } from '../../../src-shared/domain/resolution';
import { recordCommunication } from '../../db/communications';
import { getDb } from '../../db/schema';
import { ensureDefaultTemplates } from '../../db/templates';
import type { TemplateRecord } from '../../../src-shared/domain/template-record';
import { useCurrentProposal, useMergeContext, useTemplates } from '../resolution/hooks';
import { useCurrentUser } from '../users/current-user';
import { LetterActions, type Letter } from './LetterActions';
import { errorText } from '../../api/error-text';
import { keepTypedOnClose } from '../../components/dialog-close';

const DESCRIPTIONS = new Map(MERGE_FIELDS.map((f) => [f.path, f.description]));

/** Write a letter: choose a template, edit the rendered text, then send/record it in the log. */
export function LetterDialog({ record, onClose }: { record: CaseRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rules = useCaseRules();
  const { settings } = useSettings();
  const { user, actor } = useCurrentUser();
  const templates = useTemplates();
  const ctx = useMergeContext(record, user.name);
  const [template, setTemplate] = useState<TemplateRecord | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [acknowledge, setAcknowledge] = useState(true);
  // What the letter is decides which deadline it meets: preset from the template, the officer's call.
  const [kind, setKind] = useState<LetterKind>('other');
  const [channel, setChannel] = useState<LetterChannel>(() =>
    letterChannelFor(record.complainant.preferredContact),
  );
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void ensureDefaultTemplates(getDb()), []);

  const choose = (key: string) => {
    const tpl = templates?.find((x) => x.key === key) ?? null;
    setTemplate(tpl);
    if (tpl) setKind(letterKindOfTemplate(tpl.kind));
    if (tpl && ctx) {
      const fmt = { locale: settings.locale, timeZone: settings.timeZone };
      setSubject(renderTemplate(tpl.subject, ctx, fmt));
      setBody(renderTemplate(tpl.body, ctx, fmt));
    }
  };
  // What the template itself asks the officer to write: a merged value's brackets are not asked.
  const own = useMemo(
    () => (template ? templatePlaceholders(template.subject, template.body) : []),
    [template],
  );
  const placeholders = placeholdersLeft(own, subject, body);
  const missing = template && ctx ? emptyFieldsUsed(`${template.subject}\n${template.body}`, ctx) : [];
  const proposal = useCurrentProposal(record.id);
  // Why the proposal's own fields are empty, when the letter uses one.
  const proposalWhy = (() => {
    if (proposal === undefined || !missing.some((f) => f.startsWith('resolution.'))) return null;
    const why = proposalNotInLetter(proposal);
    // Two currencies leave only the total empty; another empty field has its own cause.
    return why === 'currencies' && !missing.includes('resolution.total') ? null : why;
  })();
  const canAcknowledge = kind === 'acknowledgement' && record.status === 'received';
  const c = record.complainant;
  const letter: Letter = { subject, body, to: c.email || c.address || c.name, placeholders: own };

  const send = async () => {
    setError(null);
    try {
      await recordCommunication(
        getDb(),
        record.id,
        {
          direction: 'out',
          channel,
          at: new Date().toISOString(),
          from: `${user.name}, ${settings.officeName}`,
          to: letter.to,
          subject,
          body,
          kind,
        },
        actor,
        {
          template: template && { key: template.key, version: template.version, name: template.name },
          ...(canAcknowledge && acknowledge ? { acknowledge: { rules } } : {}),
        },
      );
      notify(
        t(canAcknowledge && acknowledge ? 'resolution.letter.sentAck' : 'resolution.comms.saved'),
        'success',
      );
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Dialog open onClose={keepTypedOnClose(onClose)} maxWidth="md" fullWidth aria-labelledby="letter-title">
      <DialogTitle id="letter-title">{t('resolution.letter.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            required
            label={t('resolution.letter.template')}
            value={template?.key ?? ''}
            onChange={(e) => choose(e.target.value)}
            helperText={template ? undefined : t('resolution.letter.chooseTemplate')}
            disabled={!templates || !ctx}
          >
            {(templates ?? []).map((tpl) => (
              <MenuItem key={tpl.key} value={tpl.key}>
                {tpl.name}
              </MenuItem>
            ))}
          </TextField>
          {template && (
            <>
              {missing.length > 0 && (
                <Alert severity="warning">
                  {t('resolution.letter.emptyFields', {
                    fields: missing.map((f) => DESCRIPTIONS.get(f) ?? f).join(', '),
                  })}
                  {proposalWhy && ` ${t(`resolution.letter.proposalNotIn.${proposalWhy}`)}`}
                </Alert>
              )}
              <TextField
                label={t('resolution.comms.subject')}
                required
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
              />
              <TextField
                label={t('resolution.templates.body')}
                required
                multiline
                minRows={14}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                error={placeholders.length > 0}
                helperText={
                  placeholders.length > 0
                    ? t('resolution.letter.placeholders', { list: placeholders.join(', ') })
                    : undefined
                }
              />
              <TextField
                select
                label={t('resolution.letter.kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value as LetterKind)}
                helperText={t(`resolution.letter.kindHelp.${kind}`)}
              >
                {LETTER_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`resolution.letter.kinds.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                label={t('resolution.letter.channel')}
                value={channel}
                onChange={(e) => setChannel(e.target.value as LetterChannel)}
                helperText={t('resolution.letter.channelHelp')}
              >
                {LETTER_CHANNELS.map((ch) => (
                  <MenuItem key={ch} value={ch}>
                    {t(`resolution.letter.channels.${ch}`)}
                  </MenuItem>
                ))}
              </TextField>
              {canAcknowledge && (
                <FormControlLabel
                  control={
                    <Checkbox checked={acknowledge} onChange={(e) => setAcknowledge(e.target.checked)} />
                  }
                  label={t('resolution.letter.acknowledge')}
                />
              )}
            </>
          )}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        {template && <LetterActions record={record} letter={letter} onSend={send} />}
      </DialogActions>
    </Dialog>
  );
}
