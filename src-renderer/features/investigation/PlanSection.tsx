import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  PLAN_KINDS,
  PlanItemInputSchema,
  planItemOverdue,
  type PlanKind,
} from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useUsers } from '../../db/hooks';
import { addPlanItem, setPlanItemDone } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { usePlanItems } from './hooks';
import { useToday } from '../../app/clock';
import { fieldErrors, messageOf, Section } from './Section';
import { UserSelect } from '../../components/UserSelect';

const EMPTY = { kind: 'question' as PlanKind, text: '', ownerId: '', dueDate: '' };

/** The questions to answer and records to gather, as a checklist with owners and due dates. */
export function PlanSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const users = useUsers() ?? [];
  const items = usePlanItems(record.id);
  const today = useToday();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const overdue = (items ?? []).filter((i) => planItemOverdue(i, today)).length;
  const closed = record.open !== 1;

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const owner = users.find((u) => u.id === draft.ownerId);
    const input = { ...draft, ownerName: owner?.name ?? '' };
    const parsed = PlanItemInputSchema.safeParse(input);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    try {
      await addPlanItem(getDb(), record.id, input, actor);
      setDraft(EMPTY);
      setFailure(null);
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
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
                    disabled={closed}
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
      {!closed && (
        <Box
          component="form"
          onSubmit={(e) => void add(e)}
          noValidate
          aria-label={t('investigation.plan.add')}
        >
          <Stack spacing={2}>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                select
                label={t('investigation.plan.kindLabel')}
                value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.target.value as PlanKind })}
                sx={{ minWidth: 200 }}
              >
                {PLAN_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`investigation.plan.kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('investigation.plan.text')}
                required
                fullWidth
                value={draft.text}
                onChange={(e) => setDraft({ ...draft, text: e.target.value })}
                error={!!errors.text}
                helperText={errors.text}
              />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <UserSelect
                label={t('investigation.plan.owner')}
                users={users}
                value={draft.ownerId}
                onChange={(ownerId) => setDraft({ ...draft, ownerId })}
                noneLabel={t('investigation.plan.noOwner')}
                sx={{ minWidth: 220 }}
              />
              <TextField
                type="date"
                label={t('investigation.dueDate')}
                value={draft.dueDate}
                onChange={(e) => setDraft({ ...draft, dueDate: e.target.value })}
                slotProps={{ inputLabel: { shrink: true } }}
                error={!!errors.dueDate}
                helperText={errors.dueDate}
              />
              <Box sx={{ alignSelf: 'center' }}>
                <Button type="submit" variant="outlined">
                  {t('investigation.plan.add')}
                </Button>
              </Box>
            </Stack>
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </Box>
      )}
    </Section>
  );
}
