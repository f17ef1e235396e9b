// Retention and erasure, for managers (and administrators, for the policy alone): the policy per
// regime, the cases due for disposal (paged through the retention index), disposal, erasure
// requests and the disposal records.
import PersonOffIcon from '@mui/icons-material/PersonOff';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  Chip,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { REGIME_IDS, type CaseRegimeId } from '../../../src-shared/domain/case';
import type { DisposalRecord, RetentionPolicy } from '../../../src-shared/domain/retention';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { PageHeader } from '../../components/PageHeader';
import {
  flushDisposalLedger,
  getRetentionPolicy,
  listDisposals,
  waitingLedgerLines,
  listDueCases,
  setRetentionPolicy,
  type DisposalOutcome,
  type DueCase,
} from '../../db/retention';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { DisposeDialog } from './DisposeDialog';
import { ErasureDialog } from './ErasureDialog';
import { errorText } from '../../api/error-text';
import { api, call } from '../../api/client';
import { evidenceFiles } from './disposal-form';

export function RetentionPage() {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const decide = can('retention.decide');
  const policyEdit = can('retention.policy');
  if (!decide.ok && !policyEdit.ok) {
    return (
      <>
        <PageHeader title={t('retention.title')} />
        <Alert severity="warning">
          <AlertTitle>{t('retention.refusedTitle')}</AlertTitle>
          {decide.message}
        </Alert>
      </>
    );
  }
  return <Retention decides={decide.ok} />;
}

function Retention({ decides }: { decides: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [policy, setPolicy] = useState<RetentionPolicy | null>(null);
  // Bumped after each disposal, so the lists read again.
  const [version, setVersion] = useState(0);
  const [erasing, setErasing] = useState(false);
  useEffect(() => {
    void getRetentionPolicy(getDb()).then(setPolicy);
  }, [version]);

  const disposed = (outcome: DisposalOutcome, done: 'retention.dispose.done' | 'retention.erasure.done') => {
    const message = t(done, { count: outcome.record.counts.cases });
    // In team mode, where it goes next (the outbox carries it; the status shows what still waits).
    const carried = outcome.team && outcome.record.counts.cases > 0;
    const summary = carried ? t('retention.dispose.doneInTeam', { done: message }) : message;
    // One notice: each would replace the one before, and the cases left as they were be missed.
    const skipped = outcome.skipped.map((s) => t('retention.dispose.skipped', s));
    const told = skipped.length
      ? t('retention.dispose.withSkipped', { summary, skipped: skipped.join(' ') })
      : summary;
    // Made, but not all in the ledger yet: the Disposal records section says so and offers to write them.
    const unledgered = outcome.ledgerWaiting
      ? `${/[.!?]$/.test(told) ? ' ' : '. '}${t('retention.ledger.notWrittenAfter', { count: outcome.ledgerWaiting })}`
      : '';
    notify(told + unledgered, skipped.length || unledgered ? 'warning' : 'success');
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        title={t('retention.title')}
        subtitle={t('retention.subtitle')}
        actions={
          decides && (
            <Button variant="outlined" startIcon={<PersonOffIcon />} onClick={() => setErasing(true)}>
              {t('retention.erasure.open')}
            </Button>
          )
        }
      />
      <Stack spacing={3}>
        {policy && (
          <PolicySection
            policy={policy}
            onSaved={(p) => {
              setPolicy(p);
              setVersion((v) => v + 1);
            }}
          />
        )}
        {decides && policy && (
          <DueSection
            key={`due-${version}`}
            policy={policy}
            onDisposed={(o) => disposed(o, 'retention.dispose.done')}
            onChanged={() => setVersion((v) => v + 1)}
          />
        )}
        {decides && <RecordsSection key={`records-${version}`} />}
      </Stack>
      {erasing && (
        <ErasureDialog
          onClose={(changed) => {
            setErasing(false);
            if (changed) setVersion((v) => v + 1);
          }}
          onDone={(o) => {
            setErasing(false);
            disposed(o, 'retention.erasure.done');
          }}
        />
      )}
    </>
  );
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby={id}>
      <Typography variant="h6" component="h2" id={id} sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {intro}
      </Typography>
      {children}
    </Paper>
  );
}

function PolicySection({
  policy,
  onSaved,
}: {
  policy: RetentionPolicy;
  onSaved: (p: RetentionPolicy) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  const editable = can('retention.policy').ok;
  const [draft, setDraft] = useState<Record<CaseRegimeId, string>>(
    () => Object.fromEntries(REGIME_IDS.map((r) => [r, String(policy[r])])) as Record<CaseRegimeId, string>,
  );
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      const next = Object.fromEntries(REGIME_IDS.map((r) => [r, Number(draft[r])])) as RetentionPolicy;
      onSaved(await setRetentionPolicy(getDb(), next, actor));
      notify(t('retention.policy.saved'), 'success');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Section id="policy-heading" title={t('retention.policy.heading')} intro={t('retention.policy.intro')}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        {REGIME_IDS.map((r) => (
          <TextField
            key={r}
            size="small"
            type="number"
            label={t(`regime.${r}`)}
            helperText={t('retention.policy.years')}
            value={draft[r]}
            disabled={!editable}
            slotProps={{ htmlInput: { min: 1, max: 100 } }}
            onChange={(e) => setDraft({ ...draft, [r]: e.target.value })}
          />
        ))}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ mt: 2 }}>
        {editable ? (
          <Button variant="outlined" onClick={() => void save()}>
            {t('retention.policy.save')}
          </Button>
        ) : (
          <Typography color="text.secondary">{t('retention.policy.readOnly')}</Typography>
        )}
      </Box>
    </Section>
  );
}

const PAGE = 50;

function DueSection({
  policy,
  onDisposed,
  onChanged,
}: {
  policy: RetentionPolicy;
  onDisposed: (o: DisposalOutcome) => void;
  /** Some cases were disposed of by a run that then failed: the lists read again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const [rows, setRows] = useState<DueCase[] | null>(null);
  const [next, setNext] = useState<[string, string] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [disposing, setDisposing] = useState(false);
  // The moment the list was read: the dialog disposes of cases as due at that moment.
  const [asOf] = useState(now);
  const more = async (after: [string, string]) => {
    const page = await listDueCases(getDb(), policy, asOf, { after, limit: PAGE });
    setRows((r) => [...(r ?? []), ...page.rows]);
    setNext(page.next);
  };
  useEffect(() => {
    let live = true;
    void listDueCases(getDb(), policy, asOf, { limit: PAGE }).then((page) => {
      if (!live) return;
      setRows(page.rows);
      setNext(page.next);
    });
    return () => {
      live = false;
    };
  }, [policy, asOf]);
  const dueRows = (rows ?? []).filter((r) => r.state === 'due');
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (!n.delete(id)) n.add(id);
      return n;
    });
  const allSelected = dueRows.length > 0 && dueRows.every((r) => selected.has(r.id));
  return (
    <Section id="due-heading" title={t('retention.due.heading')} intro={t('retention.due.intro')}>
      {rows && rows.length === 0 && <Typography>{t('retention.due.empty')}</Typography>}
      {rows && rows.length > 0 && (
        <>
          <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
            <Button
              variant="contained"
              color="error"
              disabled={selected.size === 0}
              onClick={() => setDisposing(true)}
            >
              {t('retention.due.dispose')}
            </Button>
            <Typography role="status">{t('retention.due.selected', { count: selected.size })}</Typography>
          </Stack>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={t('retention.due.table')}>
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={allSelected}
                      onChange={() =>
                        setSelected(allSelected ? new Set() : new Set(dueRows.map((r) => r.id)))
                      }
                      slotProps={{ input: { 'aria-label': t('retention.due.selectAll') } }}
                    />
                  </TableCell>
                  <TableCell>{t('retention.due.reference')}</TableCell>
                  <TableCell>{t('retention.due.regime')}</TableCell>
                  <TableCell>{t('retention.due.category')}</TableCell>
                  <TableCell>{t('retention.due.closed')}</TableCell>
                  <TableCell>{t('retention.due.why')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} selected={selected.has(r.id)}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(r.id)}
                        disabled={r.state === 'held'}
                        onChange={() => toggle(r.id)}
                        slotProps={{
                          input: { 'aria-label': t('retention.due.select', { reference: r.reference }) },
                        }}
                      />
                    </TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={`/cases/${r.id}`}>
                        {r.reference}
                      </Link>
                    </TableCell>
                    <TableCell>{t(`regime.${r.regime}`)}</TableCell>
                    <TableCell>{r.category}</TableCell>
                    <TableCell>{format.date(r.closedAt)}</TableCell>
                    <TableCell>
                      {r.state === 'held' ? (
                        <Chip
                          size="small"
                          color="warning"
                          variant="outlined"
                          label={t('retention.due.held', { reason: r.holdReason })}
                        />
                      ) : (
                        t('retention.due.dueSince', { years: policy[r.regime], date: format.date(r.dueAt) })
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          {next && (
            <Button sx={{ mt: 1 }} onClick={() => void more(next)}>
              {t('retention.due.more')}
            </Button>
          )}
        </>
      )}
      {disposing && (
        <DisposeDialog
          caseIds={[...selected]}
          policy={policy}
          now={asOf}
          onClose={(changed) => {
            setDisposing(false);
            if (changed) onChanged();
          }}
          onDone={(o) => {
            setDisposing(false);
            onDisposed(o);
          }}
        />
      )}
    </Section>
  );
}

function RecordsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [rows, setRows] = useState<DisposalRecord[] | null>(null);
  const [next, setNext] = useState<[string, string] | null>(null);
  const more = async (before: [string, string]) => {
    const page = await listDisposals(getDb(), { before, limit: 20 });
    setRows((r) => [...(r ?? []), ...page.rows]);
    setNext(page.next);
  };
  useEffect(() => {
    let live = true;
    void listDisposals(getDb(), { limit: 20 }).then((page) => {
      if (!live) return;
      setRows(page.rows);
      setNext(page.next);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <Section id="records-heading" title={t('retention.records.heading')} intro={t('retention.records.intro')}>
      <LedgerStatus />
      {rows && rows.length === 0 && <Typography>{t('retention.records.empty')}</Typography>}
      {rows && rows.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('retention.records.table')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('retention.records.when')}</TableCell>
                <TableCell>{t('retention.records.by')}</TableCell>
                <TableCell>{t('retention.records.method')}</TableCell>
                <TableCell>{t('retention.records.cases')}</TableCell>
                <TableCell>{t('retention.records.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{format.dateTime(r.at)}</TableCell>
                  <TableCell>{r.by.name}</TableCell>
                  <TableCell>{t(`retention.method.${r.method}`)}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{r.references.join(', ')}</Typography>
                    {r.refusedByServer?.length ? (
                      <Typography variant="body2" color="warning.main">
                        {t('retention.records.refusedByServer', { references: r.refusedByServer.join(', ') })}
                      </Typography>
                    ) : null}
                    <Typography variant="caption" color="text.secondary">
                      {r.finishedAt
                        ? t('retention.records.counts', {
                            rows: r.counts.rows,
                            audit: r.counts.auditEntries,
                            files: r.counts.files,
                          })
                        : t('retention.records.unfinished')}
                    </Typography>
                  </TableCell>
                  <TableCell>{r.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {next && (
            <Button sx={{ mt: 1 }} onClick={() => void more(next)}>
              {t('retention.records.more')}
            </Button>
          )}
        </Box>
      )}
    </Section>
  );
}

/**
 * The disposal ledger main keeps outside the case database (disposal-ledger.ts): how many cases a
 * restore would dispose of again, a ledger found altered, and lines still waiting to be written.
 */
function LedgerStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<{ cases: number; problem: 'altered' | 'key' | null } | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = () => Promise.all([call(api().disposals.status()), waitingLedgerLines(getDb())]);
  const show = ([main, lines]: Awaited<ReturnType<typeof read>>) => {
    setStatus(main);
    setWaiting(lines);
  };
  useEffect(() => {
    let live = true;
    read().then(
      (found) => live && show(found),
      (error: unknown) => live && setProblem(errorText(error)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const writeNow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await flushDisposalLedger(getDb(), evidenceFiles);
      show(await read());
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  if (!status) return problem ? <Alert severity="error">{problem}</Alert> : null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {status.cases > 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('retention.ledger.held', { count: status.cases, n: format.number(status.cases) })}
        </Typography>
      )}
      {status.problem && <Alert severity="warning">{t(`retention.ledger.${status.problem}`)}</Alert>}
      {waiting > 0 && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" disabled={busy} onClick={() => void writeNow()}>
              {t('retention.ledger.writeNow', { count: waiting })}
            </Button>
          }
        >
          {t('retention.ledger.waiting', { count: waiting, n: format.number(waiting) })}
        </Alert>
      )}
      {problem && <Alert severity="error">{problem}</Alert>}
    </Stack>
  );
}
