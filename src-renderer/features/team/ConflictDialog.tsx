// The choice when the same field was changed on two desks: each value side by side, and per field
// "keep mine" or "take theirs". Saving writes the choice (sent to the server like any change) and
// an entry in the case history holding both values.
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
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
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { getDb } from '../../db/schema';
import {
  fieldsToChoose,
  resolveConflict,
  waitingConflictsWithCases,
  type ConflictChoice,
  type SyncConflict,
} from '../../db/sync-conflicts';
import { useCurrentUser } from '../users/current-user';
import { errorText } from '../../api/error-text';

export function ConflictDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const conflicts = useLiveQuery(() => waitingConflictsWithCases(getDb()), []);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="conflicts-title">
      <DialogTitle id="conflicts-title">{t('team.sync.dialogTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('team.sync.dialogIntro')}</DialogContentText>
        {conflicts?.length === 0 && <Alert severity="success">{t('team.sync.none')}</Alert>}
        {conflicts?.map(({ conflict, reference }) => (
          <ConflictChoiceForm key={conflict.id} conflict={conflict} reference={reference} />
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('team.sync.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function ConflictChoiceForm({ conflict, reference }: { conflict: SyncConflict; reference: string | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const what = t(`team.sync.kinds.${conflict.kind}`, { defaultValue: conflict.kind });
  const title = reference
    ? t('team.sync.record', { what, reference })
    : t('team.sync.recordNoCase', { what });
  const headingId = `conflict-${conflict.id}`;
  const fieldName = (field: string) =>
    t(`team.sync.fieldNames.${field}`, { defaultValue: t(`case.${field}`, { defaultValue: field }) });
  const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  // A value as a person reads it: names rather than ids, instants in the office's time.
  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('team.sync.empty');
    if (typeof value === 'string') return ISO_INSTANT.test(value) ? format.dateTime(value) : value;
    if (typeof value !== 'object') return String(value);
    if (Array.isArray(value)) return value.map(shown).join(', ');
    const entries = Object.entries(value as Record<string, unknown>);
    const named = entries.find(([k]) => k === 'name');
    if (named && entries.every(([k]) => k === 'name' || k === 'id')) return shown(named[1]);
    // The same order in both columns, so the two versions read line against line.
    return entries
      .filter(([k]) => k !== 'id')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${fieldName(k)}: ${shown(v)}`)
      .join('\n');
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await resolveConflict(getDb(), conflict.id, choices, actor);
      notify(t('team.sync.settled'), 'success');
    } catch (e) {
      setError(errorText(e));
      setSaving(false);
    }
  };

  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell>{t('team.sync.field')}</TableCell>
            <TableCell>{t('team.sync.mine')}</TableCell>
            <TableCell>{t('team.sync.theirs')}</TableCell>
            <TableCell>{t('team.sync.choice')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {fieldsToChoose(conflict).map((f) => (
            <TableRow key={f.field}>
              <TableCell component="th" scope="row">
                {fieldName(f.field)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{shown(f.mine)}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {shown(f.theirs)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <RadioGroup
                  aria-label={t('team.sync.choiceFor', { field: fieldName(f.field) })}
                  value={choices[f.field] ?? 'mine'}
                  onChange={(e) => setChoices((c) => ({ ...c, [f.field]: e.target.value as ConflictChoice }))}
                >
                  <FormControlLabel value="mine" control={<Radio />} label={t('team.sync.keepMine')} />
                  <FormControlLabel value="theirs" control={<Radio />} label={t('team.sync.takeTheirs')} />
                </RadioGroup>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ mt: 1, display: 'flex', justifyContent: 'flex-end' }}>
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {t('team.sync.settle')}
        </Button>
      </Box>
    </Box>
  );
}
