import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { canEditNote, sortNotes, type InvestigationNote } from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { addNote, editNote, setNotePinned } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useNotes } from './hooks';
import { Markdown } from './Markdown';
import { messageOf, Section } from './Section';

/** A Markdown box with Write / Preview tabs. */
function MarkdownEditor({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  return (
    <Box>
      <Tabs value={preview ? 1 : 0} onChange={(_e, v: number) => setPreview(v === 1)} sx={{ minHeight: 36 }}>
        <Tab label={t('investigation.notes.write')} sx={{ minHeight: 36 }} />
        <Tab label={t('investigation.notes.preview')} sx={{ minHeight: 36 }} />
      </Tabs>
      {preview ? (
        <Paper variant="outlined" sx={{ p: 2, minHeight: 96 }} aria-label={t('investigation.notes.preview')}>
          {value.trim() ? (
            <Markdown text={value} />
          ) : (
            <Typography color="text.secondary">{t('investigation.notes.nothing')}</Typography>
          )}
        </Paper>
      ) : (
        <TextField
          label={label}
          required
          multiline
          minRows={3}
          fullWidth
          value={value}
          onChange={(e) => onChange(e.target.value)}
          error={!!error}
          helperText={error ?? t('investigation.notes.markdownHelp')}
        />
      )}
    </Box>
  );
}

function NoteCard({ note, caseOpen }: { note: InvestigationNote; caseOpen: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const may = canEditNote(note, actor.id, caseOpen);
  const save = async () => {
    try {
      await editNote(getDb(), note.id, editing ?? '', actor);
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={t('investigation.notes.noteBy', { name: note.author.name })}
      sx={{ p: 2, borderColor: note.pinned ? 'primary.main' : 'divider' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle2">{note.author.name}</Typography>
        <Typography variant="body2" color="text.secondary">
          {format.dateTime(note.createdAt)}
          {note.editedAt
            ? ` · ${t('investigation.notes.edited', { date: format.dateTime(note.editedAt) })}`
            : ''}
        </Typography>
        {note.pinned && <Chip size="small" color="primary" label={t('investigation.notes.pinned')} />}
      </Stack>
      {editing === null ? (
        <Markdown text={note.text} />
      ) : (
        <Stack spacing={1}>
          <MarkdownEditor
            label={t('investigation.notes.text')}
            value={editing}
            onChange={setEditing}
            error={error}
          />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" size="small" onClick={() => void save()}>
              {t('investigation.notes.saveEdit')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
          </Stack>
        </Stack>
      )}
      {editing === null && caseOpen && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {may.ok && (
            <Button size="small" onClick={() => setEditing(note.text)}>
              {t('investigation.notes.edit')}
            </Button>
          )}
          <Button
            size="small"
            onClick={() =>
              void setNotePinned(getDb(), note.id, !note.pinned, actor).catch((e: unknown) =>
                notify(messageOf(e), 'error'),
              )
            }
          >
            {note.pinned ? t('investigation.notes.unpin') : t('investigation.notes.pin')}
          </Button>
        </Stack>
      )}
    </Paper>
  );
}

/** Timestamped, authored Markdown notes; pinned ones first; a filter by author. */
export function NotesSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const notes = useNotes(record.id);
  const [author, setAuthor] = useState('');
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const caseOpen = record.open === 1;
  const authors = [...new Map((notes ?? []).map((n) => [n.author.id, n.author.name])).entries()];
  const shown = sortNotes(notes ?? [], author);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await addNote(getDb(), record.id, { text, pinned }, actor);
      setText('');
      setPinned(false);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Section id="notes" title={t('investigation.notes.title')} intro={t('investigation.notes.intro')}>
      {caseOpen && (
        <Box
          component="form"
          onSubmit={(e) => void add(e)}
          noValidate
          aria-label={t('investigation.notes.add')}
        >
          <Stack spacing={1}>
            <MarkdownEditor
              label={t('investigation.notes.text')}
              value={text}
              onChange={setText}
              error={error}
            />
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <FormControlLabel
                control={<Checkbox checked={pinned} onChange={(e) => setPinned(e.target.checked)} />}
                label={t('investigation.notes.pinIt')}
              />
              <Button type="submit" variant="outlined">
                {t('investigation.notes.add')}
              </Button>
            </Stack>
          </Stack>
        </Box>
      )}
      {authors.length > 1 && (
        <TextField
          select
          size="small"
          label={t('investigation.notes.filter')}
          value={author}
          onChange={(e) => setAuthor(e.target.value)}
          sx={{ maxWidth: 260 }}
        >
          <MenuItem value="">{t('investigation.notes.allAuthors')}</MenuItem>
          {authors.map(([id, name]) => (
            <MenuItem key={id} value={id}>
              {name}
            </MenuItem>
          ))}
        </TextField>
      )}
      {notes && notes.length === 0 && (
        <Typography color="text.secondary">{t('investigation.notes.empty')}</Typography>
      )}
      {shown.map((note) => (
        <NoteCard key={note.id} note={note} caseOpen={caseOpen} />
      ))}
      {!caseOpen && <Alert severity="info">{t('investigation.closedReadOnly')}</Alert>}
    </Section>
  );
}
