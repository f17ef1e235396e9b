import { Alert, List, ListItem } from '@mui/material';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import {
  RedactionPatternsTextSchema,
  redactionPatternProblem,
} from '../../../src-shared/domain/redaction-patterns';
import { useSettings } from '../../app/settings-context';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

// The patterns are typed one per line; RedactionPatternsTextSchema reads and checks them.
const RedactionSettingsSchema = z.object({ redactionPatterns: RedactionPatternsTextSchema });

/** The office's customer, file and policy number patterns, removed from every redacted copy. */
export function RedactionSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  // Patterns saved before a check was tightened still load and still apply (a broad one removes
  // more, never less); the administrator is told which ones to fix.
  const stale = settings.redactionPatterns.flatMap((p, i) => {
    const problem = redactionPatternProblem(p);
    return problem ? [{ line: i + 1, problem }] : [];
  });
  const form = useSchemaForm(RedactionSettingsSchema, {
    defaultValues: { redactionPatterns: settings.redactionPatterns.join('\n') },
  });
  return (
    <SettingsSection
      id="redaction-settings"
      title={t('settings.redaction.title')}
      intro={t('settings.redaction.intro')}
      form={form}
      onSave={update}
    >
      {stale.length > 0 && (
        <Alert severity="warning">
          {t('settings.redaction.stale')}
          <List dense aria-label={t('settings.redaction.staleList')}>
            {stale.map((s) => (
              <ListItem key={s.line} disableGutters>
                {t('settings.redaction.staleItem', s)}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      <FormText
        control={form.control}
        name="redactionPatterns"
        label={t('settings.redaction.patterns')}
        multiline
        minRows={3}
        helperText={t('settings.redaction.help')}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
      />
    </SettingsSection>
  );
}
