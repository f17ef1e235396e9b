import {
  Checkbox,
  FormControlLabel,
  FormHelperText,
  MenuItem,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Base<T extends FieldValues> = { name: FieldPath<T>; control: Control<T> };

/** A labelled MUI text field bound to react-hook-form, with its error shown beneath it. */
export function FormText<T extends FieldValues>({
  name,
  control,
  helperText,
  ...props
}: Base<T> & Omit<TextFieldProps, 'name'>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          {...field}
          value={field.value ?? ''}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
        />
      )}
    />
  );
}

/** A select whose options are values with labels. */
export function FormSelect<T extends FieldValues>({
  options,
  ...props
}: Base<T> &
  Omit<TextFieldProps, 'name' | 'select'> & { options: readonly { value: string; label: string }[] }) {
  return (
    <FormText {...props} select>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </FormText>
  );
}

export function FormCheckbox<T extends FieldValues>({
  name,
  control,
  label,
  help,
}: Base<T> & { label: string; help?: string }) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <div>
          <FormControlLabel
            control={
              <Checkbox
                checked={!!field.value}
                onChange={(e) => field.onChange(e.target.checked)}
                onBlur={field.onBlur}
              />
            }
            label={label}
          />
          {help && <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{help}</FormHelperText>}
        </div>
      )}
    />
  );
}
