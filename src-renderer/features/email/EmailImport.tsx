// "Import e-mail…": a button with a file input for keyboard users, and e-mails dropped anywhere on
// the page while this is shown. Each file is sent to main, which parses it and keeps its files as
// evidence; a file that cannot be imported gets its own message and the others go on.
import MailOutlineIcon from '@mui/icons-material/MailOutlined';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { useFormat } from '../../app/format';
import { importEmailFile, refusalOf } from './import-email';
import { errorText } from '../../api/error-text';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function EmailImport({
  onImported,
  session,
  disabled = false,
  compact = false,
}: {
  /** The unsaved New complaint the files are imported for (see importEmailFile). */
  session?: string;
  /** The e-mails read, in the order given; called once per drop or choice when any was read. */
  onImported: (mails: ImportedEmail[]) => void | Promise<void>;
  disabled?: boolean;
  /** Only the button (drops on the page still work), for a page header. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0 || busy) return;
      const problems: string[] = [];
      const mails: ImportedEmail[] = [];
      for (const file of files) {
        const refusal = refusalOf(file, format.number);
        if (refusal) {
          problems.push(refusal);
          continue;
        }
        setBusy(file.name);
        try {
          mails.push(await importEmailFile(file, session));
        } catch (error) {
          problems.push(errorText(error));
        }
      }
      setBusy(null);
      setErrors(problems);
      if (mails.length > 0) {
        try {
          await onImported(mails);
        } catch (error) {
          // Several mails may each be refused for their own reason: show every one.
          const each = error instanceof AggregateError ? (error.errors as unknown[]) : [error];
          setErrors([...problems, ...each.map(errorText)]);
        }
      }
    },
    [busy, format.number, onImported, session],
  );

  // Dropped anywhere on the page: the browser would otherwise open the file in place of the app.
  useEffect(() => {
    if (disabled) return;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!event.relatedTarget) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      void importFiles([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [disabled, importFiles]);

  const fileInput = (
    <input
      ref={input}
      id={inputId}
      type="file"
      multiple
      accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook"
      aria-label={t('email.fileLabel')}
      hidden
      onChange={(event) => {
        const files = [...(event.target.files ?? [])];
        event.target.value = '';
        void importFiles(files);
      }}
    />
  );
  const button = (
    <Button
      variant="outlined"
      disabled={disabled || !!busy}
      onClick={() => input.current?.click()}
      startIcon={compact ? <MailOutlineIcon /> : undefined}
    >
      {busy && compact ? t('email.importing', { name: busy }) : t('email.import')}
    </Button>
  );
  const problems = errors.length > 0 && (
    <Alert severity="error" onClose={() => setErrors([])}>
      {errors.map((message) => (
        <div key={message}>{message}</div>
      ))}
    </Alert>
  );
  if (compact)
    return (
      <>
        {fileInput}
        {button}
        {problems && (
          <Box
            sx={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 1400 }}
          >
            {problems}
          </Box>
        )}
      </>
    );

  return (
    <Stack spacing={1}>
      <Box
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: dragging ? 'primary.main' : 'divider',
          bgcolor: dragging ? 'action.hover' : 'transparent',
          borderRadius: 1,
          px: 2,
          py: 1,
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <MailOutlineIcon color="action" aria-hidden />
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {busy ? t('email.importing', { name: busy }) : `${t('email.dropHere')} ${t('email.dropHint')}`}
        </Typography>
        {fileInput}
        {button}
      </Box>
      {problems}
    </Stack>
  );
}
