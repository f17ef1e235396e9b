import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_KINDS,
  wordingFingerprint,
} from '../../../src-shared/domain/default-templates';
import { TemplateInputSchema } from '../../../src-shared/domain/template-input';
import type { Permission } from '../../../src-shared/domain/permissions';
import { MERGE_FIELDS } from '../../../src-shared/domain/templates';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { FormSelect, FormText } from '../../components/FormFields';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeader } from '../../components/PageHeader';
import { useSchemaForm } from '../../components/schema-form';
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
  const editing = useCurrentUser().can('templates.edit');
  useEffect(() => void ensureDefaultTemplates(getDb()), []);
  const current = templates?.find((x) => x.key === selected) ?? (selected === 'new' ? null : templates?.[0]);
  return (
    <>
      <PageHeader
        title={t('resolution.templates.title')}
        subtitle={t('resolution.templates.subtitle')}
        actions={
          editing.ok && (
            <Button startIcon={<AddIcon />} variant="outlined" onClick={() => setSelected('new')}>
              {t('resolution.templates.newTemplate')}
            </Button>
          )
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
              <ListItem key={tpl.key} disablePadding>
                <ListItemButton selected={tpl.key === current?.key} onClick={() => setSelected(tpl.key)}>
                  <ListItemText
                    primary={tpl.name}
                    secondary={`${t(`resolution.kind.${tpl.kind}`)} · ${t('resolution.templates.version', { version: tpl.version })}`}
                  />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Paper>
        {templates &&
          (editing.ok ? (
            <TemplateEditor
              key={current ? `${current.key}@${current.version}` : 'new'}
              template={current ?? null}
              onCreated={setSelected}
            />
          ) : (
            current && <TemplateView template={current} refused={editing} />
          ))}
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
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const versions = useTemplateVersions(template?.key ?? null);
  const { control, getValues, setValue, reset, submit, refusal, formState } = useSchemaForm(
    TemplateInputSchema,
    {
      defaultValues: {
        name: template?.name ?? '',
        kind: template?.kind ?? 'other',
        subject: template?.subject ?? '',
        body: template?.body ?? '',
      },
    },
  );
  const [subject, body] = useWatch({ control, name: ['subject', 'body'] });
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const [basedOnDefault, setBasedOnDefault] = useState<string | undefined>(undefined);
  const shipped = DEFAULT_TEMPLATES.find((d) => d.key === template?.key);
  const newerDefault = !!versions?.length && standingOf(versions) === 'edited-newer-default';

  const loadDefault = () => {
    if (!shipped) return;
    reset(
      { name: shipped.name, kind: shipped.kind, subject: shipped.subject, body: shipped.body },
      { keepDefaultValues: true },
    );
    setBasedOnDefault(wordingFingerprint(shipped));
  };

  const insert = (text: string) => {
    const el = bodyRef.current;
    const current = getValues('body');
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    setValue('body', current.slice(0, start) + text + current.slice(end), { shouldDirty: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const save = submit(async (input) => {
    const saved = await saveTemplate(
      getDb(),
      template?.key ?? null,
      { ...input, ...(basedOnDefault ? { basedOnDefault } : {}) },
      actor,
    );
    notify(t('resolution.templates.saved', { version: saved.version }), 'success');
    onCreated(saved.key);
  });

  // A template's problems can run to several lines (one per problem): shown as written.
  const lines = { formHelperText: { sx: { whiteSpace: 'pre-wrap' } } } as const;
  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="template-editor-heading">
        <Typography variant="h6" component="h2" id="template-editor-heading" gutterBottom>
          {template
            ? t('resolution.templates.editing', { name: template.name, version: template.version })
            : t('resolution.templates.creating')}
        </Typography>
        <Stack spacing={2} component="form" noValidate onSubmit={(e) => void save(e)}>
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
            <FormText control={control} name="name" label={t('resolution.templates.name')} required />
            <FormSelect
              control={control}
              name="kind"
              label={t('resolution.templates.kind')}
              options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`resolution.kind.${k}`) }))}
            />
          </Box>
          <FormText
            control={control}
            name="subject"
            label={t('resolution.templates.subject')}
            slotProps={lines}
          />
          <Controller
            control={control}
            name="body"
            render={({ field: { ref, ...field }, fieldState }) => (
              <TextField
                {...field}
                label={t('resolution.templates.body')}
                required
                multiline
                minRows={14}
                inputRef={(el: HTMLTextAreaElement | null) => {
                  ref(el);
                  bodyRef.current = el;
                }}
                error={!!fieldState.error}
                helperText={fieldState.error?.message}
                slotProps={{
                  ...lines,
                  htmlInput: {
                    spellCheck: true,
                    style: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 14 },
                  },
                }}
              />
            )}
          />
          {refusal && (
            <Alert severity="error" role="alert">
              <strong>{t('resolution.templates.refused')}</strong>{' '}
              <Box component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap' }}>
                {refusal}
              </Box>
            </Alert>
          )}
          <Box>
            <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
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
              {/* Described, not named, by the tooltip: the chip's name stays the field it inserts. */}
              <Tooltip title={f.description} describeChild>
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
      <VersionHistory versions={versions} />
    </Stack>
  );
}

/** A template as those who may not edit templates see it: its wording, a preview and its versions. */
function TemplateView({ template, refused }: { template: TemplateRecord; refused: Permission }) {
  const { t } = useTranslation();
  const versions = useTemplateVersions(template.key);
  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="template-view-heading">
        <Typography variant="h6" component="h2" id="template-view-heading" gutterBottom>
          {t('resolution.templates.viewing', { name: template.name, version: template.version })}
        </Typography>
        <NotAllowed permission={refused} sx={{ mb: 2 }} />
        <Typography variant="caption" color="text.secondary" component="h3">
          {t('resolution.templates.subject')}
        </Typography>
        <Typography sx={{ mb: 2, whiteSpace: 'pre-wrap' }}>{template.subject}</Typography>
        <Typography variant="caption" color="text.secondary" component="h3">
          {t('resolution.templates.body')}
        </Typography>
        <Typography
          component="pre"
          sx={{
            m: 0,
            whiteSpace: 'pre-wrap',
            fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
            fontSize: 14,
          }}
        >
          {template.body}
        </Typography>
      </Paper>
      <LetterPreview subject={template.subject} body={template.body} />
      <VersionHistory versions={versions} />
    </Stack>
  );
}

/** Every saved version of a template, newest first, with who saved it and when. */
function VersionHistory({ versions }: { versions: TemplateRecord[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!versions?.length) return null;
  return (
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
  );
}
