import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Autocomplete, Box, Button, Chip, Paper, Stack, TextField } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Link, useNavigate, useParams } from 'react-router';
import {
  emptyImprovement,
  IMPROVEMENT_STATUSES,
  ImprovementInputSchema,
  type ImprovementInput,
  type ImprovementRecord,
} from '../../../src-shared/domain/improvements';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { useStillShown } from '../../app/still-shown';
import { FormSelect, FormText } from '../../components/FormFields';
import { FormDate } from '../../components/DateField';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeader } from '../../components/PageHeader';
import { useSchemaForm } from '../../components/schema-form';
import { useCasesByIds, useUsers } from '../../db/hooks';
import { caseByReference } from '../../db/case-query';
import { createImprovement, getImprovement, updateImprovement } from '../../db/improvements';
import { getDb } from '../../db/schema';
import { useFactValues } from '../dashboard/use-dashboard';
import { useCurrentUser } from '../users/current-user';
import { useViewer } from '../users/use-viewer';
import { BeforeAfterPanel } from './BeforeAfterPanel';
import { FormUserSelect } from '../../components/UserSelect';

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

/** Several labels (root causes, categories) picked from a list, or typed when `freeSolo`. */
function FormTags({
  control,
  name,
  label,
  options,
  freeSolo = false,
}: {
  control: Control<ImprovementInput, unknown, z.output<typeof ImprovementInputSchema>>;
  name: 'rootCauses' | 'categories';
  label: string;
  options: readonly string[];
  freeSolo?: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Autocomplete
          multiple
          freeSolo={freeSolo}
          disabled={!!field.disabled}
          options={options}
          value={field.value}
          onChange={(_, v) => field.onChange(v)}
          onBlur={field.onBlur}
          renderInput={(p) => (
            <TextField
              {...p}
              label={label}
              inputRef={field.ref}
              error={!!fieldState.error}
              helperText={fieldState.error?.message}
            />
          )}
        />
      )}
    />
  );
}

/** Records a new improvement (/improvements/new) or edits one, with before/after once completed. */
export function ImprovementEditPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t } = useTranslation();
  const record = useLiveQuery(() => (isNew ? null : getImprovement(getDb(), id)), [id, isNew]);
  if (!isNew && record === null) return <Alert severity="warning">{t('improvements.notFound')}</Alert>;
  if (!isNew && record === undefined) return null;
  return <ImprovementForm key={record?.id ?? 'new'} record={record ?? null} />;
}

/** The form, filled once from the stored record: later live updates do not overwrite typing. */
function ImprovementForm({ record }: { record: ImprovementRecord | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stillShown = useStillShown();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  // Managers keep the register; everyone else reads it.
  const editing = can('improvements.edit');
  const { settings } = useSettings();
  const users = useUsers() ?? [];
  const rootCauseOptions = useFactValues('rootCause') ?? [];
  const { control, getValues, setValue, setError, clearErrors, submit, refusal, formState } = useSchemaForm(
    ImprovementInputSchema,
    { defaultValues: record ? toInput(record) : emptyImprovement(), disabled: !editing.ok },
  );
  const [loadedAt, setLoadedAt] = useState(record?.updatedAt);
  const [reference, setReference] = useState('');
  const title = useWatch({ control, name: 'title' });
  const caseIds = useWatch({ control, name: 'caseIds' });
  const linkedCases = useCasesByIds(caseIds, useViewer());
  const isNew = record === null;

  const linkCases = (ids: string[]) => {
    setValue('caseIds', ids, { shouldDirty: true });
    clearErrors('caseIds');
  };

  // A reference is looked up as it is added, so an unknown one is refused beside the box.
  const addCase = async () => {
    const ref = reference.trim().toUpperCase();
    if (!ref) return;
    const found = await caseByReference(getDb(), ref, actor);
    const refuse = (message: string) => setError('caseIds', { type: 'refused', message });
    if (!found) return refuse(t('improvements.caseNotFound', { reference: ref }));
    if (getValues('caseIds').includes(found.id)) return refuse(t('improvements.caseAlready'));
    linkCases([...getValues('caseIds'), found.id]);
    setReference('');
  };

  const save = submit(async (input) => {
    const saved = record
      ? await updateImprovement(getDb(), record.id, input, actor, { expectedUpdatedAt: loadedAt })
      : await createImprovement(getDb(), input, actor);
    setLoadedAt(saved.updatedAt);
    notify(t('improvements.saved'), 'success');
    // Replacing the address of a page the manager has since gone to would take them back here.
    if (isNew && stillShown()) void navigate(`/improvements/${saved.id}`, { replace: true });
  });

  return (
    <>
      <PageHeader
        title={isNew ? t('improvements.new') : title || t('improvements.edit')}
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
          onSubmit={(e) => void save(e)}
          sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}
        >
          <FormText
            control={control}
            name="title"
            label={t('improvements.fields.title')}
            required
            sx={{ gridColumn: '1 / -1' }}
          />
          <FormText
            control={control}
            name="found"
            label={t('improvements.fields.found')}
            multiline
            minRows={2}
            sx={{ gridColumn: '1 / -1' }}
          />
          <FormTags
            control={control}
            name="rootCauses"
            label={t('improvements.fields.rootCauses')}
            options={rootCauseOptions}
            freeSolo
          />
          <FormTags
            control={control}
            name="categories"
            label={t('improvements.fields.categories')}
            options={settings.taxonomy.map((c) => c.category)}
          />
          <Controller
            control={control}
            name="caseIds"
            render={({ field, fieldState }) => (
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
                    inputRef={field.ref}
                    disabled={!!field.disabled}
                    error={!!fieldState.error}
                    helperText={fieldState.error?.message}
                  />
                  <Button onClick={() => void addCase()} disabled={!!field.disabled}>
                    {t('improvements.fields.add')}
                  </Button>
                </Stack>
                <Stack
                  direction="row"
                  spacing={1}
                  useFlexGap
                  sx={{ flexWrap: 'wrap', mt: 1 }}
                  role="list"
                  aria-label={t('improvements.fields.cases')}
                >
                  {field.value.map((caseId) => {
                    const c = linkedCases.find((x) => x.id === caseId);
                    return (
                      <Chip
                        key={caseId}
                        role="listitem"
                        label={c?.reference ?? caseId}
                        component={Link}
                        to={`/cases/${caseId}`}
                        clickable
                        {...(field.disabled
                          ? {}
                          : { onDelete: () => linkCases(field.value.filter((x) => x !== caseId)) })}
                      />
                    );
                  })}
                </Stack>
              </Box>
            )}
          />
          <FormUserSelect
            control={control}
            name="owner"
            label={t('improvements.fields.owner')}
            users={users}
            noneLabel={t('improvements.fields.noOwner')}
          />
          <FormDate control={control} name="dueDate" label={t('improvements.fields.dueDate')} />
          <FormSelect
            control={control}
            name="status"
            required
            label={t('improvements.fields.status')}
            options={IMPROVEMENT_STATUSES.map((s) => ({ value: s, label: t(`improvements.status.${s}`) }))}
          />
          <FormDate control={control} name="changeDate" label={t('improvements.fields.changeDate')} />
          <FormText
            control={control}
            name="changeMade"
            label={t('improvements.fields.changeMade')}
            multiline
            minRows={2}
            sx={{ gridColumn: '1 / -1' }}
          />
          {refusal && (
            <Alert severity="error" sx={{ gridColumn: '1 / -1' }}>
              {refusal}
            </Alert>
          )}
          <Box sx={{ gridColumn: '1 / -1' }}>
            {editing.ok ? (
              <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
                {t('improvements.save')}
              </Button>
            ) : (
              <NotAllowed permission={editing} />
            )}
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
