import { Alert, AlertTitle, Box, Button, LinearProgress, Link as MuiLink, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../app/format';
import { getDb } from '../../db/schema';
import { teamModeOn } from '../../db/sync-replica';
import { checkTrailAgainstServer, TrailServerAway, type TeamTrailCheck } from '../../db/team-trail-check';
import { timelineEvent } from '../cases/Timeline';

/** Whether this desk syncs with a team server (the outbox's flag). */
function useTeamModeOn(): boolean {
  return useLiveQuery(() => teamModeOn(getDb()), []) ?? false;
}

/**
 * On a team desk, beside the desk's own trail check: the team server's chain checked link by link,
 * and this desk's entries compared with it (db/team-trail-check.ts).
 */
export function TeamTrailCheckPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const on = useTeamModeOn();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<TeamTrailCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!on) return null;

  const run = () => {
    setProgress({ done: 0, total: 0 });
    setResult(null);
    setError(null);
    checkTrailAgainstServer(
      getDb(),
      (input) => call(api().team.trailPage(input)),
      (done, total) => setProgress({ done, total }),
    )
      .then(setResult)
      .catch((e: unknown) =>
        setError(
          e instanceof TrailServerAway ? t('team.trailCheck.away', { message: e.message }) : errorText(e),
        ),
      )
      .finally(() => setProgress(null));
  };

  const count = (key: string, n: number) => t(key, { count: n, formatted: format.number(n) });
  const entryLine = (entry: AuditEntry) => {
    const reference = entry.caseId ? result?.references[entry.caseId] : undefined;
    return (
      <li key={entry.seq}>
        {t('team.trailCheck.entry', {
          seq: format.number(entry.seq),
          action: timelineEvent(entry, t).label,
          actor: entry.actor.name,
          when: format.dateTime(entry.at),
        })}
        {reference && entry.caseId && (
          <>
            {' — '}
            <MuiLink component={Link} to={`/cases/${entry.caseId}`}>
              {t('team.trailCheck.onCase', { reference })}
            </MuiLink>
          </>
        )}
      </li>
    );
  };
  const more = (finding: { count: number; first: unknown[] }) =>
    finding.count > finding.first.length && (
      <Typography variant="body2">
        {t('team.trailCheck.more', { formatted: format.number(finding.count - finding.first.length) })}
      </Typography>
    );

  return (
    <Box component="section" aria-labelledby="team-trail-heading" sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3" id="team-trail-heading">
        {t('team.trailCheck.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('team.trailCheck.intro')}
      </Typography>
      <Button variant="outlined" onClick={run} disabled={progress !== null}>
        {progress ? t('team.trailCheck.checking') : t('team.trailCheck.check')}
      </Button>
      {progress && (
        <Box sx={{ mt: 2 }}>
          <LinearProgress
            variant={progress.total ? 'determinate' : 'indeterminate'}
            value={progress.total ? (100 * progress.done) / progress.total : 0}
            aria-label={t('team.trailCheck.checking')}
          />
          {progress.total > 0 && (
            <Typography variant="body2" role="status" sx={{ mt: 0.5 }}>
              {t('team.trailCheck.progress', {
                done: format.number(progress.done),
                total: format.number(progress.total),
              })}
            </Typography>
          )}
        </Box>
      )}
      {result && (
        <Alert severity={result.ok ? 'success' : 'error'} sx={{ mt: 2 }}>
          <AlertTitle>{t(result.ok ? 'team.trailCheck.agrees' : 'team.trailCheck.disagrees')}</AlertTitle>
          <Typography variant="body2">
            {result.server.broken
              ? t('team.trailCheck.serverBroken', {
                  seq: format.number(result.server.broken.seq),
                  problem: t(`team.trailCheck.problem.${result.server.broken.problem}`),
                })
              : count('team.trailCheck.serverOk', result.server.count)}
          </Typography>
          <Typography variant="body2">{count('team.trailCheck.matched', result.matched)}</Typography>
          {result.hidden > 0 && (
            <Typography variant="body2">{count('team.trailCheck.hidden', result.hidden)}</Typography>
          )}
          {result.waiting > 0 && (
            <Typography variant="body2">{count('team.trailCheck.waiting', result.waiting)}</Typography>
          )}
          {result.deskOnly > 0 && (
            <Typography variant="body2">{count('team.trailCheck.deskOnly', result.deskOnly)}</Typography>
          )}
        </Alert>
      )}
      {result &&
        (['differs', 'lost'] as const).map((which) => {
          const finding = which === 'differs' ? result.differs : result.lostOnServer;
          return (
            finding.count > 0 && (
              <Alert key={which} severity="error" sx={{ mt: 2 }}>
                <AlertTitle>{t(`team.trailCheck.${which}Title`, { count: finding.count })}</AlertTitle>
                <Typography variant="body2">{t(`team.trailCheck.${which}Intro`)}</Typography>
                <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>{finding.first.map(entryLine)}</ul>
                {more(finding)}
              </Alert>
            )
          );
        })}
      {result && result.missingHere.count > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          <AlertTitle>{t('team.trailCheck.missingTitle', { count: result.missingHere.count })}</AlertTitle>
          <Typography variant="body2">
            {t('team.trailCheck.missingIntro', {
              seqs: result.missingHere.first.map((seq) => format.number(seq)).join(', '),
            })}
          </Typography>
          {more(result.missingHere)}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
