import { Checkbox, FormControlLabel, Paper, Stack, TextField, Typography, Box } from '@mui/material';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REGIME_IDS } from '../../../src-shared/domain/case';
import type { Settings } from '../../../src-shared/domain/settings';
import { THEMES } from '../../../src-shared/domain/settings';
import { parseTaxonomyText, taxonomyToText } from '../../../src-shared/domain/taxonomy';
import { CHECKLISTS, STAGES } from '../../../src-shared/domain/workflow';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { api, ApiError, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormCheckbox, FormSelect, FormText } from '../../components/FormFields';
import { PageHeader } from '../../components/PageHeader';
import { AuditCheckSection } from './AuditCheckSection';
import { DemoDataSection } from './DemoDataSection';
import { InvestigationSettingsSection } from './InvestigationSettingsSection';
import { ResolutionSettingsSection } from './ResolutionSettingsSection';
import { EmergingSettingsSection } from './EmergingSettingsSection';
import { LetterheadSection } from './LetterheadSection';
import { OmbudsmanSettingsSection } from './OmbudsmanSettingsSection';
import { SettingsSection } from './SettingsSection';

const row = { display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 } as const;

function OfficeSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { control, handleSubmit, setError } = useForm<
    Pick<Settings, 'officeName' | 'officeAddress' | 'locale' | 'theme'>
  >({ values: settings });
  return (
    <SettingsSection
      id="office"
      title={t('settings.office')}
      onSave={() =>
        new Promise((resolve, reject) => void handleSubmit((v) => update(v).then(resolve, reject))())
      }
      onFieldError={(field, message) =>
        ['officeName', 'officeAddress', 'locale', 'theme'].includes(field)
          ? (setError(field as 'locale', { message }), true)
          : false
      }
    >
      <FormText control={control} name="officeName" label={t('settings.officeName')} required />
      <FormText
        control={control}
        name="officeAddress"
        label={t('settings.officeAddress')}
        multiline
        minRows={3}
      />
      <Box sx={row}>
        <FormText
          control={control}
          name="locale"
          label={t('settings.locale')}
          helperText={t('settings.localeHelp')}
        />
        <FormSelect
          control={control}
          name="theme"
          label={t('settings.theme')}
          options={THEMES.map((v) => ({ value: v, label: t(`settings.themes.${v}`) }))}
        />
      </Box>
    </SettingsSection>
  );
}

interface DeadlineForm {
  defaultRegime: Settings['defaultRegime'];
  timeZone: string;
  holidayCountry: string;
  holidayRegion: string;
  closures: string;
  dueSoonBusinessDays: number;
  untouchedBusinessDays: number;
  customAcknowledge: number;
  customFinal: number;
}

function DeadlinesSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { control, handleSubmit, setError } = useForm<DeadlineForm>({
    values: {
      defaultRegime: settings.defaultRegime,
      timeZone: settings.timeZone,
      holidayCountry: settings.holidayCountry,
      holidayRegion: settings.holidayRegion,
      closures: settings.closures.join('\n'),
      dueSoonBusinessDays: settings.dueSoonBusinessDays,
      untouchedBusinessDays: settings.untouchedBusinessDays,
      customAcknowledge: settings.customRegime.acknowledge.amount,
      customFinal: settings.customRegime.final.amount,
    },
  });
  const save = (v: DeadlineForm) =>
    update({
      defaultRegime: v.defaultRegime,
      timeZone: v.timeZone.trim(),
      holidayCountry: v.holidayCountry.trim().toUpperCase(),
      holidayRegion: v.holidayRegion.trim().toUpperCase(),
      closures: v.closures.split(/\s+/).filter(Boolean),
      dueSoonBusinessDays: Number(v.dueSoonBusinessDays),
      untouchedBusinessDays: Number(v.untouchedBusinessDays),
      customRegime: {
        acknowledge: { amount: Number(v.customAcknowledge), unit: 'business-days' },
        final: { amount: Number(v.customFinal), unit: 'calendar-days' },
      },
    });
  const fieldFor = (field: string): keyof DeadlineForm | null => {
    if (field.startsWith('closures')) return 'closures';
    if (field.startsWith('customRegime.acknowledge')) return 'customAcknowledge';
    if (field.startsWith('customRegime.final')) return 'customFinal';
    return [
      'defaultRegime',
      'timeZone',
      'holidayCountry',
      'holidayRegion',
      'dueSoonBusinessDays',
      'untouchedBusinessDays',
    ].includes(field)
      ? (field as keyof DeadlineForm)
      : null;
  };
  return (
    <SettingsSection
      id="deadlines"
      title={t('settings.deadlines')}
      intro={t('settings.deadlinesIntro')}
      onSave={() =>
        new Promise((resolve, reject) => void handleSubmit((v) => save(v).then(resolve, reject))())
      }
      onFieldError={(field, message) => {
        const target = fieldFor(field);
        if (target) setError(target, { message });
        return !!target;
      }}
    >
      <FormSelect
        control={control}
        name="defaultRegime"
        label={t('settings.defaultRegime')}
        options={REGIME_IDS.map((v) => ({ value: v, label: t(`regime.${v}`) }))}
      />
      <Box sx={row}>
        <FormText control={control} name="timeZone" label={t('settings.timeZone')} />
        <FormText
          control={control}
          name="holidayCountry"
          label={t('settings.holidayCountry')}
          helperText={t('settings.holidayCountryHelp')}
        />
        <FormText
          control={control}
          name="holidayRegion"
          label={t('settings.holidayRegion')}
          helperText={t('settings.holidayRegionHelp')}
        />
        <FormText
          control={control}
          name="closures"
          label={t('settings.closures')}
          helperText={t('settings.closuresHelp')}
          multiline
          minRows={2}
        />
        <FormText control={control} name="dueSoonBusinessDays" type="number" label={t('settings.dueSoon')} />
        <FormText
          control={control}
          name="untouchedBusinessDays"
          type="number"
          label={t('settings.untouched')}
        />
        <FormText
          control={control}
          name="customAcknowledge"
          type="number"
          label={t('settings.customAcknowledge')}
        />
        <FormText control={control} name="customFinal" type="number" label={t('settings.customFinal')} />
      </Box>
    </SettingsSection>
  );
}

function CategoriesSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [text, setText] = useState(() => taxonomyToText(settings.taxonomy));
  const [error, setError] = useState<string | null>(null);
  return (
    <SettingsSection
      id="categories"
      title={t('settings.categories')}
      intro={t('settings.categoriesIntro')}
      onSave={async () => {
        const parsed = parseTaxonomyText(text);
        if (!parsed.ok) {
          setError(parsed.message);
          throw new ApiError('VALIDATION', parsed.message, 'taxonomy');
        }
        setError(null);
        await update({ taxonomy: parsed.taxonomy });
      }}
      onFieldError={(_field, message) => (setError(message), true)}
    >
      <TextField
        label={t('settings.categories')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={6}
        error={!!error}
        helperText={error ?? t('settings.categoriesHelp')}
      />
    </SettingsSection>
  );
}

function WorkflowSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const defaults = STAGES.flatMap((s) => CHECKLISTS[s].filter((i) => i.requiredByDefault).map((i) => i.id));
  const [required, setRequired] = useState<Set<string>>(
    () => new Set(settings.requiredChecklistItems ?? defaults),
  );
  const { control, handleSubmit } = useForm<{ requireFindingToLeaveInvestigation: boolean }>({
    values: { requireFindingToLeaveInvestigation: settings.requireFindingToLeaveInvestigation },
  });
  const toggle = (id: string, on: boolean) =>
    setRequired((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  return (
    <SettingsSection
      id="workflow"
      title={t('settings.workflow')}
      intro={t('settings.workflowIntro')}
      onSave={() =>
        new Promise(
          (resolve, reject) =>
            void handleSubmit((v) =>
              update({ ...v, requiredChecklistItems: [...required] }).then(resolve, reject),
            )(),
        )
      }
    >
      <FormCheckbox
        control={control}
        name="requireFindingToLeaveInvestigation"
        label={t('settings.requireFinding')}
      />
      <Box sx={row}>
        {STAGES.map((stage) => (
          <Box key={stage} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <Typography component="legend" variant="subtitle2">
              {t(`stage.${stage}`)}
            </Typography>
            {CHECKLISTS[stage].map((item) => (
              <FormControlLabel
                key={item.id}
                sx={{ display: 'flex' }}
                control={
                  <Checkbox
                    checked={required.has(item.id)}
                    onChange={(e) => toggle(item.id, e.target.checked)}
                  />
                }
                label={t(item.labelKey)}
              />
            ))}
          </Box>
        ))}
      </Box>
    </SettingsSection>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const notify = useNotify();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    call(api().app.info()).then(setInfo, (e: Error) => notify(e.message, 'error'));
  }, [notify]);
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack spacing={3} sx={{ maxWidth: 900 }}>
        <OfficeSection />
        <LetterheadSection key={`${settings.letterFooter}|${settings.letterLogo?.length ?? 0}`} />
        <OmbudsmanSettingsSection key={String(settings.ombudsmanLateReferralConsent)} />
        <DeadlinesSection />
        {/* Keyed by the stored value: a section re-reads it when Settings load or change. */}
        <CategoriesSection key={taxonomyToText(settings.taxonomy)} />
        <WorkflowSection key={JSON.stringify(settings.requiredChecklistItems)} />
        <InvestigationSettingsSection key={settings.rootCauseTaxonomy.join('\n')} />
        <ResolutionSettingsSection key={JSON.stringify(settings.approvalRules)} />
        <EmergingSettingsSection key={JSON.stringify(settings.emergingIssues)} />
        <AuditCheckSection />
        <DemoDataSection />
        <Paper sx={{ p: 3 }} aria-labelledby="about-heading" component="section">
          <Typography variant="h6" component="h2" id="about-heading" sx={{ mb: 1 }}>
            {t('settings.about')}
          </Typography>
          {info && (
            <Typography component="div">
              <div>
                {t('settings.version')}: {info.version}
              </div>
              <div>
                {t('settings.dataDir')}: <code>{info.dataDir}</code>
              </div>
            </Typography>
          )}
        </Paper>
      </Stack>
    </>
  );
}
