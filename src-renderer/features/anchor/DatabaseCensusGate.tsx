// After sign-in, before the app: is this the case database main last saw, or did it lose its data
// without a word (a removed browser profile, a database swapped for an older one)? A loss shows
// the loss screen instead of an empty app that looks like a new office. Asked again when the
// browser closed the database under the app and the person opened it again (DatabaseClosedDialog):
// Chromium closes it when a write fails on a full disk, and the database it opens next may be an
// empty one (tests/e2e/desk-disk-full.spec.ts), which nothing must be written to.
import { Alert, Box, LinearProgress } from '@mui/material';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CensusVerdict } from '../../../src-shared/domain/audit-anchor';
import { api, call } from '../../api/client';
import { databaseCensus, type DatabaseCensus } from '../../db/database-census';
import { onDatabaseClosed } from '../../db/database-closed';
import { getDb } from '../../db/schema';
import { AnchorCheckpoints } from './AnchorCheckpoints';
import { DatabaseClosedDialog } from './DatabaseClosedDialog';
import { DatabaseLossScreen } from './DatabaseLossScreen';
import type { RestoreActionProps } from './restore-action';
import { errorText } from '../../api/error-text';

type State =
  | { kind: 'checking' }
  | { kind: 'checked'; verdict: CensusVerdict; facts: DatabaseCensus }
  | { kind: 'failed'; message: string };

export function DatabaseCensusGate({
  children,
  restoreAction,
}: {
  children: ReactNode;
  /** The backup feature's restore action; none: the screen says whom to ask. */
  restoreAction?: ComponentType<RestoreActionProps>;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'checking' });
  // Bumped after an administrator started with an empty database: ask main again.
  const [round, setRound] = useState(0);

  const [closed, setClosed] = useState(false);

  useEffect(() => onDatabaseClosed(getDb(), () => setClosed(true)), []);

  useEffect(() => {
    let current = true;
    // Asked again, the app stays on screen (and keeps what is typed in it) until a loss is found.
    databaseCensus(getDb())
      .then(async (facts) => ({ facts, verdict: await call(api().database.census(facts)) }))
      .then(
        ({ facts, verdict }) => current && setState({ kind: 'checked', verdict, facts }),
        (e: unknown) => current && setState({ kind: 'failed', message: errorText(e) }),
      );
    return () => {
      current = false;
    };
  }, [round]);

  if (state.kind === 'checking') {
    return (
      <Box sx={{ p: 4 }}>
        <LinearProgress aria-label={t('anchor.loss.checking')} />
      </Box>
    );
  }
  if (state.kind === 'checked' && state.verdict.state === 'lost') {
    return (
      <DatabaseLossScreen
        verdict={state.verdict}
        facts={state.facts}
        restoreAction={restoreAction ?? null}
        onStartedEmpty={() => setRound((r) => r + 1)}
      />
    );
  }
  return (
    <>
      {/* A census that could not be taken does not hold the office up; the audit check still compares. */}
      {state.kind === 'failed' && (
        <Alert severity="warning" sx={{ m: 2 }}>
          {t('anchor.loss.checkFailed', { message: state.message })}
        </Alert>
      )}
      {children}
      <AnchorCheckpoints />
      {closed && (
        <DatabaseClosedDialog
          onOpened={() => {
            setClosed(false);
            setRound((r) => r + 1);
          }}
        />
      )}
    </>
  );
}
