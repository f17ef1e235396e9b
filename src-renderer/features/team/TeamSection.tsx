import { Alert, Box, Button, CircularProgress, Divider, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  TeamConnectionInputSchema,
  type TeamSetUpResult,
  type TeamStatus,
  type TeamTestResult,
} from '../../../src-shared/ipc/channels/team';
import { useNotify } from '../../app/notifications';
import { errorText } from '../../api/error-text';
import { FormNumber, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { PromotePanel } from './PromotePanel';
import { SetUpServerDialog } from './SetUpServerDialog';
import { useTeamConnection, type TeamConnectionInput } from './team-connection';

/** The team connection's form, in Settings and at the sign-in screen (MendConnection.tsx). */
export interface TeamForm {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  caPath: string;
}

const row = { display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, gap: 2 } as const;

const toInput = (v: TeamForm): TeamConnectionInput => ({
  host: v.host,
  port: v.port,
  database: v.database,
  user: v.user,
  ...(v.password ? { password: v.password } : {}),
  ...(v.caPath.trim() ? { caPath: v.caPath.trim() } : {}),
});

const valuesOf = (status: TeamStatus | null): TeamForm => ({
  host: status?.connection?.host ?? '',
  port: status?.connection?.port ?? 5432,
  database: status?.connection?.database ?? 'redress',
  user: status?.connection?.user ?? '',
  password: '',
  caPath: status?.connection?.caPath ?? '',
});

type Connected = Extract<TeamTestResult, { ok: true }>;

/** The form's start when the saved connection could not be read. */
const UNREADABLE: TeamStatus = { connection: null, hasPassword: false, keyStoreProblem: null };

/** A failed test, thrown so the form shows it beside the field to fix (or above the buttons). */
const failureError = (result: Extract<TeamTestResult, { ok: false }>) =>
  Object.assign(new Error(result.message), result.field ? { field: result.field } : {});

/** Settings → Team server: where this desk syncs, with a test of the connection before it is saved. */
export function TeamSection() {
  const { t } = useTranslation();
  const { status, loadError, save, test } = useTeamConnection();
  if (loadError) {
    // A damaged team.json: said, with an empty form to set the connection again (saving replaces it).
    return (
      <TeamPaper>
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorText(loadError)}
        </Alert>
        <TeamFormFields status={UNREADABLE} save={save} test={test} unreadable />
      </TeamPaper>
    );
  }
  if (!status) {
    return (
      <TeamPaper>
        <CircularProgress size={24} aria-label={t('team.settings.title')} />
      </TeamPaper>
    );
  }
  return (
    <TeamPaper>
      <TeamFormFields status={status} save={save} test={test} />
      {status.connection && (
        <>
          <Divider sx={{ my: 3 }} />
          <PromotePanel />
        </>
      )}
    </TeamPaper>
  );
}

function TeamPaper({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="team-heading">
      <Typography variant="h6" component="h2" id="team-heading" sx={{ mb: 0.5 }}>
        {t('team.settings.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('team.settings.intro')}
      </Typography>
      {children}
    </Paper>
  );
}

/** Where the server is and who the desks connect as. */
export function ServerFields<TOut>({ control }: { control: Control<TeamForm, unknown, TOut> }) {
  const { t } = useTranslation();
  return (
    <>
      <Box sx={row}>
        <FormText control={control} name="host" label={t('team.settings.host')} required />
        <FormNumber
          control={control}
          name="port"
          label={t('team.settings.port')}
          helperText={t('team.settings.portHelp')}
          required
        />
      </Box>
      <Box sx={{ ...row, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        <FormText control={control} name="database" label={t('team.settings.database')} required />
        <FormText control={control} name="user" label={t('team.settings.user')} required />
      </Box>
    </>
  );
}

function TeamFormFields({
  status,
  save,
  test,
  unreadable = false,
}: {
  status: TeamStatus;
  /** The saved connection could not be read (said above the form): nothing to say of it here. */
  unreadable?: boolean;
  save: (input: TeamConnectionInput) => Promise<TeamStatus>;
  test: (input: TeamConnectionInput) => Promise<TeamTestResult>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useSchemaForm<TeamForm, TeamConnectionInput>(TeamConnectionInputSchema, {
    values: valuesOf(status),
    resetOptions: { keepDirtyValues: true },
    toInput,
  });
  const { control, formState } = form;
  // A good test, with the connection it tried (the one a set-up then uses).
  const [result, setResult] = useState<(Connected & { input: TeamConnectionInput }) | null>(null);
  const [testing, setTesting] = useState(false);
  const [settingUp, setSettingUp] = useState(false);

  const runTest = form.submit(async (input) => {
    setResult(null);
    setTesting(true);
    try {
      const outcome = await test(input);
      if (!outcome.ok) throw failureError(outcome);
      setResult({ ...outcome, input });
    } finally {
      setTesting(false);
    }
  });
  const setUpDone = (done: TeamSetUpResult) => {
    setSettingUp(false);
    setResult((r) => r && { ...r, schemaVersion: done.to });
    notify(
      t(done.applied ? 'team.settings.setUpDone' : 'team.settings.setUpCurrent', { version: done.to }),
      'success',
    );
  };
  const runSave = form.submit(async (input) => {
    await save(input);
    form.setValue('password', '');
    notify(t('team.settings.saved'), 'success');
  });

  const saved = status.connection;
  return (
    <Stack spacing={2} component="form" noValidate onSubmit={(e) => void runSave(e)}>
      {!unreadable && (
        <Typography>
          {saved ? t('team.settings.savedServer', { ...saved }) : t('team.settings.singleDesk')}
        </Typography>
      )}
      {status.keyStoreProblem && (
        <Alert severity="info">{t('team.settings.noKeyStore', { problem: status.keyStoreProblem })}</Alert>
      )}
      <ServerFields control={control} />
      <FormText
        control={control}
        name="password"
        type="password"
        autoComplete="off"
        label={t('team.settings.password')}
        helperText={
          status.hasPassword ? t('team.settings.passwordHelp') : t('team.settings.passwordHelpNone')
        }
      />
      <FormText
        control={control}
        name="caPath"
        label={t('team.settings.caPath')}
        helperText={t('team.settings.caPathHelp')}
      />
      {form.refusal && <Alert severity="error">{form.refusal}</Alert>}
      {result && <TestResult result={result} onSetUp={() => setSettingUp(true)} />}
      {result && settingUp && (
        <SetUpServerDialog connection={result.input} onDone={setUpDone} onClose={() => setSettingUp(false)} />
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="outlined" onClick={() => void runTest()} disabled={formState.isSubmitting}>
          {t('team.settings.test')}
        </Button>
        <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
          {t('team.settings.save')}
        </Button>
        {testing && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
            <CircularProgress size={20} aria-hidden />
            <Typography>{t('team.settings.testing')}</Typography>
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * A good test: the server's version, and whether Redress's tables there are the ones this Redress
 * needs; if they are missing or older, the way to set them up (or upgrade them).
 */
function TestResult({ result, onSetUp }: { result: Connected; onSetUp: () => void }) {
  const { t } = useTranslation();
  const connected = t('team.settings.connected', {
    version: result.serverVersion,
    tls: result.tls ? t('team.settings.connectedTls') : '',
  });
  const versions = { version: result.schemaVersion, needed: result.appSchemaVersion };
  if (result.schemaVersion === result.appSchemaVersion) {
    return (
      <Alert severity="success" role="status">
        {connected} {t('team.settings.schemaVersion', versions)}
      </Alert>
    );
  }
  const newer = result.schemaVersion > result.appSchemaVersion;
  return (
    <Alert
      severity="warning"
      role="status"
      action={
        newer ? undefined : (
          <Button color="inherit" onClick={onSetUp} sx={{ whiteSpace: 'nowrap' }}>
            {t(result.schemaVersion ? 'team.settings.upgrade' : 'team.settings.setUp')}
          </Button>
        )
      }
    >
      {connected}{' '}
      {newer
        ? t('team.settings.schemaNewer', versions)
        : result.schemaVersion
          ? t('team.settings.schemaOlder', versions)
          : t('team.settings.schemaNone')}
    </Alert>
  );
}
