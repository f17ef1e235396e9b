import { Checkbox, FormControlLabel, Paper, Stack, Typography, Box } from '@mui/material';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { REGIME_IDS } from '../../../src-shared/domain/case';
import { SettingsFieldsSchema, THEMES, type Settings } from '../../../src-shared/domain/settings';
import { TaxonomyTextSchema, taxonomyToText } from '../../../src-shared/domain/taxonomy';
import { CHECKLISTS, STAGES } from '../../../src-shared/domain/workflow';
import { PermittedPage } from '../../app/PermittedPage';
import { useSettings } from '../../app/settings-context';
import { FormCheckbox, FormNumber, FormSelect, FormText } from '../../components/FormFields';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeader } from '../../components/PageHeader';
import { useSchemaForm } from '../../components/schema-form';
import { AuditCheckSection } from './AuditCheckSection';
import { useAppInfo } from '../../app/app-info';
import { WipeTrainingSection } from '../training/WipeTrainingSection';
import { DemoDataSection } from './DemoDataSection';
import { InvestigationSettingsSection } from './InvestigationSettingsSection';
import { ResolutionSettingsSection } from './ResolutionSettingsSection';
import { EmergingSettingsSection } from './EmergingSettingsSection';
import { LetterheadSection } from './LetterheadSection';
import { OmbudsmanSettingsSection } from './OmbudsmanSettingsSection';
import { RedactionSettingsSection } from './RedactionSettingsSection';
import { ReturnsSettingsSection } from './ReturnsSettingsSection';
import { SettingsSection } from './SettingsSection';
import { BundleKeySection } from '../bundle/BundleKeySection';
import { TeamSection } from '../team/TeamSection';
import { useCurrentUser } from '../users/current-user';
import { useThemeChoice } from '../../app/theme-choice';

const row = { display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 } as const;

const OfficeSchema = SettingsFieldsSchema.pick({
  officeName: true,
  officeAddress: true,
  officeEmail: true,
  locale: true,
  theme: true,
});

function OfficeSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [, chooseTheme] = useThemeChoice();
  // Saving the office's theme shows it here at once: this desk's own switch gives way to it.
  const save = async (patch: Parameters<typeof update>[0]) => {
    const saved = await update(patch);
    chooseTheme(null);
    return saved;
  };
  const form = useSchemaForm(OfficeSchema, {
    values: {
      officeName: settings.officeName,
      officeAddress: settings.officeAddress,
      officeEmail: settings.officeEmail,
      locale: settings.locale,
      theme: settings.theme,
    },
  });
  const { control } = form;
  return (
    <SettingsSection id="office" title={t('settings.office')} form={form} onSave={save}>
      <FormText control={control} name="officeName" label={t('settings.officeName')} required />
      <FormText
        control={control}
        name="officeAddress"
        label={t('settings.officeAddress')}
        multiline
        minRows={3}
      />
      <FormText
        control={control}
        name="officeEmail"
        label={t('settings.officeEmail')}
        helperText={t('settings.officeEmailHelp')}
        type="email"
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

const DeadlinesSchema = SettingsFieldsSchema.pick({
  defaultRegime: true,
  timeZone: true,
  holidayCountry: true,
  holidayRegion: true,
  closures: true,
  dueSoonBusinessDays: true,
  untouchedBusinessDays: true,
  customRegime: true,
});

/** The deadline settings as typed: closure days one per line or space, the Custom regime's two amounts. */
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

const deadlinesInput = (v: DeadlineForm) => ({
  defaultRegime: v.defaultRegime,
  timeZone: v.timeZone.trim(),
  holidayCountry: v.holidayCountry.trim().toUpperCase(),
  holidayRegion: v.holidayRegion.trim().toUpperCase(),
  closures: v.closures.split(/\s+/).filter(Boolean),
  dueSoonBusinessDays: v.dueSoonBusinessDays,
  untouchedBusinessDays: v.untouchedBusinessDays,
  customRegime: {
    acknowledge: { amount: v.customAcknowledge, unit: 'business-days' },
    final: { amount: v.customFinal, unit: 'calendar-days' },
  },
});

const deadlineField = (path: string) =>
  path.startsWith('customRegime.acknowledge')
    ? 'customAcknowledge'
    : path.startsWith('customRegime.final')
      ? 'customFinal'
      : null;

function DeadlinesSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm<DeadlineForm, z.output<typeof DeadlinesSchema>>(DeadlinesSchema, {
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
    toInput: deadlinesInput,
    fieldFor: deadlineField,
  });
  const { control } = form;
  return (
    <SettingsSection
      id="deadlines"
      title={t('settings.deadlines')}
      intro={t('settings.deadlinesIntro')}
      form={form}
      onSave={update}
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
        <FormNumber control={control} name="dueSoonBusinessDays" label={t('settings.dueSoon')} />
        <FormNumber control={control} name="untouchedBusinessDays" label={t('settings.untouched')} />
        <FormNumber control={control} name="customAcknowledge" label={t('settings.customAcknowledge')} />
        <FormNumber control={control} name="customFinal" label={t('settings.customFinal')} />
      </Box>
    </SettingsSection>
  );
}

// The categories are typed as text, one line each; TaxonomyTextSchema reads and checks them.
const CategoriesSchema = z.object({ taxonomy: TaxonomyTextSchema });

function CategoriesSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm(CategoriesSchema, {
    defaultValues: { taxonomy: taxonomyToText(settings.taxonomy) },
  });
  return (
    <SettingsSection
      id="categories"
      title={t('settings.categories')}
      intro={t('settings.categoriesIntro')}
      form={form}
      onSave={update}
    >
      <FormText
        control={form.control}
        name="taxonomy"
        label={t('settings.categories')}
        multiline
        minRows={6}
        helperText={t('settings.categoriesHelp')}
      />
    </SettingsSection>
  );
}

const WorkflowSchema = SettingsFieldsSchema.pick({
  requireFindingToLeaveInvestigation: true,
  requiredChecklistItems: true,
});

function WorkflowSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const defaults = STAGES.flatMap((s) => CHECKLISTS[s].filter((i) => i.requiredByDefault).map((i) => i.id));
  const form = useSchemaForm(WorkflowSchema, {
    values: {
      requireFindingToLeaveInvestigation: settings.requireFindingToLeaveInvestigation,
      requiredChecklistItems: settings.requiredChecklistItems ?? defaults,
    },
  });
  const { control } = form;
  return (
    <SettingsSection
      id="workflow"
      title={t('settings.workflow')}
      intro={t('settings.workflowIntro')}
      form={form}
      onSave={update}
    >
      <FormCheckbox
        control={control}
        name="requireFindingToLeaveInvestigation"
        label={t('settings.requireFinding')}
      />
      <Controller
        control={control}
        name="requiredChecklistItems"
        render={({ field }) => {
          const required = field.value ?? [];
          const toggle = (id: string, on: boolean) =>
            field.onChange(on ? [...required, id] : required.filter((x) => x !== id));
          return (
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
                          checked={required.includes(item.id)}
                          onChange={(e) => toggle(item.id, e.target.checked)}
                        />
                      }
                      label={t(item.labelKey)}
                    />
                  ))}
                </Box>
              ))}
            </Box>
          );
        }}
      />
    </SettingsSection>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const editing = can('settings.edit');
  // A manager checks the audit trail here too, without the office's settings.
  if (!editing.ok && can('audit.verify').ok)
    return (
      <>
        <PageHeader title={t('settings.title')} />
        <Stack spacing={3} sx={{ maxWidth: 900 }}>
          <NotAllowed permission={editing} />
          <AuditCheckSection />
        </Stack>
      </>
    );
  return (
    <PermittedPage action="settings.edit" titleKey="settings.title">
      <OfficeSettings />
    </PermittedPage>
  );
}

function OfficeSettings() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const info = useAppInfo();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack spacing={3} sx={{ maxWidth: 900 }}>
        <OfficeSection />
        <LetterheadSection key={`${settings.letterFooter}|${settings.letterLogo?.length ?? 0}`} />
        <OmbudsmanSettingsSection key={String(settings.ombudsmanLateReferralConsent)} />
        <ReturnsSettingsSection
          key={JSON.stringify([
            settings.firmReferenceNumber,
            settings.licenceNumber,
            settings.reportingPeriodStart,
            settings.reportDemographics,
            settings.regulatoryProducts,
            settings.complaintCauses,
          ])}
        />
        <DeadlinesSection />
        {/* Keyed by the stored value: a section re-reads it when Settings load or change. */}
        <CategoriesSection key={taxonomyToText(settings.taxonomy)} />
        <WorkflowSection key={JSON.stringify(settings.requiredChecklistItems)} />
        <InvestigationSettingsSection key={settings.rootCauseTaxonomy.join('\n')} />
        <ResolutionSettingsSection key={JSON.stringify(settings.approvalRules)} />
        <EmergingSettingsSection key={JSON.stringify(settings.emergingIssues)} />
        <RedactionSettingsSection key={settings.redactionPatterns.join('\n')} />
        <AuditCheckSection />
        <BundleKeySection />
        <TeamSection />
        <DemoDataSection />
        {info?.profile === 'training' && <WipeTrainingSection />}
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
