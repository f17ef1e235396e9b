import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { hasSummaryResolution } from '../../../src-shared/domain/deadlines';
import { caseSubject } from '../../../src-shared/domain/permissions';
import {
  availableTransitions,
  CHECKLISTS,
  requiredChecklistItems,
  requiresReason,
  stageOf,
  transitionFlow,
  transitionLabelKey,
  type CaseStatus,
} from '../../../src-shared/domain/workflow';
import { Link } from 'react-router';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { NotAllowed, pageSaysWhy } from '../../components/NotAllowed';
import { ReasonDialog } from '../../components/ReasonDialog';
import { setChecklistItem, transitionCase } from '../../db/cases';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { caseTabPath } from './case-tabs-path';

/** The next steps a case can take, and the current stage's checklist of good practice. */
export function WorkflowPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormat();
  const rules = useCaseRules();
  const { actor, can } = useCurrentUser();
  const moving = can('case.transition', { case: caseSubject(record) });
  const ticking = can('case.checklist', { case: caseSubject(record) });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [asking, setAsking] = useState<CaseStatus | null>(null);
  // A tick shows at once; the stored record confirms it a moment later.
  const [pending, setPending] = useState<Record<string, { done: boolean; since: string }>>({});
  const stage = stageOf(record.status);
  const required = new Set(
    requiredChecklistItems(stage, rules.requiredChecklistItems ?? undefined).map((i) => i.id),
  );
  const next = availableTransitions(record.status, {
    summaryResolutionRegime: hasSummaryResolution(record.regime),
  });

  // One move at a time: a double click's second press found the case already moved and showed
  // that as a refusal. The ref answers at once; the state greys the buttons.
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const move = async (to: CaseStatus, reason?: string) => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      await transitionCase(getDb(), record.id, to, actor, rules, reason ? { reason } : {});
      setRefusal(null);
      notify(t('case.moved', { status: t(`status.${to}`) }), 'success');
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  const tryMove = (to: CaseStatus) => {
    if (requiresReason(record.status, to)) return setAsking(to);
    move(to).catch((e: Error) => setRefusal(e.message));
  };
  const tick = (itemId: string, done: boolean) => {
    setPending((p) => ({ ...p, [itemId]: { done, since: record.updatedAt } }));
    setChecklistItem(getDb(), record.id, itemId, done, actor).catch((e: Error) => {
      setPending((p) => {
        const { [itemId]: _failed, ...rest } = p;
        return rest;
      });
      notify(e.message, 'error');
    });
  };
  // An optimistic tick counts only until the live record moves on (the write has landed, or
  // someone else changed the case): it never flickers back while the record is catching up.
  const shown = (itemId: string) => {
    const p = pending[itemId];
    return p && p.since === record.updatedAt ? p.done : !!record.checklist[itemId];
  };

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="workflow-heading">
      <Typography variant="h6" component="h2" id="workflow-heading" gutterBottom>
        {t('case.workflow')}
      </Typography>
      {/* An anonymised case goes no further (its page says why, above the tabs). */}
      {next.length === 0 || pageSaysWhy(moving) ? (
        <Typography color="text.secondary">{t('case.noNextStep')}</Typography>
      ) : !moving.ok ? (
        <NotAllowed permission={moving} />
      ) : (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {next.map((to, i) => {
            // A move that rests on a record (a proposal, the complainant's answer, the follow-up)
            // is made on the screen that records it: the button takes the officer there.
            const flow = transitionFlow(record.status, to);
            const variant = i === 0 ? 'contained' : 'outlined';
            return flow ? (
              <Button key={to} variant={variant} component={Link} to={caseTabPath(record.id, flow)}>
                {t(transitionLabelKey(record.status, to))}
              </Button>
            ) : (
              <Button key={to} variant={variant} disabled={saving} onClick={() => tryMove(to)}>
                {t(transitionLabelKey(record.status, to))}
              </Button>
            );
          })}
        </Stack>
      )}
      {refusal && (
        <Alert severity="warning" sx={{ mt: 2 }} role="alert" onClose={() => setRefusal(null)}>
          <strong>{t('case.refused')}:</strong> {refusal}
        </Alert>
      )}
      <Typography variant="subtitle1" component="h3" sx={{ mt: 3, fontWeight: 600 }}>
        {t('case.stageChecklist', { stage: t(`stage.${stage}`) })}
      </Typography>
      <Box
        component="ul"
        sx={{ listStyle: 'none', p: 0, m: 0 }}
        aria-label={t('case.stageChecklist', { stage: t(`stage.${stage}`) })}
      >
        {CHECKLISTS[stage].map((item) => {
          const done = record.checklist[item.id];
          return (
            <li key={item.id}>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={shown(item.id)}
                    disabled={!ticking.ok}
                    onChange={(e) => tick(item.id, e.target.checked)}
                  />
                }
                label={
                  <span>
                    {t(item.labelKey)}
                    {required.has(item.id) && (
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        ({t('case.required')})
                      </Typography>
                    )}
                  </span>
                }
              />
              <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -1, mb: 0.5 }}>
                {t(item.helpKey)}
                {done ? ` — ${done.by.name}, ${format.dateTime(done.at)}` : ''}
              </Typography>
            </li>
          );
        })}
      </Box>
      {/* Said once when the steps above are refused for the same reason. */}
      {!(next.length && !moving.ok && !ticking.ok && moving.message === ticking.message) && (
        <NotAllowed permission={ticking} sx={{ mt: 1 }} />
      )}
      {asking && (
        <ReasonDialog
          title={t(transitionLabelKey(record.status, asking))}
          confirmLabel={t(transitionLabelKey(record.status, asking))}
          onConfirm={(reason) => move(asking, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </Paper>
  );
}
