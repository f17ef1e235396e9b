// A filter's drop-down: "Any" (no filter) first, then the options. Cases list, dashboard and
// management report all filter the same way, so they share this one control.
import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** The select value for no filter (an empty value would leave the label over the field). */
const ANY = '__any';

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  label,
  value,
  options,
  onChange,
  sx,
}: {
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  /** undefined when the user picks "Any". */
  onChange: (value: string | undefined) => void;
  sx?: SxProps<Theme>;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ANY}
      onChange={(e) => onChange(e.target.value === ANY ? undefined : e.target.value)}
      sx={sx ?? { minWidth: 150 }}
    >
      <MenuItem value={ANY}>{t('list.any')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value || '__empty'} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
