import { Box, Button, FormHelperText, Stack, Typography } from '@mui/material';
import { useRef } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { imageSize, MAX_LOGO_PIXELS } from '../../../src-shared/domain/image-size';
import { MAX_LOGO_DATA_URL, SettingsFieldsSchema } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

const MAX_LOGO_BYTES = 500 * 1024;
const LetterheadSchema = SettingsFieldsSchema.pick({ letterFooter: true, letterLogo: true });

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

/** Letterhead for letters and their PDFs: footer text and an optional logo (PNG or JPEG, ≤ 500 KB). */
export function LetterheadSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm(LetterheadSchema, {
    defaultValues: { letterFooter: settings.letterFooter, letterLogo: settings.letterLogo },
  });
  const { control, setError, clearErrors, setValue } = form;
  const fileInput = useRef<HTMLInputElement>(null);
  const logoError = (message: string) => setError('letterLogo', { type: 'refused', message });

  // Checked before the image is read: a wrong kind or size of file is refused at once.
  const chooseLogo = async (file: File | undefined) => {
    if (!file) return;
    clearErrors('letterLogo');
    if (!['image/png', 'image/jpeg'].includes(file.type)) return logoError(t('reports.letterhead.logoType'));
    if (file.size > MAX_LOGO_BYTES) return logoError(t('reports.letterhead.logoTooLarge'));
    // The pixels, from the header, before anything draws the image (a preview would decode it).
    const size = imageSize(new Uint8Array(await file.arrayBuffer()));
    if (!size || size.width === 0 || size.height === 0)
      return logoError(t('reports.letterhead.logoUnreadable'));
    if (size.width > MAX_LOGO_PIXELS || size.height > MAX_LOGO_PIXELS)
      return logoError(t('reports.letterhead.logoPixels', { ...size, max: MAX_LOGO_PIXELS }));
    const url = await readAsDataUrl(file);
    if (url.length > MAX_LOGO_DATA_URL) return logoError(t('reports.letterhead.logoTooLarge'));
    setValue('letterLogo', url, { shouldDirty: true });
  };

  return (
    <SettingsSection
      id="letterhead"
      title={t('reports.letterhead.title')}
      intro={t('reports.letterhead.intro')}
      form={form}
      onSave={update}
    >
      <FormText
        control={control}
        name="letterFooter"
        label={t('reports.letterhead.footer')}
        multiline
        minRows={2}
        helperText={t('reports.letterhead.footerHelp')}
      />
      <Controller
        control={control}
        name="letterLogo"
        render={({ field: { value: logo, onChange, ref }, fieldState }) => (
          <Box>
            <Typography variant="subtitle2" component="p" id="letter-logo-label">
              {t('reports.letterhead.logo')}
            </Typography>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', my: 1 }}>
              {logo ? (
                <Box
                  component="img"
                  src={logo}
                  alt={t('reports.letterhead.logoAlt')}
                  sx={{ maxHeight: 60, maxWidth: 200, border: 1, borderColor: 'divider', p: 0.5 }}
                />
              ) : (
                <Typography color="text.secondary">{t('reports.letterhead.noLogo')}</Typography>
              )}
              <Button
                variant="outlined"
                ref={ref}
                aria-invalid={!!fieldState.error}
                aria-describedby="letter-logo-help"
                onClick={() => fileInput.current?.click()}
              >
                {t('reports.letterhead.chooseLogo')}
              </Button>
              {logo && <Button onClick={() => onChange(null)}>{t('reports.letterhead.removeLogo')}</Button>}
              <input
                ref={fileInput}
                type="file"
                accept="image/png,image/jpeg"
                hidden
                aria-labelledby="letter-logo-label"
                onChange={(e) => {
                  void chooseLogo(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </Stack>
            <FormHelperText id="letter-logo-help" error={!!fieldState.error}>
              {fieldState.error?.message ?? t('reports.letterhead.logoHelp')}
            </FormHelperText>
          </Box>
        )}
      />
    </SettingsSection>
  );
}
