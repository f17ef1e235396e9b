// The regulators' returns for a manager: choose the return and the period, see the figures (each
// count opens exactly the cases it counts on the Cases list), fix what ASIC would refuse, and
// export the file. The figures are the pure functions in src-shared/returns over a slim read of
// the cases.
import {
  Alert,
  Button,
  LinearProgress,
  Link,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { dayRangeReversed, instantToOfficeTime } from '../../../src-shared/domain/office-time';
import type { SheetFormat } from '../../../src-shared/ipc/channels/sheets';
import { asicIdrRows, validateAsicIdr } from '../../../src-shared/returns/asic-idr';
import {
  fcaReturn,
  type Cell,
  type FcaGroupFigures,
  type RedressCell,
} from '../../../src-shared/returns/fca-return';
import type { ReturnCase, ReturnPeriod } from '../../../src-shared/returns/period';
import {
  asicIdrAbout,
  asicIdrSheet,
  fcaPaymentServicesSheet,
  FCA_CAUSE_COLUMNS,
  FCA_COUNT_COLUMNS,
  FCA_ROWS,
  fcaReturnSheet,
  moneyText,
  PAYMENT_SERVICES_COLUMNS,
  periodChoices,
  periodName,
  type SheetLabel,
} from '../../../src-shared/returns/return-sheets';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useAppInfo } from '../../app/app-info';
import { useCaseRules } from '../../app/case-rules';
import { useToday } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { useDataVersion } from '../../db/hooks';
import { joinUnderway } from '../../db/sync-replica';
import { returnCases } from '../../db/return-cases';
import { getDb } from '../../db/schema';
import { drillPath } from '../cases/case-drill';
import { caseTabPath } from '../cases/case-tabs-path';
import { useCurrentUser } from '../users/current-user';

const KINDS = ['fca', 'fca-ps', 'asic'] as const;
type Kind = (typeof KINDS)[number];
const CUSTOM = 'custom';

/** The spreadsheet labels in the user's language (see SheetLabel). */
export const sheetLabel =
  (t: TFunction): SheetLabel =>
  (key) => {
    const [kind, name] = key.split('.') as [string, string];
    if (kind === 'row' && name !== 'unmapped' && name !== 'total') return t(`returns.fcaGroup.${name}`);
    if (kind === 'cause' && name !== 'unmapped') return t(`returns.fcaCause.${name}`);
    return t(`returns.screen.sheet.${key}`);
  };

export function ReturnsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const { actor } = useCurrentUser();
  const { settings } = useSettings();
  const { calendar } = useCaseRules();
  const appInfo = useAppInfo();
  const today = useToday();
  const label = useMemo(() => sheetLabel(t), [t]);

  const [kind, setKind] = useState<Kind>('fca');
  // ASIC's periods are calendar half-years, the FCA's follow the office's reporting start.
  const choicesFor = useMemo(() => {
    const fca = periodChoices('fca', settings.reportingPeriodStart, today, calendar);
    const asic = periodChoices('asic', settings.reportingPeriodStart, today, calendar);
    return (k: Kind) => (k === 'asic' ? asic : fca);
  }, [settings.reportingPeriodStart, today, calendar]);
  const choices = choicesFor(kind);
  const [choice, setChoice] = useState(choices[0]?.key ?? CUSTOM);
  const [custom, setCustom] = useState({ from: '', to: '' });
  const customReversed = dayRangeReversed(custom.from, custom.to);
  const chosen = choices.find((c) => c.key === choice);
  let period: ReturnPeriod | null = chosen?.period ?? null;
  let name = chosen?.name ?? '';
  if (kind === 'asic' && choice === CUSTOM) {
    period = custom.from && custom.to && !customReversed ? { from: custom.from, to: custom.to } : null;
    name = period ? periodName(period) : '';
  }

  const [busy, setBusy] = useState(false);
  const readFrom = period?.from ?? null;
  const readTo = period?.to ?? null;
  // Any write to the cases reads them again, so the figures follow a fix made on a case.
  const version = useDataVersion();
  const readKey = readFrom && readTo ? `${readFrom}|${readTo}|${settings.timeZone}|${version}` : null;
  // What was read, for which period (an older read never shows for a newer choice).
  const [read, setRead] = useState<{
    key: string;
    cases?: ReturnCase[];
    failed?: boolean;
    /** How many cases have been read so far. */
    progress?: number;
  } | null>(null);
  const current = read && read.key === readKey ? read : null;
  const cases = current?.cases ?? null;
  const failed = !!current?.failed;
  const joining = useLiveQuery(() => joinUnderway(getDb()), [], false);
  const progress = current?.progress ?? null;

  useEffect(() => {
    if (!readFrom || !readTo || !readKey) return;
    const abort = new AbortController();
    returnCases(
      getDb(),
      actor,
      { from: readFrom, to: readTo },
      settings.timeZone,
      (done) => !abort.signal.aborted && setRead({ key: readKey, progress: done }),
      abort.signal,
    ).then(
      (found) => setRead({ key: readKey, cases: found }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        console.error('Could not read the cases for the return', error);
        setRead({ key: readKey, failed: true });
      },
    );
    return () => abort.abort();
  }, [readFrom, readTo, settings.timeZone, readKey, actor]);

  const lists = { products: settings.regulatoryProducts, causes: settings.complaintCauses };
  const fca = useMemo(
    () => (cases && period ? fcaReturn(cases, period, { ...lists, calendar }) : null),
    // The period is named by its days; the lists by their settings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cases, period?.from, period?.to, settings.regulatoryProducts, settings.complaintCauses, calendar],
  );
  const asic = useMemo(() => {
    if (!cases || !period || kind !== 'asic') return null;
    const options = { ...lists, calendar, reportDemographics: settings.reportDemographics };
    const rows = asicIdrRows(cases, period, options);
    return { rows, problems: validateAsicIdr(rows, options) };
    // The period is named by its days; the lists by their settings (a product's codes edited while
    // the page is open change the rows).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    cases,
    period?.from,
    period?.to,
    kind,
    settings.reportDemographics,
    settings.regulatoryProducts,
    settings.complaintCauses,
    calendar,
  ]);

  const returnName = t(`returns.screen.kind.${kind === 'asic' ? 'asic' : 'fca'}`);
  const drill = (cell: Pick<Cell, 'caseIds'>, row: string, column: string) =>
    navigate(
      drillPath({
        label: t('returns.screen.drillLabel', { return: returnName, period: name, row, column }),
        ids: cell.caseIds,
      }),
    );
  const count = (cell: Cell, row: string, column: string) =>
    cell.count === 0 ? (
      '0'
    ) : (
      <Link
        component="button"
        aria-label={t('returns.screen.drillLink', { row, column, count: cell.count })}
        onClick={() => drill(cell, row, column)}
      >
        {format.number(cell.count)}
      </Link>
    );

  // Redress paid opens the cases it was paid on, as a count opens the cases it counts.
  const redress = (cell: RedressCell, row: string, column: string) =>
    cell.caseIds.length === 0 ? (
      moneyText(cell.paid) || '–'
    ) : (
      <Link
        component="button"
        aria-label={t('returns.screen.drillRedressLink', {
          row,
          column,
          paid: moneyText(cell.paid),
          count: cell.caseIds.length,
        })}
        onClick={() => drill(cell, row, column)}
      >
        {moneyText(cell.paid) || '–'}
      </Link>
    );

  async function exportAs(format_: SheetFormat) {
    if (!period || !cases) return;
    setBusy(true);
    try {
      const generatedAt = instantToOfficeTime(new Date().toISOString(), settings.timeZone).replace('T', ' ');
      const made = {
        appVersion: appInfo?.version ?? '',
        generatedAt: `${generatedAt} (${settings.timeZone})`,
        periodName: name,
        // The lists the figures were counted with, so the file says how (they may change later).
        lists: { products: settings.regulatoryProducts, causes: settings.complaintCauses },
      };
      const content =
        kind === 'asic'
          ? {
              title: 'IDR',
              fileName: t('returns.screen.fileAsic', { period: name }),
              ...asicIdrSheet(asic!.rows),
              // The portal's format has no room for them: they go in a file beside it.
              about: asicIdrAbout(
                period,
                settings.timeZone,
                asic!.rows.length,
                { ...made, licenceNumber: settings.licenceNumber, filters: t('returns.screen.asicFilters') },
                label,
              ),
            }
          : kind === 'fca-ps'
            ? {
                title: 'Payment services',
                fileName: t('returns.screen.filePs', { period: name }),
                ...fcaPaymentServicesSheet(
                  fca!,
                  {
                    ...made,
                    firmReferenceNumber: settings.firmReferenceNumber,
                    filters: t('returns.screen.psFilters'),
                  },
                  label,
                ),
              }
            : {
                title: 'FCA return',
                fileName: t('returns.screen.fileFca', { period: name }),
                ...fcaReturnSheet(
                  fca!,
                  {
                    ...made,
                    firmReferenceNumber: settings.firmReferenceNumber,
                    filters: t('returns.screen.fcaFilters'),
                  },
                  label,
                ),
              };
      const result = await call(api().sheets.export({ ...content, format: format_ }));
      if (result.saved)
        notify(
          result.aboutPath
            ? t('returns.screen.exportedWithAbout', { path: result.path, about: result.aboutPath })
            : t('returns.screen.exported', { path: result.path }),
          'success',
        );
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  const ready = !!cases && !!period;
  // The return's rows, named, with the total last: both FCA tables list them.
  const fcaLines: (readonly [string, FcaGroupFigures])[] = fca
    ? [...FCA_ROWS.map((g) => [label(`row.${g}`), fca.rows[g]] as const), [label('row.total'), fca.total]]
    : [];
  return (
    <>
      <PageHeader
        title={t('returns.screen.title')}
        subtitle={t('returns.screen.subtitle', { zone: settings.timeZone })}
        actions={
          <>
            {kind !== 'asic' && (
              <Button variant="outlined" disabled={!ready || busy} onClick={() => void exportAs('xlsx')}>
                {t('returns.screen.exportXlsx')}
              </Button>
            )}
            <Button variant="outlined" disabled={!ready || busy} onClick={() => void exportAs('csv')}>
              {t('returns.screen.exportCsv')}
            </Button>
          </>
        }
      />
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
        <TextField
          select
          size="small"
          label={t('returns.screen.which')}
          value={kind}
          onChange={(e) => {
            const next = e.target.value as Kind;
            setKind(next);
            // The other regulator's periods may start on other days: keep the choice only if offered.
            const offered = choicesFor(next);
            const kept = offered.some((c) => c.key === choice) || (next === 'asic' && choice === CUSTOM);
            if (!kept) setChoice(offered[0]?.key ?? CUSTOM);
          }}
          sx={{ minWidth: 300 }}
        >
          {KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`returns.screen.kind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('returns.screen.period')}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          sx={{ minWidth: 260 }}
        >
          {choices.map((c) => (
            <MenuItem key={c.key} value={c.key}>
              {`${c.name} (${format.day(c.period.from)} – ${format.day(c.period.to)})`}
            </MenuItem>
          ))}
          {kind === 'asic' && <MenuItem value={CUSTOM}>{t('returns.screen.custom')}</MenuItem>}
        </TextField>
        {kind === 'asic' && choice === CUSTOM && (
          <>
            <DateField
              quietWhilePartial
              size="small"
              label={t('returns.screen.from')}
              value={custom.from}
              onChange={(from) => setCustom((c) => ({ ...c, from }))}
            />
            <DateField
              quietWhilePartial
              size="small"
              label={t('returns.screen.to')}
              value={custom.to}
              onChange={(to) => setCustom((c) => ({ ...c, to }))}
              error={customReversed}
              helperText={customReversed ? t('returns.screen.rangeError') : undefined}
            />
          </>
        )}
      </Stack>

      {failed && <Alert severity="error">{t('returns.screen.loadFailed')}</Alert>}
      {joining && (
        // A join places the return figures of the cases it brings only at its end (finishJoin).
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('returns.screen.joining')}
        </Alert>
      )}
      {period && !cases && !failed && (
        <Stack spacing={1} sx={{ mb: 2 }} role="status">
          <Typography>{t('returns.screen.loading', { done: format.number(progress ?? 0) })}</Typography>
          <LinearProgress />
        </Stack>
      )}

      {kind === 'fca' && fca && (
        <>
          {!settings.firmReferenceNumber && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {t('returns.screen.noFrn')}
            </Alert>
          )}
          <FiguresTable
            title={t('returns.screen.byProduct')}
            columns={[...FCA_COUNT_COLUMNS.map((c) => label(`column.${c}`)), label('column.redress')]}
            rows={fcaLines.map(([row, f]) => [
              row,
              [
                ...FCA_COUNT_COLUMNS.map((c) => count(f[c], row, label(`column.${c}`))),
                redress(f.redress, row, label('column.redress')),
              ],
            ])}
          />
          <FiguresTable
            title={t('returns.screen.byCause')}
            columns={FCA_CAUSE_COLUMNS.map((c) => label(`cause.${c}`))}
            rows={fcaLines.map(([row, f]) => [
              row,
              FCA_CAUSE_COLUMNS.map((c) => count(f.openedByCause[c], row, label(`cause.${c}`))),
            ])}
          />
        </>
      )}

      {kind === 'fca-ps' && fca && (
        <FiguresTable
          title={t('returns.screen.paymentServices')}
          columns={PAYMENT_SERVICES_COLUMNS.map((c) => label(`ps.${c}`))}
          rows={[
            [
              label('ps.title'),
              PAYMENT_SERVICES_COLUMNS.map((c) =>
                count(fca.paymentServices[c], label('ps.title'), label(`ps.${c}`)),
              ),
            ],
          ]}
        />
      )}

      {kind === 'asic' && asic && (
        <Stack spacing={2}>
          <Typography role="status">
            {t('returns.screen.asicSummary', {
              count: asic.rows.length,
              formatted: format.number(asic.rows.length),
              valid: format.number(asic.rows.length - asic.problems.length),
              invalid: format.number(asic.problems.length),
            })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('returns.screen.asicFilters')}
          </Typography>
          {asic.problems.length === 0 ? (
            <Alert severity="success">{t('returns.screen.asicAllValid')}</Alert>
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-label={t('returns.screen.asicProblems')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('returns.screen.asicCase')}</TableCell>
                    <TableCell>{t('returns.screen.asicFields')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {asic.problems.map((p) => (
                    <TableRow key={p.caseId}>
                      <TableCell>
                        <Link
                          component={RouterLink}
                          to={caseTabPath(p.caseId, 'return-data')}
                          aria-label={t('returns.screen.asicFix', { reference: p.complaintId })}
                        >
                          {p.complaintId}
                        </Link>
                      </TableCell>
                      <TableCell>
                        {p.problems
                          .map((x) =>
                            t(`returns.screen.problem.${x.problem}`, {
                              field: t(`returns.screen.asicField.${x.field}`),
                            }),
                          )
                          .join(', ')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Stack>
      )}
    </>
  );
}

/** A table of figures with a heading; the first cell of each row names it. */
function FiguresTable({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly [string, readonly React.ReactNode[]])[];
}) {
  return (
    <section aria-label={title}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <TableContainer component={Paper} variant="outlined" sx={{ mb: 3 }}>
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell />
              {columns.map((c) => (
                <TableCell key={c} align="right">
                  {c}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(([name, cells]) => (
              <TableRow key={name}>
                <TableCell component="th" scope="row">
                  {name}
                </TableCell>
                {cells.map((cell, i) => (
                  <TableCell key={columns[i]} align="right">
                    {cell}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </section>
  );
}
