import { Box, Button, FormHelperText, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LOGO_DATA_URL } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { SettingsSection } from './SettingsSection';

const MAX_LOGO_BYTES = 500 * 1024;

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
  const [footer, setFooter] = useState(settings.letterFooter);
  const [logo, setLogo] = useState<string | null>(settings.letterLogo);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [footerError, setFooterError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const chooseLogo = async (file: File | undefined) => {
    if (!file) return;
    setLogoError(null);
    if (!['image/png', 'image/jpeg'].includes(file.type))
      return setLogoError(t('reports.letterhead.logoType'));
    if (file.size > MAX_LOGO_BYTES) return setLogoError(t('reports.letterhead.logoTooLarge'));
    const url = await readAsDataUrl(file);
    if (url.length > MAX_LOGO_DATA_URL) return setLogoError(t('reports.letterhead.logoTooLarge'));
    setLogo(url);
  };

  return (
    <SettingsSection
      id="letterhead"
      title={t('reports.letterhead.title')}
      intro={t('reports.letterhead.intro')}
      onSave={() => update({ letterFooter: footer, letterLogo: logo })}
      onFieldError={(field, message) => {
        if (field === 'letterLogo') return (setLogoError(message), true);
        if (field === 'letterFooter') return (setFooterError(message), true);
        return false;
      }}
    >
      <TextField
        label={t('reports.letterhead.footer')}
        value={footer}
        onChange={(e) => setFooter(e.target.value)}
        multiline
        minRows={2}
        error={!!footerError}
        helperText={footerError ?? t('reports.letterhead.footerHelp')}
      />
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
          <Button variant="outlined" onClick={() => fileInput.current?.click()}>
            {t('reports.letterhead.chooseLogo')}
          </Button>
          {logo && <Button onClick={() => setLogo(null)}>{t('reports.letterhead.removeLogo')}</Button>}
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
        <FormHelperText error={!!logoError}>{logoError ?? t('reports.letterhead.logoHelp')}</FormHelperText>
      </Box>
    </SettingsSection>
  );
}
