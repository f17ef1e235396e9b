import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import { useId } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Base<T extends FieldValues, TOut> = { name: FieldPath<T>; control: Control<T, unknown, TOut> };

/**
 * A labelled MUI text field bound to react-hook-form, with its error shown beneath it. The ref goes
 * to the input itself, so a failed submit can focus it.
 */
export function FormText<T extends FieldValues, TOut = T>({
  name,
  control,
  helperText,
  ...props
}: Base<T, TOut> & Omit<TextFieldProps, 'name'>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: { ref, ...field }, fieldState }) => (
        <TextField
          {...props}
          {...field}
          inputRef={ref}
          value={field.value ?? ''}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
        />
      )}
    />
  );
}

/**
 * A number box holding a number (or, when `nullable`, null for an empty box). An empty or
 * unreadable entry is NaN for the schema to refuse; the box keeps showing what was typed.
 */
export function FormNumber<T extends FieldValues, TOut = T>({
  name,
  control,
  helperText,
  nullable = false,
  ...props
}: Base<T, TOut> & Omit<TextFieldProps, 'name' | 'type'> & { nullable?: boolean }) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: { ref, value, onChange, ...field }, fieldState }) => (
        <TextField
          {...props}
          {...field}
          type="number"
          inputRef={ref}
          value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
          onChange={(e) =>
            onChange(e.target.value === '' ? (nullable ? null : Number.NaN) : Number(e.target.value))
          }
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
        />
      )}
    />
  );
}

/** A select whose options are values with labels. */
export function FormSelect<T extends FieldValues, TOut = T>({
  options,
  ...props
}: Base<T, TOut> &
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

export function FormCheckbox<T extends FieldValues, TOut = T>({
  name,
  control,
  label,
  help,
}: Base<T, TOut> & { label: string; help?: string }) {
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

/**
 * A row of radio buttons named by `label`. Options' values are strings on screen; `parse` turns the
 * chosen one into the form's value (a score as a number, yes/no as a boolean).
 */
export function FormRadios<T extends FieldValues, TOut = T>({
  name,
  control,
  label,
  options,
  parse = (v) => v,
  disabled,
}: Base<T, TOut> & {
  label: string;
  options: readonly { value: string; label: string }[];
  parse?: (value: string) => unknown;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <FormControl error={!!fieldState.error} disabled={disabled}>
          <FormLabel id={`${id}-label`}>{label}</FormLabel>
          <RadioGroup
            row
            aria-labelledby={`${id}-label`}
            aria-invalid={!!fieldState.error}
            aria-describedby={fieldState.error ? `${id}-error` : undefined}
            value={field.value === null || field.value === undefined ? '' : String(field.value)}
            onChange={(e) => field.onChange(parse(e.target.value))}
            onBlur={field.onBlur}
            ref={(el: HTMLElement | null) =>
              field.ref(
                el && {
                  focus: () => el.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus(),
                },
              )
            }
          >
            {options.map((o) => (
              <FormControlLabel key={o.value} value={o.value} control={<Radio />} label={o.label} />
            ))}
          </RadioGroup>
          {fieldState.error && <FormHelperText id={`${id}-error`}>{fieldState.error.message}</FormHelperText>}
        </FormControl>
      )}
    />
  );
}
