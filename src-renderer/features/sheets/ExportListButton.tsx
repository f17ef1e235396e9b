// "Export list" on the Cases list: the cases the current filters select (every page, not just the
// rows loaded), with the columns the list shows, dates on the office's clocks, as CSV or XLSX.
// Main writes the file (and neutralises any cell Excel would run as a formula).
import DownloadIcon from '@mui/icons-material/Download';
import { Button, Menu, MenuItem } from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { instantToOfficeTime } from '../../../src-shared/domain/office-time';
import type { Actor } from '../../../src-shared/domain/permissions';
import type { SheetFormat } from '../../../src-shared/ipc/channels/sheets';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { queryCases, type CaseQuery, type PageCursor, type QueryClock } from '../../db/case-query';
import { getDb } from '../../db/schema';
import { moreSearchResults, searchMatchIds } from '../../db/search-sync';

const EXPORT_PAGE = 1000;

/** Every case the list's query selects for this viewer, page after page. */
/** A search typed in the Cases list: its words, and the list's filters the matches must pass. */
interface SearchedList {
  q: string;
  keep: ((c: CaseRecord) => boolean) | null;
}

/** Every match of a search that passes the list's filters, best first: the list's own matches. */
async function allSearched(
  searched: SearchedList,
  viewer: Actor,
  query: CaseQuery,
  clock: QueryClock,
): Promise<CaseRecord[]> {
  const ids = await searchMatchIds(getDb(), searched.q, viewer, { query, clock });
  if (!ids.length) return [];
  const all = await moreSearchResults(getDb(), ids, viewer, { keep: searched.keep, pageSize: ids.length });
  return all.rows;
}

async function allCases(query: CaseQuery, clock: QueryClock, viewer: Actor): Promise<CaseRecord[]> {
  const all: CaseRecord[] = [];
  let cursor: PageCursor | null = null;
  do {
    const page = await queryCases(getDb(), query, clock, viewer, cursor, EXPORT_PAGE);
    all.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  return all;
}

/** The list's columns as text: the office's wall clock ('2026-03-04 09:30') sorts and reads in Excel. */
export function listSheet(
  t: TFunction,
  cases: readonly CaseRecord[],
  timeZone: string,
  dateColumn: 'received' | 'informed',
): { columns: string[]; rows: string[][] } {
  const when = (instant: string | null | undefined) =>
    instant ? instantToOfficeTime(instant, timeZone).replace('T', ' ') : '';
  const c = (key: string) => t(`sheets.export.columns.${key}`, { zone: timeZone });
  const columns = [
    c('reference'),
    c('complainant'),
    c('channel'),
    c('category'),
    c('subcategory'),
    c('description'),
    c('status'),
    c('severity'),
    c('assignee'),
    c(dateColumn),
    c('nextDue'),
  ];
  const rows = cases.map((r) => [
    r.reference,
    r.complainant.name,
    t(`channel.${r.channel}`),
    r.category,
    r.subcategory,
    r.description,
    t(`status.${r.status}`),
    t(`severity.${r.severity}`),
    r.assignee?.name ?? t('case.unassigned'),
    when(dateColumn === 'informed' ? r.informedAt : r.receivedAt),
    when(r.nextDueAt),
  ]);
  return { columns, rows };
}

export function ExportListButton({
  query,
  clock,
  viewer,
  searched,
  dateColumn,
}: {
  query: CaseQuery;
  clock: QueryClock;
  viewer: Actor;
  /** With a search typed, its words and the list's filters: the export holds every match. */
  searched: SearchedList | null;
  dateColumn: 'received' | 'informed';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { timeZone } = useSettings().settings;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportAs(kind: SheetFormat) {
    setAnchor(null);
    setBusy(true);
    try {
      const cases = searched
        ? await allSearched(searched, viewer, query, clock)
        : await allCases(query, clock, viewer);
      const today = instantToOfficeTime(clock.now, timeZone).slice(0, 10);
      const result = await call(
        api().sheets.export({
          fileName: t('sheets.export.fileName', { date: today }),
          format: kind,
          title: t('sheets.export.sheetTitle'),
          ...listSheet(t, cases, timeZone, dateColumn),
        }),
      );
      if (result.saved)
        notify(
          t('sheets.export.saved', {
            count: result.rows,
            formatted: format.number(result.rows),
            path: result.path,
          }),
          'success',
        );
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        disabled={busy}
        aria-haspopup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {t('sheets.export.button')}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => void exportAs('csv')}>{t('sheets.export.csv')}</MenuItem>
        <MenuItem onClick={() => void exportAs('xlsx')}>{t('sheets.export.xlsx')}</MenuItem>
      </Menu>
    </>
  );
}
