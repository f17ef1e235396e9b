import { Box, Checkbox, Chip, Link as MuiLink, Paper, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { isUntouched, updateOwed } from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { Highlight } from '../../components/Highlight';
import { DeadlineChip, FinalOutcomeChip } from './DeadlineChip';
import { RestrictedChip } from './Restriction';

const ROW_HEIGHT = 64;
// Sized to fit the app's default window (1366 px wide) beside the navigation, select column
// included: the fixed columns and the flexible ones' minimums add up to the room there is, so no
// column is clipped at the right edge. A name longer than its column shows whole on hover.
const SELECT_COLUMN = '40px ';
const COLUMNS = '150px minmax(130px, 1.5fr) minmax(110px, 1.5fr) 136px 76px minmax(80px, 0.8fr) 128px 164px';

/**
 * The case list as an ARIA table whose rows are virtualized: only the rows on screen exist in the
 * DOM, so scrolling stays smooth at 100,000 cases. Reaching the end asks for the next page.
 */
export function CaseTable({
  label,
  dateColumn = 'received',
  rows,
  now,
  query,
  hasMore,
  onEndReached,
  selection,
}: {
  /** The table's accessible name, saying the order of its rows. */
  label?: string;
  /** The date shown: when received, or (ordered by news) when the complainant last heard from us. */
  dateColumn?: 'received' | 'informed';
  rows: CaseRecord[];
  now: Date;
  query: string;
  hasMore: boolean;
  onEndReached: () => void;
  /** Row selection (for batch export); no checkbox column without it. */
  selection?: { isSelected: (id: string) => boolean; toggle: (c: CaseRecord) => void; toggleAll: () => void };
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { calendar } = useCaseRules();
  const { untouchedBusinessDays, keepInformedBusinessDays } = useSettings().settings;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 10) onEndReached();
  }, [hasMore, lastIndex, rows.length, onEndReached]);

  const columns = selection ? SELECT_COLUMN + COLUMNS : COLUMNS;
  const allSelected = !!selection && rows.length > 0 && rows.every((r) => selection.isSelected(r.id));
  const header = [
    'reference',
    'complainant',
    'summary',
    'status',
    'severity',
    'officer',
    'received',
    'due',
  ] as const;
  return (
    <Paper
      role="table"
      aria-label={label ?? t('cases.listLabels.received')}
      aria-rowcount={rows.length + 1}
      sx={{ overflow: 'hidden' }}
    >
      <Box role="rowgroup">
        <Box
          role="row"
          aria-rowindex={1}
          sx={{
            display: 'grid',
            gridTemplateColumns: columns,
            columnGap: 0.5,
            px: 2,
            py: 1,
            borderBottom: 1,
            borderColor: 'divider',
            fontWeight: 600,
          }}
        >
          {selection && (
            <Box role="columnheader">
              <Checkbox
                size="small"
                sx={{ p: 0.5 }}
                checked={allSelected}
                onChange={selection.toggleAll}
                slotProps={{ input: { 'aria-label': t('reports.batch.selectAll') } }}
              />
            </Box>
          )}
          {header.map((h) => (
            <Box role="columnheader" key={h} sx={{ fontSize: 14 }}>
              {t(`cases.columns.${h === 'received' && dateColumn === 'informed' ? 'informed' : h}`)}
            </Box>
          ))}
        </Box>
      </Box>
      <Box
        ref={scrollRef}
        role="rowgroup"
        sx={{ height: 'calc(100vh - 330px)', minHeight: 280, overflowY: 'auto' }}
      >
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const c = rows[item.index]!;
            const untouched =
              c.open === 1 && isUntouched(c.lastActivityAt, now, calendar, untouchedBusinessDays);
            const owed = updateOwed(c, now, calendar, keepInformedBusinessDays);
            const flags = [
              c.escalation && t('case.escalated'),
              untouched && t('due.untouched'),
              owed && t('cases.updateOwed'),
            ].filter((f): f is string => !!f);
            return (
              <Box
                role="row"
                aria-rowindex={item.index + 2}
                key={c.id}
                onClick={() => void navigate(`/cases/${c.id}`)}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: columns,
                  columnGap: 0.5,
                  alignItems: 'center',
                  px: 2,
                  borderBottom: 1,
                  borderColor: 'divider',
                  cursor: 'pointer',
                  '&:hover': { bgcolor: 'action.hover' },
                }}
              >
                {selection && (
                  <Box role="cell" onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="small"
                      sx={{ p: 0.5 }}
                      checked={selection.isSelected(c.id)}
                      onChange={() => selection.toggle(c)}
                      slotProps={{
                        input: { 'aria-label': t('reports.batch.select', { reference: c.reference }) },
                      }}
                    />
                  </Box>
                )}
                <Box role="cell">
                  <MuiLink
                    component={Link}
                    to={`/cases/${c.id}`}
                    onClick={(e) => e.stopPropagation()}
                    underline="hover"
                  >
                    {/* A desk-prefixed fallback (CMP-2026-DC969278C-1503) is wider than the column:
                        it breaks after a hyphen onto the cell's second line, not over the next cell. */}
                    <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
                      <Highlight text={c.reference} query={query} />
                    </Box>
                  </MuiLink>
                  <RestrictedChip record={c} size="small" />
                </Box>
                <Box role="cell" sx={{ overflow: 'hidden' }}>
                  <Typography noWrap title={c.complainant.name}>
                    <Highlight text={c.complainant.name} query={query} />
                  </Typography>
                  <Typography variant="body2" color="text.secondary" noWrap>
                    {t(`channel.${c.channel}`)}
                  </Typography>
                </Box>
                <Box role="cell" sx={{ overflow: 'hidden', pr: 1 }}>
                  <Typography noWrap>
                    {c.category}
                    {c.subcategory ? ` / ${c.subcategory}` : ''}
                  </Typography>
                  <Typography variant="body2" color="text.secondary" noWrap>
                    <Highlight text={c.description.slice(0, 200)} query={query} />
                  </Typography>
                </Box>
                <Box role="cell">
                  <Chip size="small" label={t(`status.${c.status}`)} />
                </Box>
                <Box role="cell">{t(`severity.${c.severity}`)}</Box>
                <Box role="cell" sx={{ overflow: 'hidden' }}>
                  <Typography noWrap variant="body2">
                    {c.assignee?.name ?? t('case.unassigned')}
                  </Typography>
                </Box>
                <Box role="cell">
                  {dateColumn === 'informed' ? (
                    <>
                      <Typography variant="body2">{format.dateTime(c.informedAt)}</Typography>
                      {c.informedAt === c.receivedAt && (
                        <Typography variant="caption" color="text.secondary">
                          {t('cases.noNewsSinceReceived')}
                        </Typography>
                      )}
                    </>
                  ) : (
                    <Typography variant="body2">{format.dateTime(c.receivedAt)}</Typography>
                  )}
                </Box>
                {/* A long deadline label ("Overdue by 12 business days") wraps inside its chip. */}
                <Box
                  role="cell"
                  sx={{
                    '& .MuiChip-root': { height: 'auto', py: 0.25 },
                    '& .MuiChip-label': { whiteSpace: 'normal' },
                  }}
                >
                  {c.nextDueAt ? (
                    <DeadlineChip dueAt={c.nextDueAt} now={now} />
                  ) : (
                    <FinalOutcomeChip record={c} now={now} />
                  )}
                  {/* Flags as one line of text under the deadline: three chips would not fit a row. */}
                  {flags.length > 0 && (
                    <Typography
                      variant="caption"
                      color="warning.dark"
                      noWrap
                      component="div"
                      sx={{ mt: 0.25 }}
                    >
                      {flags.join(' · ')}
                    </Typography>
                  )}
                </Box>
              </Box>
            );
          })}
        </Box>
      </Box>
    </Paper>
  );
}
