import { TextField, type TextFieldProps } from '@mui/material';
import { instantToOfficeTime, officeTimeToInstant } from '../../src-shared/domain/office-time';
import { useOfficeTimeCaption, useOfficeZone } from '../app/format';

type Props = Omit<TextFieldProps, 'type' | 'value' | 'onChange' | 'select'> & {
  /** The instant (UTC ISO) shown; '' for none. */
  value: string;
  /** The instant typed, read on the office's clocks; '' while the field holds no whole date-time. */
  onChange: (instant: string) => void;
};

/**
 * A date and time typed on the office's clocks (Settings → time zone), whatever zone this computer
 * keeps; when the two differ, the field says whose clock it reads.
 */
export function OfficeDateTimeField({ value, onChange, helperText, slotProps, ...props }: Props) {
  const { timeZone } = useOfficeZone();
  const caption = useOfficeTimeCaption();
  return (
    <TextField
      {...props}
      type="datetime-local"
      value={value ? instantToOfficeTime(value, timeZone) : ''}
      onChange={(e) => onChange(officeTimeToInstant(e.target.value, timeZone))}
      helperText={
        caption && helperText ? (
          <>
            {helperText}
            <br />
            {caption}
          </>
        ) : (
          (caption ?? helperText)
        )
      }
      slotProps={{ ...slotProps, inputLabel: { shrink: true } }}
    />
  );
}
