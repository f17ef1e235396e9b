import type { TextFieldProps } from '@mui/material';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { format as formatDate, isValid } from 'date-fns';
import {
  de,
  enAU,
  enCA,
  enGB,
  enIE,
  enIN,
  enNZ,
  enUS,
  enZA,
  es,
  fr,
  frCA,
  it,
  nl,
  pl,
  pt,
} from 'date-fns/locale';
import type { Locale } from 'date-fns';
import { useState, type ComponentType, type ReactNode, type Ref } from 'react';
import { type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { instantToOfficeTime, officeTimeToInstant } from '../../src-shared/domain/office-time';
import { useOfficeTimeCaption, useOfficeZone } from '../app/format';
import { useSettings } from '../app/settings-context';
import { Bind } from './FormFields';

// The office's locale tag (Settings) picks the order of day, month and year and the first day of
// the week; a tag without its own table falls back to its language, then to British English.
const LOCALES: Record<string, Locale> = {
  'en-AU': enAU,
  'en-CA': enCA,
  'en-GB': enGB,
  'en-IE': enIE,
  'en-IN': enIN,
  'en-NZ': enNZ,
  'en-US': enUS,
  'en-ZA': enZA,
  'fr-CA': frCA,
  en: enGB,
  de,
  es,
  fr,
  it,
  nl,
  pl,
  pt,
};

export function dateFnsLocale(tag: string): Locale {
  return LOCALES[tag] ?? LOCALES[tag.split('-')[0] ?? ''] ?? enGB;
}

/** Date and date-time pickers in the office's locale. */
export function DatePickersProvider({ children }: { children: ReactNode }) {
  const { locale } = useSettings().settings;
  return (
    <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={dateFnsLocale(locale)}>
      {children}
    </LocalizationProvider>
  );
}

// The pickers work on the computer's Date objects; the app keeps plain strings. The string is read
// as a wall clock on those Dates (the office zone is applied by the caller), so what is typed is
// what is stored, whatever zone the computer keeps.
const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
function wallClockToDate(value: string): Date | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const date = new Date(0);
  date.setFullYear(y!, mo! - 1, d!);
  date.setHours(h!, mi!, 0, 0);
  return date;
}
const toDay = (date: Date) => formatDate(date, 'yyyy-MM-dd');
const toWallClock = (date: Date) => formatDate(date, "yyyy-MM-dd'T'HH:mm");

/**
 * The Date a picker shows for a string value. While the officer is part-way through typing, the
 * picker holds an invalid Date and the caller holds ''; the half-typed Date is kept until the
 * caller's value changes to something else, so a half-typed field is never emptied.
 */
function usePickerValue(
  value: string,
  toString: (date: Date) => string,
  onChange: (value: string) => void,
  quietWhilePartial = false,
) {
  const [held, setHeld] = useState<{ value: string; date: Date | null }>(() => ({
    value,
    date: wallClockToDate(value),
  }));
  let date = held.date;
  if (held.value !== value) {
    date = wallClockToDate(value);
    setHeld({ value, date });
  }
  const change = (next: Date | null) => {
    // A year is typed digit by digit (0002, 0020, 0202, 2020): one of fewer than four digits is
    // still being typed, never a date to act on (a filter would apply it mid-typing).
    const year = next && isValid(next) ? next.getFullYear() : NaN;
    const text = next && year >= 1000 && year <= 9999 ? toString(next) : '';
    setHeld({ value: text, date: next });
    if (text || next === null || !quietWhilePartial) onChange(text);
  };
  return [date, change] as const;
}

type FieldProps = Pick<
  TextFieldProps,
  'label' | 'required' | 'error' | 'helperText' | 'size' | 'fullWidth' | 'sx' | 'name' | 'disabled'
> & { inputRef?: Ref<HTMLInputElement>; onBlur?: () => void };

function textField({ inputRef, ...props }: FieldProps) {
  return { textField: { ...props, inputRef } };
}

type DateFieldProps = FieldProps & {
  /** A calendar day, 'YYYY-MM-DD'; '' for none. */
  value: string;
  /** The day typed or picked; '' while the field holds no whole, real date. */
  onChange: (day: string) => void;
  /** The last day allowed, 'YYYY-MM-DD' (the picker greys out later days). */
  maxDay?: string;
  /** A filter: a half-typed date changes nothing (only a whole date, or an emptied field, is passed on). */
  quietWhilePartial?: boolean;
};

/** A calendar day, typed with the keyboard (in the office's order of day, month and year) or picked. */
export function DateField({ value, onChange, maxDay, quietWhilePartial, ...props }: DateFieldProps) {
  const [date, change] = usePickerValue(value, toDay, onChange, quietWhilePartial);
  return (
    <DatePicker
      value={date}
      onChange={change}
      maxDate={maxDay ? (wallClockToDate(maxDay) ?? undefined) : undefined}
      slotProps={textField(props)}
    />
  );
}

type DateTimeFieldProps = FieldProps & {
  /** The instant (UTC ISO) shown; '' for none. */
  value: string;
  /** The instant typed, read on the office's clocks; '' while the field holds no whole date-time. */
  onChange: (instant: string) => void;
};

/**
 * A date and time typed on the office's clocks (Settings → time zone), whatever zone this computer
 * keeps; when the two differ, the field says whose clock it reads.
 */
export function OfficeDateTimeField({ value, onChange, helperText, ...props }: DateTimeFieldProps) {
  const { timeZone } = useOfficeZone();
  const caption = useOfficeTimeCaption();
  const [date, change] = usePickerValue(
    value ? instantToOfficeTime(value, timeZone) : '',
    toWallClock,
    (wallClock) => onChange(wallClock ? officeTimeToInstant(wallClock, timeZone) : ''),
  );
  return (
    <DateTimePicker
      value={date}
      onChange={change}
      ampm={false}
      slotProps={textField({
        ...props,
        helperText:
          caption && helperText ? (
            <>
              {helperText}
              <br />
              {caption}
            </>
          ) : (
            (caption ?? helperText)
          ),
      })}
    />
  );
}

/** A field of this file bound to react-hook-form: its value a string, its error shown beneath it. */
function boundToForm<P extends FieldProps & { value: string; onChange: (value: string) => void }>(
  Field: ComponentType<P>,
) {
  return function FormField<T extends FieldValues, TOut = T>({
    name,
    control,
    helperText,
    ...props
  }: Bindable<T, TOut, P>) {
    return (
      <Bind
        name={name}
        control={control}
        helperText={helperText}
        render={(bound, value, onChange) => (
          <Field
            {...(props as unknown as P)}
            {...bound}
            value={typeof value === 'string' ? value : ''}
            onChange={onChange}
          />
        )}
      />
    );
  };
}

/** A calendar day bound to react-hook-form. */
export const FormDate = boundToForm(DateField);
/** A date and time on the office's clocks (OfficeDateTimeField) bound to react-hook-form. */
export const FormOfficeDateTime = boundToForm(OfficeDateTimeField);

type Bindable<T extends FieldValues, TOut, P> = {
  name: FieldPath<T>;
  control: Control<T, unknown, TOut>;
} & Omit<P, 'name' | 'value' | 'onChange'>;
