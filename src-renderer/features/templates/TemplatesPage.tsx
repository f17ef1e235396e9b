import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItemButton,
  ListItemText,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_KINDS,
  wordingFingerprint,
  type TemplateKind,
} from '../../../src-shared/domain/default-templates';
import { MERGE_FIELDS } from '../../../src-shared/domain/templates';
import { ValidationError } from '../../../src-shared/errors';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { PageHeader } from '../../components/PageHeader';
import { getDb } from '../../db/schema';
import { ensureDefaultTemplates, saveTemplate, standingOf } from '../../db/templates';
import type { TemplateRecord } from '../../../src-shared/domain/template-record';
import { useCurrentUser } from '../users/current-user';
import { useTemplates, useTemplateVersions } from '../resolution/hooks';
import { LetterPreview } from './LetterPreview';

const EXAMPLES = [
  '{{complainant.name}}',
  '{{date case.receivedAt "full"}}',
  '{{money resolution.total}}',
  '{{#if regime.uk}}…{{/if}}',
];

/** The template library: pick a template, edit it with the field list, preview it on a case, save a new version. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [selected, setSelected] = useState<string | null | 'new'>(null);
  useEffect(() => void ensureDefaultTemplates(getDb()), []);
  const current = templates?.find((x) => x.key === selected) ?? (selected === 'new' ? null : templates?.[0]);
  return (
    <>
      <PageHeader
        title={t('resolution.templates.title')}
        subtitle={t('resolution.templates.subtitle')}
        actions={
          <Button startIcon={<AddIcon />} variant="outlined" onClick={() => setSelected('new')}>
            {t('resolution.templates.newTemplate')}
          </Button>
        }
      />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: '260px minmax(0, 1fr)' },
          gap: 3,
          alignItems: 'start',
        }}
      >
        <Paper component="nav" aria-label={t('resolution.templates.list')}>
          <List dense>
            {(templates ?? []).map((tpl) => (
              <ListItemButton
                key={tpl.key}
                selected={tpl.key === current?.key}
                onClick={() => setSelected(tpl.key)}
              >
                <ListItemText
                  primary={tpl.name}
                  secondary={`${t(`resolution.kind.${tpl.kind}`)} · ${t('resolution.templates.version', { version: tpl.version })}`}
                />
              </ListItemButton>
            ))}
          </List>
        </Paper>
        {templates && (
          <TemplateEditor
            key={current ? `${current.key}@${current.version}` : 'new'}
            template={current ?? null}
            onCreated={setSelected}
          />
        )}
      </Box>
    </>
  );
}

function TemplateEditor({
  template,
  onCreated,
}: {
  template: TemplateRecord | null;
  onCreated: (key: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const versions = useTemplateVersions(template?.key ?? null);
  const [name, setName] = useState(template?.name ?? '');
  const [kind, setKind] = useState<TemplateKind>(template?.kind ?? 'other');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [basedOnDefault, setBasedOnDefault] = useState<string | undefined>(undefined);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const shipped = DEFAULT_TEMPLATES.find((d) => d.key === template?.key);
  const newerDefault = !!versions?.length && standingOf(versions) === 'edited-newer-default';

  const loadDefault = () => {
    if (!shipped) return;
    setName(shipped.name);
    setKind(shipped.kind);
    setSubject(shipped.subject);
    setBody(shipped.body);
    setBasedOnDefault(wordingFingerprint(shipped));
  };

  const insert = (text: string) => {
    const el = bodyRef.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await saveTemplate(
        getDb(),
        template?.key ?? null,
        { name, kind, subject, body, ...(basedOnDefault ? { basedOnDefault } : {}) },
        actor,
      );
      notify(t('resolution.templates.saved', { version: saved.version }), 'success');
      onCreated(saved.key);
    } catch (e) {
      setError({
        message: e instanceof Error ? e.message : String(e),
        ...(e instanceof ValidationError && e.field ? { field: e.field } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="template-editor-heading">
        <Typography variant="h6" component="h2" id="template-editor-heading" gutterBottom>
          {template
            ? t('resolution.templates.editing', { name: template.name, version: template.version })
            : t('resolution.templates.creating')}
        </Typography>
        <Stack spacing={2}>
          {newerDefault &&
            (basedOnDefault ? (
              <Alert severity="info" role="status">
                {t('resolution.templates.defaultLoaded')}
              </Alert>
            ) : (
              <Alert
                severity="info"
                role="status"
                action={
                  <Button color="inherit" size="small" onClick={loadDefault}>
                    {t('resolution.templates.loadDefault')}
                  </Button>
                }
              >
                {t('resolution.templates.newerDefault')}
              </Alert>
            ))}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
            <TextField
              label={t('resolution.templates.name')}
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={!!fieldError('name')}
              helperText={fieldError('name')}
            />
            <TextField
              select
              label={t('resolution.templates.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as TemplateKind)}
            >
              {TEMPLATE_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`resolution.kind.${k}`)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <TextField
            label={t('resolution.templates.subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            error={!!fieldError('subject')}
            helperText={fieldError('subject')}
          />
          <TextField
            label={t('resolution.templates.body')}
            required
            multiline
            minRows={14}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            inputRef={bodyRef}
            error={!!fieldError('body')}
            slotProps={{
              htmlInput: {
                spellCheck: true,
                style: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 14 },
              },
            }}
          />
          {error && (
            <Alert severity="error" role="alert">
              <strong>{t('resolution.templates.refused')}</strong>{' '}
              <Box component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap' }}>
                {error.message}
              </Box>
            </Alert>
          )}
          <Box>
            <Button variant="contained" onClick={() => void save()} disabled={busy}>
              {t('resolution.templates.save')}
            </Button>
          </Box>
        </Stack>
      </Paper>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="fields-heading">
        <Typography variant="h6" component="h2" id="fields-heading">
          {t('resolution.templates.fields')}
        </Typography>
        <Typography color="text.secondary" variant="body2" sx={{ mb: 1 }}>
          {t('resolution.templates.bodyHelp')}{' '}
          {EXAMPLES.map((x) => (
            <code key={x}>{x} </code>
          ))}
          <br />
          {t('resolution.templates.fieldsHelp')}
        </Typography>
        <Stack
          direction="row"
          sx={{ flexWrap: 'wrap', gap: 1 }}
          component="ul"
          aria-label={t('resolution.templates.fields')}
          style={{ padding: 0, margin: 0, listStyle: 'none' }}
        >
          {MERGE_FIELDS.map((f) => (
            <li key={f.path}>
              <Tooltip title={f.description}>
                <Chip
                  label={`{{${f.path}}}`}
                  size="small"
                  variant="outlined"
                  onClick={() => insert(f.type === 'flag' ? `{{#if ${f.path}}}{{/if}}` : `{{${f.path}}}`)}
                />
              </Tooltip>
            </li>
          ))}
        </Stack>
      </Paper>
      <LetterPreview subject={subject} body={body} />
      {versions && versions.length > 0 && (
        <Paper sx={{ p: 3 }} component="section" aria-labelledby="versions-heading">
          <Typography variant="h6" component="h2" id="versions-heading" gutterBottom>
            {t('resolution.templates.history')}
          </Typography>
          <Box component="ol" reversed sx={{ m: 0, pl: 3 }} aria-label={t('resolution.templates.history')}>
            {versions.map((v) => (
              <li key={v.id} value={v.version}>
                {t('resolution.templates.version', { version: v.version })} —{' '}
                {t('resolution.templates.byOn', {
                  name: v.createdBy.name,
                  date: format.dateTime(v.createdAt),
                })}
              </li>
            ))}
          </Box>
        </Paper>
      )}
    </Stack>
  );
}
