import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Chip,
  Link as MuiLink,
  List,
  ListItem,
  ListItemText,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { seesCase } from '../../../src-shared/domain/case-visibility';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useFormat } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import {
  complainantCases,
  complainantContacts,
  type ComplainantCase,
  type ComplainantContact,
} from '../../db/complainants';
import { useCase } from '../../db/hooks';
import { getDb } from '../../db/schema';
import { useViewer } from '../users/use-viewer';
import { DetailItem } from '../../components/DetailItem';

/** Distinct non-empty values, first seen first (the newest case's spelling leads). */
const distinct = (values: string[]) => {
  const seen = new Map<string, string>();
  for (const v of values.map((s) => s.trim()).filter(Boolean))
    if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()];
};

/** One complainant across cases: reached from a case, it shows every case of the same person. */
export function ComplainantPage() {
  const { t } = useTranslation();
  const { caseId } = useParams();
  const anchor = useCase(caseId);
  const viewer = useViewer();
  const seen = !!anchor && seesCase(viewer, caseSubject(anchor));
  const found = useLiveQuery(
    () => (anchor && seen ? complainantCases(getDb(), anchor, viewer) : undefined),
    [anchor, seen, viewer],
  );
  // Read after the cases, so the person's details and cases show without waiting for them.
  const contacts = useLiveQuery(
    () => (found ? complainantContacts(getDb(), found.cases) : undefined),
    [found],
  );
  const back = (
    <Button
      component={Link}
      to={anchor ? `/cases/${anchor.id}` : '/cases'}
      startIcon={<ArrowBackIcon />}
      sx={{ alignSelf: 'flex-start' }}
    >
      {t('complainant.back')}
    </Button>
  );
  if (anchor === undefined) return <Typography>{t('common.loading')}</Typography>;
  if (anchor === null || !seen)
    return (
      <Stack spacing={2}>
        <Alert severity="warning">{t(anchor === null ? 'case.notFound' : 'case.cannotSee')}</Alert>
        {back}
      </Stack>
    );
  return <ComplainantRecord anchor={anchor} found={found} contacts={contacts} back={back} />;
}

function ComplainantRecord({
  anchor,
  found,
  contacts,
  back,
}: {
  anchor: CaseRecord;
  found: { cases: ComplainantCase[]; truncated: boolean } | undefined;
  contacts: ComplainantContact[] | undefined;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const cases = found?.cases ?? [{ record: anchor, matchedBy: [] }];
  // Newest first for the details: the latest case says how the person wants to be reached now.
  const records = [...cases.map((c) => c.record)].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
  const latest = records[0]!;
  const first = records.at(-1)!;
  const vulnerableOn = records.filter((r) => r.complainant.vulnerable).map((r) => r.reference);
  const needs = records
    .filter((r) => r.complainant.needs.trim())
    .map((r) => t('complainant.needsOn', { needs: r.complainant.needs.trim(), reference: r.reference }));
  return (
    <Stack spacing={3}>
      <PageHeader
        title={t('complainant.title', { name: anchor.complainant.name })}
        subtitle={t('complainant.subtitle', {
          count: records.length,
          formatted: format.number(records.length),
          date: format.date(first.receivedAt),
        })}
        actions={back}
      />
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="complainant-details">
        <Typography variant="h6" component="h2" id="complainant-details" gutterBottom>
          {t('complainant.details')}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2, m: 0 }}
        >
          <DetailItem label={t('complainant.names')}>
            {distinct(records.map((r) => r.complainant.name)).join('\n')}
          </DetailItem>
          <DetailItem label={t('complainant.emails')}>
            {distinct(records.map((r) => r.complainant.email)).join('\n')}
          </DetailItem>
          <DetailItem label={t('complainant.phones')}>
            {distinct(records.map((r) => r.complainant.phone)).join('\n')}
          </DetailItem>
          <DetailItem label={t('complainant.accounts')}>
            {distinct(records.map((r) => r.accountRef)).join('\n')}
          </DetailItem>
          <DetailItem label={t('complainant.addresses')}>
            {distinct(records.map((r) => r.complainant.address)).join('\n\n')}
          </DetailItem>
          <DetailItem label={t('complainant.preferred')}>
            {t(`contact.${latest.complainant.preferredContact}`)}
            {'\n'}
            {t(latest.complainant.consentToContact ? 'complainant.consentYes' : 'complainant.consentNo')}
          </DetailItem>
          <DetailItem label={t('complainant.needs')} wide>
            {[
              ...(vulnerableOn.length
                ? [t('complainant.vulnerable', { list: vulnerableOn.join(', ') })]
                : []),
              ...needs,
            ].join('\n')}
          </DetailItem>
        </Box>
      </Paper>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="complainant-cases">
        <Typography variant="h6" component="h2" id="complainant-cases" gutterBottom>
          {t('complainant.cases')}
        </Typography>
        {found?.truncated && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('complainant.truncated', { count: cases.length })}
          </Alert>
        )}
        <CasesTable cases={cases} />
      </Paper>
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="complainant-contacts">
        <Typography variant="h6" component="h2" id="complainant-contacts" gutterBottom>
          {t('complainant.contacts')}
        </Typography>
        {contacts && contacts.length === 0 ? (
          <Typography color="text.secondary">{t('complainant.noContacts')}</Typography>
        ) : (
          <List dense aria-label={t('complainant.contactsList')}>
            {(contacts ?? []).map((m) => (
              <ListItem key={m.id} disableGutters divider>
                <ListItemText
                  primary={`${format.dateTime(m.at)} — ${m.subject}`}
                  secondary={t('complainant.contactLine', {
                    direction: t(`complainant.${m.direction}`),
                    channel: t(`resolution.comms.channels.${m.channel}`),
                    reference: m.reference,
                  })}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Paper>
    </Stack>
  );
}

function CasesTable({ cases }: { cases: ComplainantCase[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableContainer>
      <Table size="small" aria-label={t('complainant.casesTable')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('complainant.reference')}</TableCell>
            <TableCell>{t('complainant.received')}</TableCell>
            <TableCell>{t('complainant.status')}</TableCell>
            <TableCell>{t('complainant.category')}</TableCell>
            <TableCell>{t('complainant.product')}</TableCell>
            <TableCell>{t('complainant.matchedBy')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {cases.map(({ record, matchedBy }) => (
            <TableRow key={record.id}>
              <TableCell component="th" scope="row">
                <MuiLink component={Link} to={`/cases/${record.id}`}>
                  {record.reference}
                </MuiLink>
              </TableCell>
              <TableCell>{format.date(record.receivedAt)}</TableCell>
              <TableCell>{t(`status.${record.status}`)}</TableCell>
              <TableCell>{record.category}</TableCell>
              <TableCell>{record.product}</TableCell>
              <TableCell>
                {matchedBy.length === 0 ? (
                  t('complainant.thisCase')
                ) : matchedBy.length === 1 && matchedBy[0] === 'name' ? (
                  <Chip size="small" color="warning" variant="outlined" label={t('complainant.nameOnly')} />
                ) : (
                  matchedBy.map((k) => t(`complainant.matched.${k}`)).join(', ')
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
