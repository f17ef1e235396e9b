import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Autocomplete, Box, Button, Chip, MenuItem, Paper, Stack, TextField } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  emptyImprovement,
  IMPROVEMENT_STATUSES,
  type ImprovementInput,
  type ImprovementRecord,
} from '../../../src-shared/domain/improvements';
import { AppError } from '../../../src-shared/errors';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { PageHeader } from '../../components/PageHeader';
import { useCasesByIds, useUsers } from '../../db/hooks';
import { caseByReference } from '../../db/case-query';
import { createImprovement, getImprovement, updateImprovement } from '../../db/improvements';
import { getDb } from '../../db/schema';
import { useFactValues } from '../dashboard/use-dashboard';
import { useCurrentUser } from '../users/current-user';
import { BeforeAfterPanel } from './BeforeAfterPanel';
import { UserSelect } from '../../components/UserSelect';

const toInput = (r: ImprovementRecord): ImprovementInput => ({
  title: r.title,
  found: r.found,
  rootCauses: r.rootCauses,
  categories: r.categories,
  caseIds: r.caseIds,
  owner: r.owner,
  dueDate: r.dueDate,
  status: r.status,
  changeMade: r.changeMade,
  changeDate: r.changeDate,
});

/** Records a new improvement (/improvements/new) or edits one, with before/after once completed. */
export function ImprovementEditPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const { settings } = useSettings();
  const users = useUsers() ?? [];
  const rootCauseOptions = useFactValues('rootCause') ?? [];
  const record = useLiveQuery(() => (isNew ? null : getImprovement(getDb(), id)), [id, isNew]);
  const [form, setForm] = useState<ImprovementInput>(emptyImprovement);
  const [loadedAt, setLoadedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [saving, setSaving] = useState(false);
  const linkedCases = useCasesByIds(form.caseIds);

  // Fill the form once from the stored record; later live updates do not overwrite typing.
  if (record && loadedAt === null) {
    setForm(toInput(record));
    setLoadedAt(record.updatedAt);
  }

  if (!isNew && record === null) return <Alert severity="warning">{t('improvements.notFound')}</Alert>;
  if (!isNew && record === undefined) return null;

  const set = <K extends keyof ImprovementInput>(key: K, value: ImprovementInput[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const addCase = async () => {
    const ref = reference.trim().toUpperCase();
    if (!ref) return;
    const found = await caseByReference(getDb(), ref);
    if (!found)
      return setErrors((e) => ({ ...e, caseIds: t('improvements.caseNotFound', { reference: ref }) }));
    if (form.caseIds.includes(found.id))
      return setErrors((e) => ({ ...e, caseIds: t('improvements.caseAlready') }));
    set('caseIds', [...form.caseIds, found.id]);
    setReference('');
  };

  const save = async () => {
    setSaving(true);
    setFormError(null);
    try {
      const saved = isNew
        ? await createImprovement(getDb(), form, actor)
        : await updateImprovement(getDb(), id, form, actor, { expectedUpdatedAt: loadedAt ?? undefined });
      setLoadedAt(saved.updatedAt);
      notify(t('improvements.saved'), 'success');
      if (isNew) void navigate(`/improvements/${saved.id}`, { replace: true });
    } catch (e) {
      const err = e as AppError;
      if (err instanceof AppError && err.field) {
        const field = err.field.split('.')[0]!;
        setErrors((x) => ({ ...x, [field]: err.message.replace(`${err.field}: `, '') }));
      } else setFormError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const err = (k: string) => ({ error: !!errors[k], helperText: errors[k] || undefined });
  return (
    <>
      <PageHeader
        title={isNew ? t('improvements.new') : form.title || t('improvements.edit')}
        actions={
          <Button component={Link} to="/improvements" startIcon={<ArrowBackIcon />}>
            {t('improvements.back')}
          </Button>
        }
      />
      <Paper sx={{ p: 3, mb: 3 }}>
        <Box
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}
        >
          <TextField
            label={t('improvements.fields.title')}
            required
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            {...err('title')}
            sx={{ gridColumn: '1 / -1' }}
          />
          <TextField
            label={t('improvements.fields.found')}
            multiline
            minRows={2}
            value={form.found}
            onChange={(e) => set('found', e.target.value)}
            {...err('found')}
            sx={{ gridColumn: '1 / -1' }}
          />
          <Autocomplete
            multiple
            freeSolo
            options={rootCauseOptions}
            value={form.rootCauses}
            onChange={(_, v) => set('rootCauses', v)}
            renderInput={(p) => (
              <TextField {...p} label={t('improvements.fields.rootCauses')} {...err('rootCauses')} />
            )}
          />
          <Autocomplete
            multiple
            options={settings.taxonomy.map((c) => c.category)}
            value={form.categories}
            onChange={(_, v) => set('categories', v)}
            renderInput={(p) => (
              <TextField {...p} label={t('improvements.fields.categories')} {...err('categories')} />
            )}
          />
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                size="small"
                label={t('improvements.fields.addCase')}
                placeholder="CMP-2026-000123"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void addCase();
                  }
                }}
                {...err('caseIds')}
              />
              <Button onClick={() => void addCase()}>{t('improvements.fields.add')}</Button>
            </Stack>
            <Stack
              direction="row"
              spacing={1}
              useFlexGap
              sx={{ flexWrap: 'wrap', mt: 1 }}
              role="list"
              aria-label={t('improvements.fields.cases')}
            >
              {form.caseIds.map((caseId) => {
                const c = linkedCases.find((x) => x.id === caseId);
                return (
                  <Chip
                    key={caseId}
                    role="listitem"
                    label={c?.reference ?? caseId}
                    component={Link}
                    to={`/cases/${caseId}`}
                    clickable
                    onDelete={() =>
                      set(
                        'caseIds',
                        form.caseIds.filter((x) => x !== caseId),
                      )
                    }
                  />
                );
              })}
            </Stack>
          </Box>
          <UserSelect
            label={t('improvements.fields.owner')}
            users={users}
            value={form.owner?.id ?? ''}
            onChange={(id) => {
              const u = users.find((x) => x.id === id);
              set('owner', u ? { id: u.id, name: u.name } : null);
            }}
            noneLabel={t('improvements.fields.noOwner')}
          />
          <TextField
            type="date"
            label={t('improvements.fields.dueDate')}
            value={form.dueDate}
            onChange={(e) => set('dueDate', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            {...err('dueDate')}
          />
          <TextField
            select
            required
            label={t('improvements.fields.status')}
            value={form.status}
            onChange={(e) => set('status', e.target.value as ImprovementInput['status'])}
          >
            {IMPROVEMENT_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {t(`improvements.status.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            label={t('improvements.fields.changeDate')}
            value={form.changeDate}
            onChange={(e) => set('changeDate', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            {...err('changeDate')}
          />
          <TextField
            label={t('improvements.fields.changeMade')}
            multiline
            minRows={2}
            value={form.changeMade}
            onChange={(e) => set('changeMade', e.target.value)}
            {...err('changeMade')}
            sx={{ gridColumn: '1 / -1' }}
          />
          {formError && (
            <Alert severity="error" sx={{ gridColumn: '1 / -1' }}>
              {formError}
            </Alert>
          )}
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Button type="submit" variant="contained" disabled={saving}>
              {t('improvements.save')}
            </Button>
          </Box>
        </Box>
      </Paper>
      {record && record.status === 'completed' && record.changeDate && (
        <Paper sx={{ p: 3 }}>
          <BeforeAfterPanel improvement={record} />
        </Paper>
      )}
    </>
  );
}
