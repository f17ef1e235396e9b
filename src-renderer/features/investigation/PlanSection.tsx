import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, Stack, Typography } from '@mui/material';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  PLAN_KINDS,
  PlanItemInputSchema,
  planItemOverdue,
  type PlanItemInput,
} from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useUsers } from '../../db/hooks';
import { addPlanItem, setPlanItemDone } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useInvestigationEditable, usePlanItems } from './hooks';
import { useToday } from '../../app/clock';
import { messageOf, Section } from './Section';
import { FormSelect, FormText } from '../../components/FormFields';
import { FormDate } from '../../components/DateField';
import { useSchemaForm } from '../../components/schema-form';
import { formDraftKey } from '../../components/form-draft';
import { UserSelect } from '../../components/UserSelect';

const EMPTY: PlanItemInput = { kind: 'question', text: '', ownerId: '', ownerName: '', dueDate: '' };

/** The questions to answer and records to gather, as a checklist with owners and due dates. */
export function PlanSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor, user } = useCurrentUser();
  const users = useUsers() ?? [];
  const items = usePlanItems(record.id);
  const today = useToday();
  const { control, reset, setValue, submit, refusal } = useSchemaForm(PlanItemInputSchema, {
    defaultValues: EMPTY,
    draft: formDraftKey(user.id, record.id, 'plan-item'),
  });
  const overdue = (items ?? []).filter((i) => planItemOverdue(i, today)).length;
  const readOnly = !useInvestigationEditable(record);

  const add = submit(async (input) => {
    await addPlanItem(getDb(), record.id, input, actor);
    reset(EMPTY);
  });
  const toggle = (id: string, done: boolean) =>
    setPlanItemDone(getDb(), id, done, actor).catch((error: unknown) => notify(messageOf(error), 'error'));

  return (
    <Section
      id="plan"
      title={t('investigation.plan.title')}
      intro={t('investigation.plan.intro')}
      badge={
        overdue > 0 && (
          <Chip color="error" size="small" label={t('investigation.overdueCount', { count: overdue })} />
        )
      }
    >
      {items && items.length === 0 && (
        <Typography color="text.secondary">{t('investigation.plan.empty')}</Typography>
      )}
      {items && items.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={t('investigation.plan.title')}>
          {items.map((item) => (
            <Box component="li" key={item.id} sx={{ py: 0.5, borderBottom: 1, borderColor: 'divider' }}>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={!!item.done}
                    disabled={readOnly}
                    onChange={(e) => void toggle(item.id, e.target.checked)}
                  />
                }
                label={item.text}
                sx={{ textDecoration: item.done ? 'line-through' : 'none' }}
              />
              <Stack direction="row" spacing={1} sx={{ pl: 4, flexWrap: 'wrap', alignItems: 'center' }}>
                <Chip size="small" variant="outlined" label={t(`investigation.plan.kind.${item.kind}`)} />
                <Typography variant="body2" color="text.secondary">
                  {[
                    item.ownerName
                      ? t('investigation.plan.ownedBy', { name: item.ownerName })
                      : t('investigation.plan.noOwner'),
                    item.dueDate ? t('investigation.dueOn', { date: format.day(item.dueDate) }) : null,
                    item.done
                      ? t('investigation.plan.doneBy', {
                          name: item.done.by.name,
                          date: format.dateTime(item.done.at),
                        })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
                {planItemOverdue(item, today) && (
                  <Chip size="small" color="error" label={t('investigation.overdue')} />
                )}
              </Stack>
            </Box>
          ))}
        </Box>
      )}
      {!readOnly && (
        <Box
          component="form"
          onSubmit={(e) => void add(e)}
          noValidate
          aria-label={t('investigation.plan.add')}
        >
          <Stack spacing={2}>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <FormSelect
                control={control}
                name="kind"
                label={t('investigation.plan.kindLabel')}
                options={PLAN_KINDS.map((k) => ({ value: k, label: t(`investigation.plan.kind.${k}`) }))}
                sx={{ minWidth: 200 }}
              />
              <FormText
                control={control}
                name="text"
                label={t('investigation.plan.text')}
                required
                fullWidth
              />
            </Stack>
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
              <Controller
                control={control}
                name="ownerId"
                render={({ field, fieldState }) => (
                  <UserSelect
                    label={t('investigation.plan.owner')}
                    users={users}
                    value={field.value}
                    // The owner's name is kept with the item, as it was when the item was added.
                    onChange={(id) => {
                      field.onChange(id);
                      setValue('ownerName', users.find((u) => u.id === id)?.name ?? '');
                    }}
                    onBlur={field.onBlur}
                    inputRef={field.ref}
                    error={fieldState.error?.message}
                    noneLabel={t('investigation.plan.noOwner')}
                    sx={{ minWidth: 220 }}
                  />
                )}
              />
              <FormDate control={control} name="dueDate" label={t('investigation.dueDate')} />
              <Box sx={{ alignSelf: 'center' }}>
                <Button type="submit" variant="outlined">
                  {t('investigation.plan.add')}
                </Button>
              </Box>
            </Stack>
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </Box>
      )}
    </Section>
  );
}
