// Cases → Import…: choose a CSV or XLSX file, say which column holds what (guessed from the
// header, remembered per header), see what every row will become (the dry run), import the good
// rows in batches with a progress bar and Cancel, and keep a report of every row's fate.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  LinearProgress,
  MenuItem,
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
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IMPORT_FIELDS,
  importContextOf,
  mapsContact,
  REQUIRED_IMPORT_FIELDS,
  type ColumnMapping,
  type DateOrder,
  type ImportField,
} from '../../../src-shared/domain/case-import';
import { SHEET_MAX_BYTES } from '../../../src-shared/ipc/channels/sheets';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { minutesLeft, timeLeftMs, withSample, type ProgressSample } from '../../app/time-left';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { PageHeader } from '../../components/PageHeader';
import { allFates, importRows, type DryRunReport, type RowFate } from '../../db/case-import';
import { getDb } from '../../db/schema';
import { getCaseSearch } from '../../search/search-client';
import { fileSize } from '../investigation/upload';
import { reserveReferences } from '../team/reserve-references';
import { windowTransport } from '../team/use-team-sync';
import { useCurrentUser } from '../users/current-user';
import {
  countFates,
  dryRunReportRows,
  fateDetail,
  fateLabel,
  reportRows,
  rowsNotImported,
} from './import-report';
import { importWork, type ImportWork } from './import-work';
import { readSheet, type SheetShape } from './read-sheet';
import { rememberedMapping, rememberMapping } from './remembered-mapping';

/** Rows listed on screen; the saved report always holds every one. */
const SHOWN_ROWS = 1000;

type Stage = 'choose' | 'map' | 'review' | 'importing' | 'report';

/** The search index missed a batch or its save: it catches up from the cases at the next start. */
const searchLag = (e: unknown) => console.warn('Search index update failed; it will catch up on restart.', e);

export function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { settings } = useSettings();
  const rules = useCaseRules();
  const { actor } = useCurrentUser();
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>('choose');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The chosen file: the page keeps its shape, the rows are in the import worker (`loaded`). */
  const [file, setFile] = useState<{ name: string; chosen: File; sheet: SheetShape } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [remembered, setRemembered] = useState(false);
  const [dateOrder, setDateOrder] = useState<DateOrder>(settings.locale === 'en-US' ? 'mdy' : 'dmy');
  const [dryRun, setDryRun] = useState<DryRunReport | null>(null);
  /** How far the step under way has got; an import's phases also keep their readings (time left). */
  const [progress, setProgress] = useState<{ done: number; total: number; samples?: ProgressSample[] }>({
    done: 0,
    total: 0,
  });
  /** A reading of the import's phase under way, for its time left. */
  const importProgress = (done: number, total: number) =>
    setProgress((p) => ({
      done,
      total,
      samples: withSample(p.samples ?? [], { done, at: Date.now() }),
    }));
  /** The rows are in; their return facts are being placed (no longer cancellable). */
  const [settling, setSettling] = useState(false);
  /** A team desk asking the server for the import's reference numbers, before the first batch. */
  const [reserving, setReserving] = useState(false);
  const [fates, setFates] = useState<RowFate[] | null>(null);
  const counts = useMemo(() => (fates ? countFates(fates) : null), [fates]);
  const [cancelled, setCancelled] = useState(false);
  const abort = useRef<AbortController | null>(null);
  /** The worker holding the file's rows, from the file's choice to the end of the import. */
  const work = useRef<ImportWork | null>(null);
  /** The worker the file's rows were read into (a new one, after a Cancel or a failure, has none). */
  const loaded = useRef<ImportWork | null>(null);
  /** Stops the dry run under way (its worker with it). */
  const [stopCheck, setStopCheck] = useState<(() => void) | null>(null);

  const endWork = () => {
    work.current?.dispose();
    work.current = null;
  };
  useEffect(() => endWork, []);

  const n = (v: number) => format.number(v);

  async function choose(chosen: File) {
    setError(null);
    const lower = chosen.name.toLowerCase();
    if (!['.csv', '.txt', '.xlsx'].some((ext) => lower.endsWith(ext)))
      return setError(t('sheets.import.notSheet', { name: chosen.name }));
    if (chosen.size === 0) return setError(t('sheets.import.empty', { name: chosen.name }));
    if (chosen.size > SHEET_MAX_BYTES)
      return setError(
        t('sheets.import.tooLarge', {
          name: chosen.name,
          size: fileSize(chosen.size, n),
          max: fileSize(SHEET_MAX_BYTES, n),
        }),
      );
    setBusy(t('sheets.import.reading', { name: chosen.name }));
    setProgress({ done: 0, total: 0 });
    try {
      // The rows go straight to the file's worker, which then waits while the columns are mapped.
      endWork();
      const reading = importWork();
      work.current = reading;
      const sheet = await readSheet(
        chosen,
        (rows, first) => reading.addRows(rows, first),
        (done, total) => setProgress({ done, total }),
      );
      loaded.current = reading;
      const saved = rememberedMapping(sheet.header);
      setFile({ name: chosen.name, chosen, sheet });
      setMapping(saved.mapping);
      setRemembered(saved.remembered);
      if (saved.dateOrder) setDateOrder(saved.dateOrder);
      setStage('map');
    } catch (e) {
      endWork();
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  /**
   * Reads the chosen file again into `into` (a new worker, after a Cancel or a failure), refusing
   * it if it has changed since it was chosen: the mapping and the counts shown were made for that file.
   */
  async function reload(chosen: { name: string; chosen: File; sheet: SheetShape }, into: ImportWork) {
    setBusy(t('sheets.import.reading', { name: chosen.name }));
    await readSheet(
      chosen.chosen,
      (rows, first) => into.addRows(rows, first),
      (done, total) => setProgress({ done, total }),
      {
        // Before any row is read: a changed file is refused at once.
        expect: (again) => {
          const same =
            again.rowCount === chosen.sheet.rowCount &&
            again.header.length === chosen.sheet.header.length &&
            again.header.every((h, i) => h === chosen.sheet.header[i]);
          if (same) return;
          // Back to the start: this file is to be chosen (and mapped) afresh.
          setFile(null);
          setStage('choose');
          throw new Error(t('sheets.import.changed', { name: chosen.name }));
        },
      },
    );
    loaded.current = into;
  }

  const context = () => importContextOf(settings, dateOrder);

  const unmapped = mapping ? REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] < 0) : [];
  const noContact = !!mapping && !mapsContact(mapping);

  async function check() {
    if (!file || !mapping || unmapped.length || noContact) return;
    setError(null);
    setBusy(t('sheets.import.checking'));
    setProgress({ done: 0, total: 0 });
    rememberMapping(file.sheet.header, mapping, dateOrder);
    // The file's worker (a new one after a Cancel or an import, given the rows again).
    const checking = work.current ?? importWork();
    work.current = checking;
    let stopped = false;
    setStopCheck(() => () => {
      stopped = true;
      checking.dispose();
    });
    try {
      if (loaded.current !== checking) await reload(file, checking);
      setBusy(t('sheets.import.checking'));
      setProgress({ done: 0, total: 0 });
      setDryRun(
        await checking.dryRun(file.sheet.header, mapping, context(), (done, total) =>
          setProgress({ done, total }),
        ),
      );
      setStage('review');
    } catch (e) {
      if (work.current === checking) endWork();
      if (!stopped) setError(errorText(e));
    } finally {
      setStopCheck(null);
      setBusy(null);
    }
  }

  async function start() {
    const checked = work.current;
    if (!file || !dryRun || !checked) return;
    setError(null);
    setCancelled(false);
    setStage('importing');
    setSettling(false);
    setReserving(false);
    setProgress({ done: 0, total: dryRun.goodRows.length, samples: [{ done: 0, at: Date.now() }] });
    const controller = new AbortController();
    abort.current = controller;
    try {
      // Each batch's new cases go from the import's worker straight to the search's (with the
      // search down, the page passes them on below, and the search catches up when it is back).
      const indexer = await getCaseSearch()
        .indexerPort()
        .catch((e: unknown) => void searchLag(e));
      // A team desk holds few of the year's references in hand: it asks for the import's worth
      // first, so its cases are not numbered with the fallback meant for a desk cut off.
      // What it could not reserve takes the desk's fallback; the report counts those cases.
      await reserveReferences(getDb(), windowTransport, dryRun.goodRows.length, {
        signal: controller.signal,
        onProgress: (held, wanted) => {
          setReserving(true);
          // No time left is shown for this step (a second or two): no samples.
          setProgress({ done: held, total: wanted, samples: [] });
        },
      });
      setReserving(false);
      setProgress({ done: 0, total: dryRun.goodRows.length, samples: [{ done: 0, at: Date.now() }] });
      checked.begin(file.name, actor, settings, indexer);
      const planned = dryRun.goodRows.map((row) => ({ row }));
      const outcome = await importRows(getDb(), planned, file.name, actor, rules, {
        signal: controller.signal,
        saveBatch: checked.saveBatch,
        settle: async () => {
          setSettling(true);
          setProgress({ done: 0, total: 0, samples: [{ done: 0, at: Date.now() }] });
          await checked.settle(importProgress);
        },
        onProgress: importProgress,
        // Only without the port above. More batches follow: the search index is saved once, after
        // the last (below).
        onCreated: (docs) => void getCaseSearch().indexDocs(docs, { more: true }).catch(searchLag),
      });
      setCancelled(controller.signal.aborted);
      setFates(allFates(dryRun.rejected, outcome));
    } catch (e) {
      setError(errorText(e));
      // What is left to import needs checking again (its worker has gone with the failure).
      setStage('map');
      return;
    } finally {
      void getCaseSearch().flush().catch(searchLag);
      // The rows were written (or refused): what is left to import needs a fresh dry run.
      endWork();
      abort.current = null;
    }
    setStage('report');
  }

  /** Saves a report through `sheets:export` (the save dialog, or the exports folder without one). */
  async function saveSheet(
    keys: { fileName: string; title: string; saved: string },
    content: { columns: string[]; rows: string[][] },
  ) {
    if (!file) return;
    try {
      const result = await call(
        api().sheets.export({
          fileName: t(keys.fileName, { name: file.name.replace(/\.[^.]+$/, '') }),
          format: 'csv',
          title: t(keys.title),
          ...content,
        }),
      );
      if (result.saved) notify(t(keys.saved, { path: result.path }), 'success');
    } catch (e) {
      setError(errorText(e));
    }
  }

  const saveReport = () =>
    fates &&
    saveSheet(
      {
        fileName: 'sheets.import.reportFile',
        title: 'sheets.import.reportTitle',
        saved: 'sheets.import.reportSaved',
      },
      reportRows(t, fates),
    );

  // From the rejected rows the page already holds: the rows themselves stay in the worker.
  const saveDryRun = () =>
    dryRun &&
    saveSheet(
      {
        fileName: 'sheets.import.dryRunFile',
        title: 'sheets.import.dryRunReportTitle',
        saved: 'sheets.import.dryRunSaved',
      },
      dryRunReportRows(t, dryRun.rejected),
    );

  const restart = () => {
    endWork();
    setStage('choose');
    setFile(null);
    setDryRun(null);
    setFates(null);
    setError(null);
  };

  const fileInput = (
    <input
      ref={input}
      type="file"
      accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      aria-label={t('sheets.import.fileLabel')}
      hidden
      onChange={(event) => {
        const chosen = event.target.files?.[0];
        event.target.value = '';
        if (chosen) void choose(chosen);
      }}
    />
  );

  return (
    <>
      <PageHeader title={t('sheets.import.title')} subtitle={t('sheets.import.intro')} />
      <Stack spacing={2} sx={{ maxWidth: 1100 }}>
        {error && (
          <Alert severity="error" onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        {busy && (
          <Box role="status">
            <Typography>{busy}</Typography>
            <LinearProgress
              aria-label={busy}
              {...(progress.total
                ? { variant: 'determinate', value: (100 * progress.done) / progress.total }
                : {})}
            />
            {stopCheck && (
              <Button sx={{ mt: 1 }} onClick={stopCheck}>
                {t('sheets.import.cancel')}
              </Button>
            )}
          </Box>
        )}
        {file && stage !== 'choose' && (
          <Typography>
            {t('sheets.import.fileSummary', {
              name: file.name,
              count: file.sheet.rowCount,
              formatted: n(file.sheet.rowCount),
              columns: t('sheets.import.columnCount', {
                count: file.sheet.header.length,
                formatted: n(file.sheet.header.length),
              }),
            })}
          </Typography>
        )}

        {stage === 'choose' && (
          <Paper sx={{ p: 3 }}>
            {fileInput}
            <Button
              variant="contained"
              startIcon={<UploadFileIcon />}
              disabled={!!busy}
              onClick={() => input.current?.click()}
            >
              {t('sheets.import.choose')}
            </Button>
          </Paper>
        )}

        {stage === 'map' && file && mapping && (
          <Paper sx={{ p: 3 }} component="section" aria-labelledby="import-mapping-title">
            <Typography id="import-mapping-title" variant="h6" component="h2">
              {t('sheets.import.mappingTitle')}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {t(remembered ? 'sheets.import.mappingRemembered' : 'sheets.import.mappingIntro')}
            </Typography>
            {/* Held still while the rows are checked: the review and the import use the mapping and
                date order the check was run with, so a change made meanwhile would be ignored. */}
            <Box
              sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 2 }}
            >
              {IMPORT_FIELDS.map((field) => (
                <ColumnSelect
                  key={field}
                  field={field}
                  header={file.sheet.header}
                  value={mapping[field]}
                  disabled={!!busy}
                  onChange={(column) => setMapping({ ...mapping, [field]: column })}
                />
              ))}
            </Box>
            <TextField
              select
              size="small"
              label={t('sheets.import.dateOrder')}
              value={dateOrder}
              disabled={!!busy}
              onChange={(e) => setDateOrder(e.target.value as DateOrder)}
              helperText={t('sheets.import.zoneNote', { zone: settings.timeZone })}
              sx={{ mt: 2, minWidth: 320 }}
            >
              {(['dmy', 'mdy'] as const).map((o) => (
                <MenuItem key={o} value={o}>
                  {t(`sheets.import.dateOrders.${o}`)}
                </MenuItem>
              ))}
            </TextField>
            {unmapped.length > 0 && (
              <Alert severity="warning" sx={{ mt: 2 }}>
                {t('sheets.import.requiredMissing', {
                  fields: unmapped.map((f) => t(`sheets.fields.${f}`)).join(', '),
                })}
              </Alert>
            )}
            {noContact && (
              <Alert severity="warning" sx={{ mt: 2 }}>
                {t('sheets.import.contactMissing')}
              </Alert>
            )}
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <Button
                variant="contained"
                disabled={!!busy || unmapped.length > 0 || noContact}
                onClick={() => void check()}
              >
                {t('sheets.import.check')}
              </Button>
              <Button disabled={!!busy} onClick={restart}>
                {t('sheets.import.chooseAnother')}
              </Button>
            </Stack>
          </Paper>
        )}

        {(stage === 'review' || stage === 'importing') && dryRun && (
          <Paper sx={{ p: 3 }} component="section" aria-labelledby="import-dry-run-title">
            <Typography id="import-dry-run-title" variant="h6" component="h2">
              {t('sheets.import.dryRunTitle')}
            </Typography>
            <Typography sx={{ mt: 1 }}>
              {t('sheets.import.willImport', {
                count: dryRun.goodRows.length,
                formatted: n(dryRun.goodRows.length),
              })}
            </Typography>
            {dryRun.rejected.length ? (
              <>
                <Typography sx={{ mt: 1 }}>
                  {t('sheets.import.willSkip', {
                    count: dryRun.rejected.length,
                    formatted: n(dryRun.rejected.length),
                  })}
                </Typography>
                <FateTable
                  label={t('sheets.import.dryRunTitle')}
                  fates={dryRun.rejected}
                  moreKey="sheets.import.moreRowsDryRun"
                />
              </>
            ) : (
              <Typography sx={{ mt: 1 }}>{t('sheets.import.nothingWrong')}</Typography>
            )}
            {mapping && mapping.externalRef < 0 && dryRun.goodRows.length > 0 && (
              // Rows are known again only by their external reference: without one, a second
              // import of the same file (or of the rows left after a stopped one) logs them twice.
              <Alert severity="warning" sx={{ mt: 2 }}>
                {t('sheets.import.noExternalRef')}
              </Alert>
            )}
            {stage === 'importing' ? (
              <Box sx={{ mt: 2 }} role="status">
                <Typography>
                  {t(
                    reserving
                      ? 'sheets.import.reserving'
                      : !settling
                        ? 'sheets.import.importing'
                        : progress.total
                          ? 'sheets.import.settlingCount'
                          : 'sheets.import.settling',
                    {
                      done: n(progress.done),
                      total: n(progress.total),
                    },
                  )}
                </Typography>
                <LinearProgress
                  variant={settling && !progress.total ? 'indeterminate' : 'determinate'}
                  aria-label={t('sheets.import.progressLabel')}
                  value={progress.total ? (100 * progress.done) / progress.total : 0}
                />
                {!reserving && <TimeLeft progress={progress} />}
                {/* Every row is in by then: there is nothing left to cancel. */}
                {!settling && (
                  <Button sx={{ mt: 1 }} onClick={() => abort.current?.abort()}>
                    {t('sheets.import.cancel')}
                  </Button>
                )}
              </Box>
            ) : (
              <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
                <Button
                  variant="contained"
                  disabled={dryRun.goodRows.length === 0}
                  onClick={() => void start()}
                >
                  {t('sheets.import.start', {
                    count: dryRun.goodRows.length,
                    formatted: n(dryRun.goodRows.length),
                  })}
                </Button>
                {dryRun.rejected.length > 0 && (
                  <Button onClick={() => void saveDryRun()}>{t('sheets.import.saveDryRun')}</Button>
                )}
                <Button onClick={() => setStage('map')}>{t('sheets.import.back')}</Button>
              </Stack>
            )}
          </Paper>
        )}

        {stage === 'report' && fates && counts && (
          <Paper sx={{ p: 3 }} component="section" aria-labelledby="import-report-title">
            <Typography id="import-report-title" variant="h6" component="h2">
              {t('sheets.import.reportTitle')}
            </Typography>
            {cancelled && (
              <Alert severity="info" sx={{ mt: 1 }}>
                {t('sheets.import.cancelled')}
              </Alert>
            )}
            {counts.deskReferenced > 0 && (
              <Alert severity="info" sx={{ mt: 1 }}>
                {t('sheets.import.deskReferences', {
                  count: counts.deskReferenced,
                  formatted: n(counts.deskReferenced),
                })}
              </Alert>
            )}
            <Typography sx={{ mt: 1 }} role="status">
              {t('sheets.import.reportSummary', {
                imported: n(counts.imported),
                duplicates: n(counts.duplicates),
                failed: n(counts.failed),
                notImported: n(counts.notImported),
              })}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ my: 2 }}>
              <Button variant="contained" onClick={() => void saveReport()}>
                {t('sheets.import.saveReport')}
              </Button>
              <Button onClick={restart}>{t('sheets.import.another')}</Button>
            </Stack>
            <ReportTable fates={fates} />
          </Paper>
        )}
      </Stack>
    </>
  );
}

function ColumnSelect({
  field,
  header,
  value,
  disabled,
  onChange,
}: {
  field: ImportField;
  header: readonly string[];
  value: number;
  disabled: boolean;
  onChange: (column: number) => void;
}) {
  const { t } = useTranslation();
  const name = t(`sheets.fields.${field}`);
  return (
    <TextField
      select
      size="small"
      label={REQUIRED_IMPORT_FIELDS.includes(field) ? t('sheets.import.required', { field: name }) : name}
      value={String(value)}
      disabled={disabled}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      <MenuItem value="-1">{t('sheets.import.noColumn')}</MenuItem>
      {header.map((h, i) => (
        <MenuItem key={i} value={String(i)}>
          {h}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** "About 4 minutes left", at the pace of the phase so far; nothing while too little is done to tell. */
function TimeLeft({ progress }: { progress: { total: number; samples?: ProgressSample[] } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ms = timeLeftMs(progress.samples ?? [], progress.total);
  if (ms === null) return null;
  const minutes = minutesLeft(ms);
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
      {minutes
        ? t('sheets.import.timeLeft', { count: minutes, formatted: format.number(minutes) })
        : t('sheets.import.timeLeftUnderMinute')}
    </Typography>
  );
}

/**
 * The report's rows: those not imported first (the 50 bad rows of 10,000 are what the officer must
 * see, not the first thousand imported ones), all of them on request.
 */
function ReportTable({ fates }: { fates: readonly RowFate[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const problems = useMemo(() => rowsNotImported(fates), [fates]);
  const [show, setShow] = useState<'problems' | 'all'>(problems.length ? 'problems' : 'all');
  return (
    <>
      <TextField
        select
        size="small"
        label={t('sheets.import.show')}
        value={show}
        onChange={(e) => setShow(e.target.value === 'problems' ? 'problems' : 'all')}
        sx={{ minWidth: 260 }}
      >
        <MenuItem value="problems" disabled={!problems.length}>
          {t('sheets.import.showProblems', { formatted: format.number(problems.length) })}
        </MenuItem>
        <MenuItem value="all">
          {t('sheets.import.showAll', { formatted: format.number(fates.length) })}
        </MenuItem>
      </TextField>
      <FateTable label={t('sheets.import.reportTitle')} fates={show === 'problems' ? problems : fates} />
    </>
  );
}

// Memoised: the progress of an import re-renders the page after every batch, and a table of up to
// SHOWN_ROWS rows rendered again each time would hold the page up for nothing (its rows do not move).
const FateTable = memo(function FateTable({
  label,
  fates,
  moreKey = 'sheets.import.moreRows',
}: {
  label: string;
  fates: readonly RowFate[];
  /** Where the rows not shown can be had: the saved report, or (before the import) the dry run's. */
  moreKey?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = fates.slice(0, SHOWN_ROWS);
  return (
    <>
      <Box sx={{ maxHeight: 480, overflowY: 'auto', mt: 1 }}>
        <Table size="small" stickyHeader aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>{t('sheets.import.table.row')}</TableCell>
              <TableCell>{t('sheets.import.table.fate')}</TableCell>
              <TableCell>{t('sheets.import.table.detail')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((f) => (
              <TableRow key={f.row}>
                <TableCell>{f.row}</TableCell>
                <TableCell>
                  {f.kind === 'imported' ? (
                    <Link to={`/cases/${f.caseId}`}>{fateLabel(t, f)}</Link>
                  ) : (
                    fateLabel(t, f)
                  )}
                </TableCell>
                <TableCell>{fateDetail(t, f)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {fates.length > SHOWN_ROWS && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {t(moreKey, { formatted: format.number(fates.length - SHOWN_ROWS) })}
        </Typography>
      )}
    </>
  );
});
