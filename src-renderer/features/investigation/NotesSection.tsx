import {
  Alert,
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import {
  canEditNote,
  NoteInputSchema,
  sortNotes,
  type InvestigationNote,
  type NoteInput,
} from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { addNote, editNote, setNotePinned } from '../../db/investigation';
import { FormCheckbox } from '../../components/FormFields';
import { pageSaysWhy } from '../../components/NotAllowed';
import { useSchemaForm } from '../../components/schema-form';
import { formDraftKey } from '../../components/form-draft';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useInvestigationEditable, useNotes } from './hooks';
import { Markdown } from './Markdown';
import { messageOf, Section } from './Section';

/** A Markdown box with Write / Preview tabs, bound to a form's `text`; a refusal brings Write back. */
function MarkdownEditor<T extends { text: string }>({
  label,
  control,
}: {
  label: string;
  control: Control<T>;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const { field, fieldState } = useController({
    control: control as unknown as Control<{ text: string }>,
    name: 'text',
  });
  const showPreview = preview && !fieldState.error;
  return (
    <Box>
      <Tabs
        value={showPreview ? 1 : 0}
        onChange={(_e, v: number) => setPreview(v === 1)}
        sx={{ minHeight: 36 }}
      >
        <Tab label={t('investigation.notes.write')} sx={{ minHeight: 36 }} />
        <Tab label={t('investigation.notes.preview')} sx={{ minHeight: 36 }} />
      </Tabs>
      {showPreview ? (
        <Paper variant="outlined" sx={{ p: 2, minHeight: 96 }} aria-label={t('investigation.notes.preview')}>
          {field.value.trim() ? (
            <Markdown text={field.value} />
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
          name={field.name}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? t('investigation.notes.markdownHelp')}
        />
      )}
    </Box>
  );
}

const EditSchema = NoteInputSchema.pick({ text: true });

/** Changing a note's text, in place of the note. */
function NoteEditForm({ note, onDone }: { note: InvestigationNote; onDone: () => void }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const { control, submit, refusal } = useSchemaForm(EditSchema, { defaultValues: { text: note.text } });
  const save = submit(async ({ text }) => {
    await editNote(getDb(), note.id, text, actor);
    onDone();
  });
  return (
    <Stack
      spacing={1}
      component="form"
      noValidate
      onSubmit={(e) => void save(e)}
      aria-label={t('investigation.notes.edit')}
    >
      <MarkdownEditor label={t('investigation.notes.text')} control={control} />
      {refusal && <Alert severity="error">{refusal}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" size="small">
          {t('investigation.notes.saveEdit')}
        </Button>
        <Button size="small" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}

function NoteCard({ note, editable }: { note: InvestigationNote; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const may = canEditNote(note, actor.id, editable);
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
      {editing ? (
        <NoteEditForm note={note} onDone={() => setEditing(false)} />
      ) : (
        <Markdown text={note.text} />
      )}
      {!editing && editable && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {may.ok && (
            <Button size="small" onClick={() => setEditing(true)}>
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

const EMPTY_NOTE: NoteInput = { text: '', pinned: false };

/** Timestamped, authored Markdown notes; pinned ones first; a filter by author. */
export function NotesSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor, user, can } = useCurrentUser();
  const recording = can('investigation.edit', { case: caseSubject(record) });
  const notes = useNotes(record.id);
  const [author, setAuthor] = useState('');
  const { control, reset, submit, refusal } = useSchemaForm(NoteInputSchema, {
    defaultValues: EMPTY_NOTE,
    draft: formDraftKey(user.id, record.id, 'note'),
  });
  const editable = useInvestigationEditable(record);
  const authors = [...new Map((notes ?? []).map((n) => [n.author.id, n.author.name])).entries()];
  const shown = sortNotes(notes ?? [], author);

  const add = submit(async (input) => {
    await addNote(getDb(), record.id, input, actor);
    reset(EMPTY_NOTE);
  });

  return (
    <Section id="notes" title={t('investigation.notes.title')} intro={t('investigation.notes.intro')}>
      {editable && (
        <Box
          component="form"
          onSubmit={(e) => void add(e)}
          noValidate
          aria-label={t('investigation.notes.add')}
        >
          <Stack spacing={1}>
            <MarkdownEditor label={t('investigation.notes.text')} control={control} />
            {refusal && <Alert severity="error">{refusal}</Alert>}
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <FormCheckbox control={control} name="pinned" label={t('investigation.notes.pinIt')} />
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
        <NoteCard key={note.id} note={note} editable={editable} />
      ))}
      {record.open !== 1 && !pageSaysWhy(recording) && (
        <Alert severity="info">{t('investigation.closedReadOnly')}</Alert>
      )}
    </Section>
  );
}
