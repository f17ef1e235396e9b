import { Alert, Button, Stack, type SxProps, type TextFieldProps, type Theme } from '@mui/material';
import type { DefaultValues, FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import { FormDate } from '../../components/DateField';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';

type One<K extends string> = Record<K, string>;

/**
 * One field and its button on one line (an answer received, what was done, a follow-up date),
 * checked by the repository's `schema`; emptied once saved.
 */
export function OneFieldForm<K extends string>({
  schema,
  name,
  label,
  action,
  onSave,
  fieldProps,
  date = false,
  sx,
}: {
  schema: z.ZodType<One<K>, One<K>>;
  name: K;
  label: string;
  action: string;
  onSave: (value: string) => Promise<unknown>;
  fieldProps?: Omit<TextFieldProps, 'name' | 'label'>;
  /** The field takes a calendar day ('YYYY-MM-DD'), typed or picked. */
  date?: boolean;
  sx?: SxProps<Theme>;
}) {
  const { control, reset, submit, refusal } = useSchemaForm<One<K>, One<K>>(schema, {
    defaultValues: { [name]: '' } as DefaultValues<One<K>>,
  });
  const save = submit(async (values) => {
    await onSave(values[name]);
    reset();
  });
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={[{ alignItems: 'flex-start' }, ...(Array.isArray(sx) ? sx : [sx])]}
      component="form"
      noValidate
      onSubmit={(e) => void save(e)}
    >
      {date ? (
        <FormDate control={control} name={name as unknown as FieldPath<One<K>>} size="small" label={label} />
      ) : (
        <FormText
          control={control}
          name={name as unknown as FieldPath<One<K>>}
          size="small"
          label={label}
          {...fieldProps}
        />
      )}
      <Button type="submit">{action}</Button>
      {refusal && <Alert severity="error">{refusal}</Alert>}
    </Stack>
  );
}
