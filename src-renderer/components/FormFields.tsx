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
import { useId, useState, type ReactElement, type ReactNode } from 'react';
import {
  Controller,
  type Control,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
  type RefCallBack,
} from 'react-hook-form';
import { parseTypedNumber } from '../../src-shared/domain/money';
import { useSettings } from '../app/settings-context';

type Base<T extends FieldValues, TOut> = { name: FieldPath<T>; control: Control<T, unknown, TOut> };

type Bound<T extends FieldValues> = Omit<ControllerRenderProps<T>, 'ref' | 'value' | 'onChange'> & {
  inputRef: RefCallBack;
  error: boolean;
  helperText: ReactNode;
};

/**
 * The react-hook-form wiring every bound box shares (these, and the date fields'): the field's props with its ref going to the input
 * itself (so a failed submit can focus it), and its error shown beneath it in place of the help.
 * `render` is given these, and the value and onChange to turn into what its box shows and holds.
 */
export function Bind<T extends FieldValues, TOut>({
  name,
  control,
  helperText,
  render,
}: Base<T, TOut> & {
  helperText: ReactNode;
  render: (bound: Bound<T>, value: unknown, onChange: ControllerRenderProps<T>['onChange']) => ReactElement;
}) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: { ref, value, onChange, ...field }, fieldState }) =>
        render(
          {
            ...field,
            inputRef: ref,
            error: !!fieldState.error,
            helperText: fieldState.error?.message ?? helperText,
          },
          value,
          onChange,
        )
      }
    />
  );
}

/** A labelled MUI text field bound to react-hook-form, with its error shown beneath it. */
export function FormText<T extends FieldValues, TOut = T>({
  name,
  control,
  helperText,
  ...props
}: Base<T, TOut> & Omit<TextFieldProps, 'name'>) {
  return (
    <Bind
      name={name}
      control={control}
      helperText={helperText}
      render={(bound, value, onChange) => (
        <TextField {...props} {...bound} value={value ?? ''} onChange={onChange} />
      )}
    />
  );
}

/** The number and money boxes' props: with `nullable` an empty box is null, without it NaN to refuse. */
type NumberBoxProps<T extends FieldValues, TOut> = Base<T, TOut> &
  Omit<TextFieldProps, 'name' | 'type'> & { nullable?: boolean };

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
}: NumberBoxProps<T, TOut>) {
  return (
    <Bind
      name={name}
      control={control}
      helperText={helperText}
      render={(bound, value, onChange) => (
        <TextField
          {...props}
          {...bound}
          type="number"
          value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
          onChange={(e) =>
            onChange(e.target.value === '' ? (nullable ? null : Number.NaN) : Number(e.target.value))
          }
        />
      )}
    />
  );
}

/**
 * An amount of money as typed in the office's locale (parseTypedNumber: 1,234.56 in en-GB): a text
 * box, so what was typed stays as typed, and an amount it cannot read is NaN for the schema to
 * refuse beside it. A number box read 1.234,56 as 1.23456, and 1e6 as a million, without a word.
 */
export function FormMoney<T extends FieldValues, TOut = T>({
  name,
  control,
  helperText,
  nullable = false,
  ...props
}: NumberBoxProps<T, TOut>) {
  const { locale } = useSettings().settings;
  return (
    <Bind
      name={name}
      control={control}
      helperText={helperText}
      render={(bound, value, onChange) => (
        <TypedAmount
          {...props}
          {...bound}
          locale={locale}
          amount={value as number | null}
          onAmount={(n) => onChange(n === null && !nullable ? Number.NaN : n)}
        />
      )}
    />
  );
}

/** The text typed, shown until the form's value is set from elsewhere (a reset, a stored record). */
function TypedAmount({
  amount,
  onAmount,
  locale,
  ...props
}: Omit<TextFieldProps, 'value' | 'onChange'> & {
  amount: number | null;
  onAmount: (n: number | null) => void;
  locale: string;
}) {
  const [typed, setTyped] = useState('');
  const read = parseTypedNumber(typed, locale);
  const current = typeof amount === 'number' && !Number.isNaN(amount);
  // What was typed still reads as the form's value (an unreadable entry as NaN, an empty one as either).
  const same = Object.is(read, amount) || (read === null && !current) || (Number.isNaN(read) && !current);
  const shown = same
    ? typed
    : current
      ? new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(amount)
      : '';
  return (
    <TextField
      {...props}
      value={shown}
      slotProps={{ ...props.slotProps, htmlInput: { inputMode: 'decimal', ...props.slotProps?.htmlInput } }}
      onChange={(e) => {
        setTyped(e.target.value);
        onAmount(parseTypedNumber(e.target.value, locale));
      }}
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
