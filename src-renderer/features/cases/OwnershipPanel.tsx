import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject, personOf } from '../../../src-shared/domain/permissions';
import { useNotify } from '../../app/notifications';
import { NotAllowed } from '../../components/NotAllowed';
import { ReasonDialog } from '../../components/ReasonDialog';
import { UserSelect } from '../../components/UserSelect';
import { assignCase, setEscalation } from '../../db/cases';
import { useUsers } from '../../db/hooks';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** Who owns the case, and whether it is escalated (a flag with a reason and an owner). */
export function OwnershipPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  const assigning = can('case.assign', { case: caseSubject(record) });
  const escalating = can('case.escalate', { case: caseSubject(record) });
  const users = useUsers() ?? [];
  const [dialog, setDialog] = useState<'assign' | 'escalate' | null>(null);
  const [pickedId, setPickedId] = useState('');
  const picked = users.find((u) => u.id === pickedId);

  const userSelect = (label: string) => (
    <UserSelect label={label} users={users} value={pickedId} onChange={setPickedId} showRole required />
  );
  const open = (which: 'assign' | 'escalate') => {
    setPickedId(which === 'assign' ? (record.assignee?.id ?? '') : '');
    setDialog(which);
  };

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="ownership-heading">
      <Typography variant="h6" component="h2" id="ownership-heading" gutterBottom>
        {t('case.assignee')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography sx={{ mr: 1 }}>{record.assignee?.name ?? t('case.unassigned')}</Typography>
        {assigning.ok && record.assignee?.id !== actor.id && (
          <Button
            size="small"
            onClick={() =>
              record.assignee
                ? (setPickedId(actor.id), setDialog('assign'))
                : void assignCase(getDb(), record.id, actor, actor).catch((e: Error) =>
                    notify(e.message, 'error'),
                  )
            }
          >
            {t('case.takeIt')}
          </Button>
        )}
        {assigning.ok && (
          <Button size="small" onClick={() => open('assign')}>
            {t('case.assign')}
          </Button>
        )}
        {!escalating.ok ? null : record.escalation ? (
          <Button
            size="small"
            color="warning"
            onClick={() =>
              void setEscalation(getDb(), record.id, { escalated: false }, actor).catch((e: Error) =>
                notify(e.message, 'error'),
              )
            }
          >
            {t('case.deEscalate')}
          </Button>
        ) : (
          <Button size="small" color="warning" onClick={() => open('escalate')}>
            {t('case.escalate')}
          </Button>
        )}
      </Stack>
      <NotAllowed permission={assigning} />
      <NotAllowed permission={escalating} />
      {record.escalation && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {t('case.escalatedTo', { name: record.escalation.owner.name, reason: record.escalation.reason })}
        </Alert>
      )}
      {dialog === 'assign' && (
        <ReasonDialog
          title={t('case.assignTitle')}
          confirmLabel={t('case.confirm')}
          reasonRequired={!!record.assignee}
          extra={userSelect(t('case.assignTo'))}
          onConfirm={(reason) =>
            assignCase(getDb(), record.id, picked ? personOf(picked) : null, actor, { reason }).then(
              () => undefined,
            )
          }
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'escalate' && (
        <ReasonDialog
          title={t('case.escalate')}
          confirmLabel={t('case.escalate')}
          extra={userSelect(t('case.escalationOwner'))}
          onConfirm={(reason) =>
            setEscalation(
              getDb(),
              record.id,
              { escalated: true, reason, ...(picked ? { owner: personOf(picked) } : {}) },
              actor,
            ).then(() => undefined)
          }
          onClose={() => setDialog(null)}
        />
      )}
    </Paper>
  );
}
