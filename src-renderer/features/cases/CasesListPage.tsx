import AddIcon from '@mui/icons-material/Add';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import SearchIcon from '@mui/icons-material/Search';
import { Alert, Button, InputAdornment, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CHANNELS, REGIME_IDS, SEVERITIES, type CaseRecord } from '../../../src-shared/domain/case';
import { dueSoonWindowEnd, updateOwedBefore } from '../../../src-shared/domain/deadlines';
import {
  dayRangeReversed,
  officeDayEnd,
  officeDayOf,
  officeDayStart,
} from '../../../src-shared/domain/office-time';
import { CASE_STATUSES, STAGES } from '../../../src-shared/domain/workflow';
import { useCaseRules } from '../../app/case-rules';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { addressParams, useStillShown } from '../../app/still-shown';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import {
  CASE_SORTS,
  queryCases,
  residualFilter,
  planQuery,
  type CaseQuery,
  type PageCursor,
  type QueryClock,
} from '../../db/case-query';
import { useCaseCount, useDataVersion, useUsers } from '../../db/hooks';
import { getDb } from '../../db/schema';
import { moreSearchResults, searchCases } from '../../db/search-sync';
import { joinUnderway } from '../../db/sync-replica';
import { startCaseSearchSoon } from '../../search/search-client';
import { FilterSelect } from '../../components/FilterSelect';
import { EmailImport } from '../email/EmailImport';
import { ExportBundleButton } from '../bundle/ExportBundleButton';
import { ImportBundleButton } from '../bundle/ImportBundleDialog';
import { BatchExportDialog } from '../reports/BatchExportDialog';
import { ExportListButton } from '../sheets/ExportListButton';
import { MyQueues } from '../resolution/MyQueues';
import { useCurrentUser } from '../users/current-user';
import { useViewer } from '../users/use-viewer';
import { applyView, readListParams, VIEWS } from './list-params';
import { CaseTable } from './CaseTable';
import { DrillFilterChips } from './DrillFilterChips';

const PAGE = 50;

export function CasesListPage() {
  const { t } = useTranslation();
  const [intakeSession] = useState(() => crypto.randomUUID());
  const format = useFormat();
  const { user, can } = useCurrentUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const { settings } = useSettings();
  const { calendar } = useCaseRules();
  const users = useUsers() ?? [];
  // Every read below is for this person: what they may not see is neither listed nor counted.
  const viewer = useViewer();
  const total = useCaseCount(viewer);
  const now = useNow();
  const [sp, setSp] = useSearchParams();
  const params = readListParams(sp);
  // The box's text, the address's search it last showed, and the last search it wrote there.
  const [search, setSearch] = useState({ url: params.q, text: params.q, written: params.q });
  let searchText = search.text;
  if (search.url !== params.q) {
    // The address's search changed: by this box's own write (keep what was typed since), or under
    // it (the menu's Cases or My work, Back): then the box shows the address's search.
    if (params.q !== search.written) searchText = params.q;
    setSearch({ url: params.q, text: searchText, written: search.written });
  }
  const setSearchText = (text: string) => setSearch((prev) => ({ ...prev, text }));
  const joining = useLiveQuery(() => joinUnderway(getDb()), [], false);
  // Cases ticked for batch export, by id (with their reference for the file names).
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [batchOpen, setBatchOpen] = useState(false);

  // The URL is the source of truth; re-plan only when it changes.
  const spKey = sp.toString();
  const query: CaseQuery = useMemo(() => {
    const p = readListParams(new URLSearchParams(spKey));
    return applyView(p.view, p.filters, p.sort, user.id);
  }, [spKey, user.id]);
  const clock: QueryClock = useMemo(
    () => ({
      now: now.toISOString(),
      dueSoonBefore: dueSoonWindowEnd(now, calendar, settings.dueSoonBusinessDays),
      updateOwedBefore: updateOwedBefore(now, calendar, settings.keepInformedBusinessDays),
    }),
    [now, calendar, settings.dueSoonBusinessDays, settings.keepInformedBusinessDays],
  );

  const [rows, setRows] = useState<CaseRecord[] | undefined>();
  // A search ranks by the index; the list's filters then check each row read.
  const searchKeep = useMemo(
    () => residualFilter(query, { ...planQuery(query, clock), covered: new Set() }, clock),
    [query, clock],
  );
  const [cursor, setCursor] = useState<PageCursor | null>(null);
  // A search's ranked matches not read yet (it reads a page of rows at a time, as a listing does).
  const [searchRest, setSearchRest] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  // Any write to the cases table bumps this, so the list reloads with the change.
  const version = useDataVersion();

  // Which list is on screen (counted as each lands): a page of "load more" read for an earlier
  // one, with its cursor, is not added to it.
  const listRef = useRef(0);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      if (params.q.trim()) {
        // Ranked ids from the full-text index, then the rows; filters still apply.
        const { rows: found, rest } = await searchCases(getDb(), params.q, viewer, {
          keep: searchKeep,
          filters: { query, clock },
        });
        return { rows: found, next: null, rest };
      }
      return { ...(await queryCases(getDb(), query, clock, viewer, null, PAGE)), rest: [] };
    };
    load().then(
      (page) => {
        if (!alive) return;
        listRef.current += 1;
        setRows(page.rows);
        setCursor(page.next);
        setSearchRest(page.rest);
        // The list is the first screen: start the search index load once it is up.
        requestAnimationFrame(() => startCaseSearchSoon());
      },
      (e: unknown) => console.error('Could not load cases', e),
    );
    return () => {
      alive = false;
    };
    // The count too: a team join's pages move it, and the list follows even if a reload raced one.
  }, [query, clock, params.q, version, viewer, searchKeep, total]);

  const loadMore = useCallback(() => {
    if ((!cursor && searchRest.length === 0) || loading) return;
    setLoading(true);
    const list = listRef.current;
    const next = cursor
      ? queryCases(getDb(), query, clock, viewer, cursor, PAGE).then((page) => ({ ...page, rest: [] }))
      : moreSearchResults(getDb(), searchRest, viewer, { keep: searchKeep }).then((page) => ({
          ...page,
          next: null,
        }));
    next
      .then((page) => {
        if (list !== listRef.current) return;
        setRows((prev) => [...(prev ?? []), ...page.rows]);
        setCursor(page.next);
        setSearchRest(page.rest);
      })
      .finally(() => setLoading(false));
  }, [cursor, searchRest, loading, query, clock, viewer, searchKeep]);

  // An empty view with no filter of the officer's own says why it is empty, not to clear a filter.
  const unfiltered = !params.q && Object.keys(params.filters).length === 0;
  let emptyText = t('list.noMatches');
  // A search is on: the list is its matches, in the order of how well they match.
  const searching = !!params.q.trim();
  // A search alone that found nothing: no filter to clear, so what to search for instead.
  if (searching && params.view === 'all' && Object.keys(params.filters).length === 0)
    emptyText = t('list.noSearchMatches');
  if (unfiltered && params.view === 'my-work') emptyText = t('list.noWorkForYou');
  if (unfiltered && params.view === 'update-owed')
    emptyText = t('list.noUpdatesOwed', { count: settings.keepInformedBusinessDays });
  // Catching up with the team server: what is not listed yet may still be on its way.
  if (joining) emptyText = t('list.noMatchesWhileJoining');

  const set = (key: string, value: string | undefined) => {
    const next = addressParams();
    if (value === undefined || value === '__any') next.delete(key);
    else next.set(key, value);
    setSp(next, { replace: true });
  };
  // The date fields keep what was typed, even a range that ends before it starts (refused, not swapped).
  const urlFrom = params.filters.receivedFrom
    ? officeDayOf(params.filters.receivedFrom, settings.timeZone)
    : '';
  const urlTo = params.filters.receivedTo ? officeDayOf(params.filters.receivedTo, settings.timeZone) : '';
  const [days, setDays] = useState({ url: `${urlFrom}|${urlTo}`, from: urlFrom, to: urlTo });
  let { from: fromDay, to: toDay } = days;
  if (days.url !== `${urlFrom}|${urlTo}`) {
    // The URL changed under the fields (back button, a link, Clear): show its range.
    [fromDay, toDay] = [urlFrom, urlTo];
    setDays({ url: `${urlFrom}|${urlTo}`, from: urlFrom, to: urlTo });
  }
  const rangeReversed = dayRangeReversed(fromDay, toDay);
  const setDay = (which: 'from' | 'to', day: string) => {
    const next = { from: fromDay, to: toDay, [which]: day };
    const reversed = dayRangeReversed(next.from, next.to);
    // The URL this change leads to (a refused range leaves it as the last change left it).
    setDays((prev) =>
      reversed ? { ...prev, [which]: day } : { url: `${next.from}|${next.to}`, from: next.from, to: next.to },
    );
    if (reversed) return;
    const params = addressParams();
    const from = officeDayStart(next.from, settings.timeZone);
    const to = officeDayEnd(next.to, settings.timeZone);
    if (from) params.set('from', from);
    else params.delete('from');
    if (to) params.set('to', to);
    else params.delete('to');
    setSp(params, { replace: true });
  };
  const stillShown = useStillShown();
  useEffect(() => {
    const timer = setTimeout(() => {
      // Not once the officer has clicked another page: writing the search would lead back to Cases.
      if (!stillShown()) return;
      // Into the address as it is now, not as this render saw it: a filter chosen since stays.
      const next = addressParams();
      if ((next.get('q') ?? '') === searchText) return;
      if (searchText) next.set('q', searchText);
      else next.delete('q');
      setSearch((prev) => ({ ...prev, written: searchText }));
      setSp(next, { replace: true });
    }, 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchText]);

  const select = (
    key: string,
    label: string,
    value: string | undefined,
    options: { value: string; label: string }[],
  ) => <FilterSelect key={key} label={label} value={value} options={options} onChange={(v) => set(key, v)} />;
  const opt = (prefix: string, list: readonly string[]) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const f = params.filters;

  const newButton = can('case.create').ok && (
    <Button component={Link} to="/cases/new" variant="contained" startIcon={<AddIcon />}>
      {t('cases.newComplaint')}
    </Button>
  );
  // E-mails dropped or chosen here open a new complaint filled in from them (which owns their
  // intake session from then on: left unsaved, it has their files removed).
  const emailButton = can('case.create').ok && (
    <EmailImport
      compact
      session={intakeSession}
      onImported={(emails) => {
        const open = () => void navigate('/cases/new', { state: { emails, session: intakeSession } });
        if (stillShown()) return open();
        // Read after the officer moved on (a large .msg takes seconds): offered, not imposed.
        notify(
          t('email.readElsewhere', {
            subject: emails[0]!.subject.trim() || t('email.noSubject'),
            count: emails.length,
            others: emails.length - 1,
          }),
          'info',
          { label: t('email.openNewComplaint'), run: open },
        );
      }}
    />
  );
  const filtered = params.view !== 'all' || params.q || Object.keys(f).length > 0;

  return (
    <>
      <PageHeader
        // My work is this page with the officer's view: its title says so, as the navigation does.
        title={params.view === 'my-work' ? t('nav.myWork') : t('cases.title')}
        subtitle={
          // With filters on, the total is said to be everyone's, so it never reads as the list's own count.
          total !== undefined
            ? t(filtered ? 'cases.countAll' : 'cases.count', {
                count: total,
                formattedCount: format.number(total),
              })
            : ' '
        }
        actions={
          <>
            {can('case.import').ok && (
              <Button component={Link} to="/cases/import" variant="outlined">
                {t('sheets.import.button')}
              </Button>
            )}
            {!!total && (
              <ExportListButton
                query={query}
                clock={clock}
                viewer={viewer}
                searched={params.q.trim() ? { q: params.q, keep: searchKeep } : null}
                dateColumn={query.sort === 'informed' ? 'informed' : 'received'}
              />
            )}
            {emailButton}
            {can('case.create').ok && <ImportBundleButton />}
            {newButton}
          </>
        }
      />
      {total === 0 ? (
        <EmptyState
          icon={<FolderOpenIcon />}
          title={t('cases.emptyTitle')}
          body={t('cases.emptyBody')}
          action={newButton}
        />
      ) : (
        <>
          {params.view === 'my-work' && <MyQueues />}
          <Stack
            direction="row"
            spacing={1.5}
            useFlexGap
            sx={{ flexWrap: 'wrap', mb: 2 }}
            role="search"
            aria-label={t('list.filters')}
          >
            <TextField
              size="small"
              label={t('list.search')}
              placeholder={t('list.searchPlaceholder')}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              sx={{ minWidth: 280 }}
              slotProps={{
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon />
                    </InputAdornment>
                  ),
                },
              }}
            />
            <TextField
              select
              size="small"
              label={t('list.view')}
              value={params.view}
              onChange={(e) => set('view', e.target.value === 'all' ? undefined : e.target.value)}
              sx={{ minWidth: 170 }}
            >
              {VIEWS.map((v) => (
                <MenuItem key={v} value={v}>
                  {t(`list.views.${v}`)}
                </MenuItem>
              ))}
            </TextField>
            {select('stage', t('list.stage'), f.stage, opt('stage', STAGES))}
            {select('status', t('list.status'), f.status, opt('status', CASE_STATUSES))}
            {select(
              'category',
              t('list.category'),
              f.category,
              settings.taxonomy.map((c) => ({ value: c.category, label: c.category })),
            )}
            {select('channel', t('list.channel'), f.channel, opt('channel', CHANNELS))}
            {select('severity', t('list.severity'), f.severity, opt('severity', SEVERITIES))}
            {select('assignee', t('list.assignee'), f.assigneeId, [
              { value: '', label: t('case.unassigned') },
              ...users.map((u) => ({ value: u.id, label: u.name })),
            ])}
            {select('regime', t('list.regime'), f.regime, opt('regime', REGIME_IDS))}
            {select('due', t('list.due'), f.due, [
              { value: 'overdue', label: t('due.overdue') },
              { value: 'due-soon', label: t('due.due-soon') },
            ])}
            <DateField
              quietWhilePartial
              size="small"
              label={t('list.from')}
              value={fromDay}
              onChange={(v) => setDay('from', v)}
            />
            <DateField
              quietWhilePartial
              size="small"
              label={t('list.to')}
              value={toDay}
              onChange={(v) => setDay('to', v)}
              error={rangeReversed}
              helperText={rangeReversed ? t('list.rangeError') : undefined}
            />
            <TextField
              select
              size="small"
              label={t('list.sort')}
              // A view that orders its cases itself shows that order here, disabled; so does a
              // search, whose matches come best first whatever order the list had.
              value={searching ? 'match' : query.sort}
              onChange={(e) => set('sort', e.target.value)}
              sx={{ minWidth: 170 }}
              disabled={searching || query.sort !== params.sort}
            >
              {searching && <MenuItem value="match">{t('list.sorts.match')}</MenuItem>}
              {CASE_SORTS.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`list.sorts.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            {filtered && (
              <Button
                onClick={() => {
                  setSearch((prev) => ({ ...prev, text: '', written: '' }));
                  setSp(new URLSearchParams(), { replace: true });
                }}
              >
                {t('list.clear')}
              </Button>
            )}
          </Stack>
          {selected.size > 0 && (
            <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
              {can('export.batch').ok && (
                <Button variant="contained" onClick={() => setBatchOpen(true)}>
                  {t('reports.batch.button', { count: selected.size })}
                </Button>
              )}
              <ExportBundleButton
                caseIds={[...selected.keys()]}
                label={t('bundle.export.buttonSelected', { count: selected.size })}
              />
              <Button onClick={() => setSelected(new Map())}>{t('reports.batch.clear')}</Button>
            </Stack>
          )}
          {batchOpen && can('export.batch').ok && (
            <BatchExportDialog
              cases={[...selected].map(([id, reference]) => ({ id, reference }))}
              onClose={() => setBatchOpen(false)}
            />
          )}
          <DrillFilterChips filters={f} onRemove={(param) => set(param, undefined)} />
          {params.q && joining && (
            // A join builds the search index once, at its end: until then a search misses what it took in.
            <Alert severity="info" sx={{ mb: 1 }}>
              {t('list.searchWhileJoining')}
            </Alert>
          )}
          {rows && rows.length === 0 ? (
            <Typography color="text.secondary" role="status" sx={{ py: 4, textAlign: 'center' }}>
              {emptyText}
            </Typography>
          ) : (
            <CaseTable
              label={t(`cases.listLabels.${params.q.trim() ? 'search' : query.sort}`)}
              dateColumn={query.sort === 'informed' ? 'informed' : 'received'}
              rows={rows ?? []}
              now={now}
              query={params.q}
              hasMore={!!cursor || searchRest.length > 0}
              onEndReached={loadMore}
              selection={{
                isSelected: (id) => selected.has(id),
                toggle: (c) =>
                  setSelected((prev) => {
                    const next = new Map(prev);
                    if (next.has(c.id)) next.delete(c.id);
                    else next.set(c.id, c.reference);
                    return next;
                  }),
                toggleAll: () =>
                  setSelected((prev) =>
                    (rows ?? []).every((r) => prev.has(r.id))
                      ? new Map()
                      : new Map((rows ?? []).map((r) => [r.id, r.reference])),
                  ),
              }}
            />
          )}
          {rows && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} role="status">
              {cursor || searchRest.length > 0
                ? t('list.shownMore', { formatted: format.number(rows.length) })
                : t('list.shown', { count: rows.length, formatted: format.number(rows.length) })}
            </Typography>
          )}
        </>
      )}
    </>
  );
}
