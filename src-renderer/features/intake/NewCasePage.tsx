import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, AlertTitle, Box, Button, Chip, Divider, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import {
  CHANNELS,
  CONTACT_METHODS,
  emptyNewCase,
  makeNewCaseSchema,
  REGIME_IDS,
  SEVERITIES,
  type CaseRecord,
  type NewCaseInput,
} from '../../../src-shared/domain/case';
import { complaintFromEmail, evidenceFromEmails } from '../../../src-shared/domain/email-import';
import { AppError } from '../../../src-shared/errors';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { PermittedPage } from '../../app/PermittedPage';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useLatest } from '../../app/latest';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { useStillShown } from '../../app/still-shown';
import { FormCheckbox, FormSelect, FormText } from '../../components/FormFields';
import { FormOfficeDateTime } from '../../components/DateField';
import { ErrorSummary, fieldProblems } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { createCase, findPossibleDuplicates } from '../../db/cases';
import { personKeys, sharedKinds } from '../../../src-shared/domain/complainant-match';
import { createCaseWithEvidence } from '../../db/email';
import { getDb } from '../../db/schema';
import { indexCase } from '../../db/search-sync';
import { commitIntakeFiles, describeMailFiles, discardIntakeFiles, mailWords } from '../email/import-email';
import { IntakeFromEmail } from '../email/IntakeFromEmail';
import { useCurrentUser } from '../users/current-user';
import { useViewer } from '../users/use-viewer';
import { clearDraft, loadDraft, loadDraftEmails, saveDraft, saveDraftEmails } from './draft';
import { RegimeCalendarWarning } from './RegimeCalendarWarning';
import { errorText } from '../../api/error-text';

// Validate against "now" at each check, not when the form opened: received dates may not be in the future.
const resolver: Resolver<NewCaseInput> = (values, context, options) =>
  zodResolver(makeNewCaseSchema(new Date()))(values, context, options) as ReturnType<Resolver<NewCaseInput>>;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
        {title}
      </Typography>
      <Stack spacing={2}>{children}</Stack>
    </Box>
  );
}

// The form's fields in page order, with their labels, for the error summary.
const FIELD_LABELS: Record<string, string> = {
  'complainant.name': 'intake.complainantName',
  'complainant.email': 'intake.email',
  'complainant.phone': 'intake.phone',
  'complainant.address': 'intake.address',
  'complainant.preferredContact': 'intake.preferredContact',
  'complainant.consentToContact': 'intake.consent',
  'complainant.needs': 'intake.needs',
  'complainant.vulnerable': 'intake.vulnerable',
  channel: 'intake.channel',
  receivedAt: 'intake.receivedAt',
  category: 'intake.category',
  subcategory: 'intake.subcategory',
  product: 'intake.product',
  accountRef: 'intake.accountRef',
  description: 'intake.description',
  desiredOutcome: 'intake.desiredOutcome',
  severity: 'intake.severity',
  regime: 'intake.regime',
  restricted: 'intake.restricted',
};
const FIELD_ORDER = Object.keys(FIELD_LABELS);

const row = { display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 } as const;

/** Logging a complaint from any channel, in under a minute. */
export const NewCasePage = () => (
  <PermittedPage action="case.create" titleKey="intake.title">
    <NewCaseForm />
  </PermittedPage>
);

function NewCaseForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stillShown = useStillShown();
  const notify = useNotify();
  const format = useFormat();
  const { actor, user } = useCurrentUser();
  const viewer = useViewer();
  const { settings } = useSettings();
  const rules = useCaseRules();
  const [saveError, setSaveError] = useState<string | null>(null);
  const [linked, setLinked] = useState<Record<string, string>>({}); // id → reference, for the chips
  const [draftRestored] = useState(() => loadDraft(user.id) !== null);
  // E-mails the restored draft had imported: their files went when it was left.
  const [emailsToReimport] = useState(() => (loadDraft(user.id) !== null ? loadDraftEmails(user.id) : []));
  // E-mails imported here or dropped on the Cases list: the first fills the form in, and every
  // one's files become evidence when the complaint is saved.
  const location = useLocation();
  const [imported, setImported] = useState<ImportedEmail[]>(
    () => (location.state as { emails?: ImportedEmail[] } | null)?.emails ?? [],
  );
  // The e-mail files imported here are staged in main until the complaint is saved (committed just
  // before). Leaving the page has main remove what is still staged: the files of an unsaved
  // complaint or of an e-mail removed from it (a closed window: swept at a later start).
  const [session] = useState(
    () => (location.state as { session?: string } | null)?.session ?? crypto.randomUUID(),
  );
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // After the current task: React's development double mount comes straight back.
      setTimeout(() => {
        if (!mounted.current) discardIntakeFiles(session);
      }, 0);
    };
  }, [session]);

  const { control, handleSubmit, setError, setValue, setFocus, reset, getValues, getFieldState, formState } =
    useForm<NewCaseInput>({
      resolver,
      defaultValues: loadDraft(user.id) ?? emptyNewCase(new Date(), { regime: settings.defaultRegime }),
      mode: 'onTouched',
      // The error summary takes the focus, not the first field.
      shouldFocusError: false,
    });

  // Every change goes to the draft; a form opened and left untouched leaves none (it would come
  // back days later as "restored", received at the time it was opened).
  const values = useWatch({ control });
  const { isDirty } = formState;
  useEffect(() => {
    if (isDirty) saveDraft(user.id, getValues());
    else if (!draftRestored) clearDraft(user.id);
  }, [values, isDirty, draftRestored, getValues, user.id]);

  // Possible duplicates while typing (debounced).
  const name = useWatch({ control, name: 'complainant.name' });
  const accountRef = useWatch({ control, name: 'accountRef' });
  const email = useWatch({ control, name: 'complainant.email' });
  const phone = useWatch({ control, name: 'complainant.phone' });
  const relatedIds = useWatch({ control, name: 'relatedCaseIds' });
  const [duplicates, setDuplicates] = useState<CaseRecord[]>([]);
  // The same person by any detail typed so far: name, e-mail, phone or account (complainant-match.ts).
  const probe = useMemo(
    () => ({ name: name ?? '', accountRef: accountRef ?? '', email: email ?? '', phone: phone ?? '' }),
    [name, accountRef, email, phone],
  );
  useEffect(() => {
    const timer = setTimeout(() => {
      findPossibleDuplicates(getDb(), probe, viewer).then(setDuplicates, () => setDuplicates([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [probe, viewer]);

  // The first e-mail fills in what the officer has not: text they typed (or a restored draft
  // holds) stays, the e-mail's text going below a description already begun; the channel, contact
  // and date follow the e-mail unless chosen. Anything kept that differs is said.
  const prefill = (mail: ImportedEmail) => {
    const fields = complaintFromEmail(mail, new Date(), mailWords());
    const set = { shouldDirty: true, shouldValidate: true } as const;
    const kept: string[] = [];
    for (const [field, value] of [
      ['complainant.name', fields.name],
      ['complainant.email', fields.email],
    ] as const) {
      const typed = getValues(field).trim();
      if (!typed) setValue(field, value, set);
      else if (value && typed.toLowerCase() !== value.trim().toLowerCase())
        kept.push(t(FIELD_LABELS[field]!));
    }
    const chosen = (field: 'channel' | 'receivedAt' | 'complainant.preferredContact') =>
      draftRestored || getFieldState(field).isDirty;
    if (!chosen('complainant.preferredContact'))
      setValue('complainant.preferredContact', fields.preferredContact, set);
    if (!chosen('channel')) setValue('channel', fields.channel, set);
    if (chosen('receivedAt')) kept.push(t(FIELD_LABELS.receivedAt!));
    else setValue('receivedAt', fields.receivedAt, set);
    const description = getValues('description').trimEnd();
    if (!description.trim()) setValue('description', fields.description, set);
    else if (!description.includes(fields.description.trim()))
      setValue('description', `${description}\n\n${fields.description}`, set);
    if (kept.length) notify(t('intake.emailKept', { fields: kept.join(', ') }), 'info');
  };
  // Named in the draft, to be imported again if it is restored (removed by the Remove button).
  useEffect(() => {
    if (imported.length)
      saveDraftEmails(
        user.id,
        imported.map((m) => m.subject.trim() || t('email.noSubject')),
      );
  }, [imported, t, user.id]);
  // The list as it is now: an import that ends after the officer removed the e-mails (a large
  // .msg takes seconds) adds to what is left, not to the list it started from.
  const importedRef = useLatest(imported);
  const importMails = (mails: ImportedEmail[]) => {
    if (importedRef.current.length === 0) prefill(mails[0]!);
    importedRef.current = [...importedRef.current, ...mails];
    setImported(importedRef.current);
  };
  const first = imported[0];
  useEffect(() => {
    // Brought from the Cases list: fill the form in once, on arrival.
    if (first && (location.state as { emails?: unknown } | null)?.emails) {
      prefill(first);
      void navigate('.', { replace: true, state: null });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const category = useWatch({ control, name: 'category' });
  const subcategories = useMemo(
    () => settings.taxonomy.find((c) => c.category === category)?.subcategories ?? [],
    [settings.taxonomy, category],
  );

  const link = (c: CaseRecord) => {
    const ids = getValues('relatedCaseIds');
    if (!ids.includes(c.id)) setValue('relatedCaseIds', [...ids, c.id], { shouldDirty: true });
    setLinked((m) => ({ ...m, [c.id]: c.reference }));
  };
  const unlink = (id: string) =>
    setValue(
      'relatedCaseIds',
      getValues('relatedCaseIds').filter((x) => x !== id),
      { shouldDirty: true },
    );

  // After a refused submit, every error is listed at the top and the list takes the focus.
  const summaryRef = useRef<HTMLDivElement>(null);
  const [summaryShown, setSummaryShown] = useState(false);
  const [focusSummary, setFocusSummary] = useState(0);
  const problems = summaryShown ? fieldProblems(formState.errors, FIELD_ORDER) : [];
  // The errors may reach the form's state a render after the refusal: the focus waits for the list.
  const focusedFor = useRef(0);
  const hasProblems = problems.length > 0;
  useEffect(() => {
    if (focusSummary > focusedFor.current && hasProblems) {
      focusedFor.current = focusSummary;
      summaryRef.current?.focus();
    }
  }, [focusSummary, hasProblems]);
  const labelOf = (name: string) => t(FIELD_LABELS[name] ?? 'intake.title');

  const submit = handleSubmit(async (input) => {
    setSummaryShown(false);
    setSaveError(null);
    try {
      // Kept before the save: a failed save leaves files behind, never a case without its files.
      await commitIntakeFiles(imported);
      const record = imported.length
        ? await createCaseWithEvidence(
            getDb(),
            input,
            evidenceFromEmails(imported, describeMailFiles),
            actor,
            rules,
          )
        : await createCase(getDb(), input, actor, rules);
      clearDraft(user.id);
      void indexCase(record);
      notify(t('intake.created', { reference: record.reference }), 'success');
      // Unless the officer has already gone to another page (the message above names the case).
      if (stillShown()) void navigate(`/cases/${record.id}`);
    } catch (error) {
      // Every value stays in the form (and the draft): only the message is added.
      if (error instanceof AppError && error.field)
        setError(error.field as keyof NewCaseInput, { message: error.message });
      setSaveError(t('intake.failed', { message: errorText(error) }));
    }
  }, showSummary);
  function showSummary() {
    setSummaryShown(true);
    setFocusSummary((n) => n + 1);
  }

  const discard = () => {
    clearDraft(user.id);
    reset(emptyNewCase(new Date(), { regime: settings.defaultRegime }));
    void navigate('/cases');
  };

  const opt = (prefix: string, list: readonly string[]) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <>
      <PageHeader title={t('intake.title')} subtitle={t('intake.intro')} />
      <Paper
        component="form"
        onSubmit={submit}
        noValidate
        sx={{ p: 3, maxWidth: 980 }}
        aria-label={t('intake.title')}
      >
        <Stack spacing={3}>
          <ErrorSummary
            ref={summaryRef}
            problems={problems}
            labelOf={labelOf}
            onJump={(name) => setFocus(name as keyof NewCaseInput)}
          />
          {draftRestored && <Alert severity="info">{t('intake.draftRestored')}</Alert>}
          {emailsToReimport.length > 0 && imported.length === 0 && (
            <Alert severity="warning">
              {t('intake.draftEmails', {
                count: emailsToReimport.length,
                subjects: emailsToReimport.map((s) => `“${s}”`).join(', '),
              })}
            </Alert>
          )}
          <IntakeFromEmail
            imported={imported}
            session={session}
            onImported={importMails}
            onRemove={() => {
              setImported([]);
              saveDraftEmails(user.id, []);
            }}
          />
          <Section title={t('intake.sections.complainant')}>
            <FormText
              control={control}
              name="complainant.name"
              label={t('intake.complainantName')}
              required
              autoFocus
            />
            <Box sx={row}>
              <FormText control={control} name="complainant.email" label={t('intake.email')} type="email" />
              <FormText control={control} name="complainant.phone" label={t('intake.phone')} type="tel" />
            </Box>
            <FormText
              control={control}
              name="complainant.address"
              label={t('intake.address')}
              multiline
              minRows={2}
            />
            <Box sx={row}>
              <FormSelect
                control={control}
                name="complainant.preferredContact"
                label={t('intake.preferredContact')}
                options={opt('contact', CONTACT_METHODS)}
              />
              <FormCheckbox
                control={control}
                name="complainant.consentToContact"
                label={t('intake.consent')}
              />
            </Box>
            <FormText
              control={control}
              name="complainant.needs"
              label={t('intake.needs')}
              helperText={t('intake.needsHelp')}
              multiline
              minRows={2}
            />
            <FormCheckbox
              control={control}
              name="complainant.vulnerable"
              label={t('intake.vulnerable')}
              help={t('intake.vulnerableHelp')}
            />
          </Section>

          {duplicates.length > 0 && (
            <Alert severity="warning" role="region" aria-label={t('intake.duplicatesTitle')}>
              <AlertTitle>{t('intake.duplicatesTitle')}</AlertTitle>
              <Typography variant="body2" sx={{ mb: 1 }}>
                {t('intake.duplicatesBody')}
              </Typography>
              <Stack spacing={1}>
                {duplicates.map((d) => (
                  <Stack key={d.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Typography variant="body2" sx={{ flexGrow: 1 }}>
                      <strong>{d.reference}</strong> — {d.complainant.name}, {d.category},{' '}
                      {format.date(d.receivedAt)} ({t(`status.${d.status}`)})
                      {d.accountRef ? ` — ${t('intake.accountRef')}: ${d.accountRef}` : ''}
                      {' — '}
                      {t('intake.duplicateSame', {
                        list: sharedKinds(personKeys(probe), d.personKeys)
                          .map((k) => t(`complainant.matched.${k}`))
                          .join(', '),
                      })}
                    </Typography>
                    <Button
                      size="small"
                      variant="outlined"
                      color="inherit"
                      disabled={relatedIds?.includes(d.id)}
                      onClick={() => link(d)}
                    >
                      {relatedIds?.includes(d.id) ? t('intake.linked') : t('intake.link')}
                    </Button>
                  </Stack>
                ))}
              </Stack>
            </Alert>
          )}

          <Divider />
          <Section title={t('intake.sections.complaint')}>
            <Box sx={row}>
              <FormSelect
                control={control}
                name="channel"
                label={t('intake.channel')}
                required
                options={opt('channel', CHANNELS)}
              />
              <FormOfficeDateTime
                control={control}
                name="receivedAt"
                label={t('intake.receivedAt')}
                required
                helperText={t('intake.receivedAtHelp')}
              />
            </Box>
            <Box sx={row}>
              <FormSelect
                control={control}
                name="category"
                label={t('intake.category')}
                required
                options={settings.taxonomy.map((c) => ({ value: c.category, label: c.category }))}
              />
              <FormSelect
                control={control}
                name="subcategory"
                label={t('intake.subcategory')}
                disabled={subcategories.length === 0}
                options={[
                  { value: '', label: t('intake.none') },
                  ...subcategories.map((s) => ({ value: s, label: s })),
                ]}
              />
            </Box>
            <Box sx={row}>
              <FormText control={control} name="product" label={t('intake.product')} />
              <FormText control={control} name="accountRef" label={t('intake.accountRef')} />
            </Box>
            <FormText
              control={control}
              name="description"
              label={t('intake.description')}
              required
              multiline
              minRows={5}
              helperText={t('intake.descriptionHelp')}
            />
            <FormText
              control={control}
              name="desiredOutcome"
              label={t('intake.desiredOutcome')}
              multiline
              minRows={2}
            />
            <Box sx={row}>
              <FormSelect
                control={control}
                name="severity"
                label={t('intake.severity')}
                required
                options={opt('severity', SEVERITIES)}
              />
              <FormSelect
                control={control}
                name="regime"
                label={t('intake.regime')}
                required
                options={opt('regime', REGIME_IDS)}
              />
            </Box>
            <RegimeCalendarWarning control={control} />
            <FormCheckbox
              control={control}
              name="restricted"
              label={t('intake.restricted')}
              help={t('intake.restrictedHelp')}
            />
            {relatedIds && relatedIds.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2">{t('intake.related')}:</Typography>
                {relatedIds.map((id) => (
                  <Chip key={id} label={linked[id] ?? id.slice(0, 8)} onDelete={() => unlink(id)} />
                ))}
              </Stack>
            )}
          </Section>

          {saveError && <Alert severity="error">{saveError}</Alert>}
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button onClick={discard} color="inherit">
              {t('intake.discard')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={formState.isSubmitting}
              // The pointer's press does not take the focus: leaving a field shows its message, which
              // would move this button from under the pointer before the release and lose the click.
              // The submit moves the focus itself (to the error summary or the new case).
              onMouseDown={(event) => event.preventDefault()}
            >
              {formState.isSubmitting ? t('intake.saving') : t('intake.submit')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </>
  );
}
