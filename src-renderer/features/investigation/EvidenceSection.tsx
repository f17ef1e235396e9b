import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Chip, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { EvidenceInputSchema, type EvidenceRecord } from '../../../src-shared/domain/investigation';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormText } from '../../components/FormFields';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useSchemaForm } from '../../components/schema-form';
import { addEvidence, supersedeEvidence } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useEvidence, useInvestigationEditable } from './hooks';
import { messageOf, Section } from './Section';
import { fileSize, uploadEvidenceFile } from './upload';

interface Pending {
  key: string;
  file: File;
  description: string;
}
/** What happened to a file on its way in: refused before sending (error) or being sent (progress). */
interface Transfer {
  error: string | null;
  progress: number | null;
}
// Each file's description is checked as the repository checks it, all at once before any is sent.
const PendingSchema = z.object({ files: z.array(EvidenceInputSchema.pick({ description: true })) });
type PendingOutput = z.output<typeof PendingSchema>;
type Integrity = Record<string, 'ok' | 'missing' | 'altered'>;

function EvidenceItem({
  item,
  state,
  editable,
}: {
  item: EvidenceRecord;
  state: Integrity[string] | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [superseding, setSuperseding] = useState(false);
  const open = () =>
    call(api().evidence.open({ sha256: item.sha256, name: item.name })).then(
      () => notify(t('investigation.evidence.opened', { name: item.name }), 'info'),
      (e: unknown) => notify(messageOf(e), 'error'),
    );
  return (
    <Paper
      variant="outlined"
      component="li"
      sx={{ p: 2, listStyle: 'none', opacity: item.superseded ? 0.75 : 1 }}
      aria-label={item.name}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography
          variant="subtitle1"
          component="h3"
          sx={{ textDecoration: item.superseded ? 'line-through' : 'none' }}
        >
          {item.name}
        </Typography>
        {item.superseded && (
          <Chip size="small" color="warning" label={t('investigation.evidence.superseded')} />
        )}
        {state && (
          <Chip
            size="small"
            color={state === 'ok' ? 'success' : 'error'}
            label={t(`investigation.evidence.state.${state}`)}
          />
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {[item.type || t('investigation.evidence.unknownType'), fileSize(item.size, format.number)].join(
          ' · ',
        )}{' '}
        ·{' '}
        {t('investigation.evidence.addedBy', {
          name: item.addedBy.name,
          date: format.dateTime(item.addedAt),
        })}
      </Typography>
      {item.description && <Typography sx={{ mt: 0.5 }}>{item.description}</Typography>}
      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', mt: 0.5 }}>
        SHA-256: {item.sha256}
      </Typography>
      {item.superseded && (
        <Typography variant="body2" color="text.secondary">
          {t('investigation.evidence.supersededBy', {
            name: item.superseded.by.name,
            date: format.dateTime(item.superseded.at),
            reason: item.superseded.reason,
          })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button
          size="small"
          onClick={() => void open()}
          aria-label={t('investigation.evidence.openName', { name: item.name })}
        >
          {t('investigation.evidence.open')}
        </Button>
        {editable && !item.superseded && (
          <Button size="small" onClick={() => setSuperseding(true)}>
            {t('investigation.evidence.supersede')}
          </Button>
        )}
      </Stack>
      {superseding && (
        <ReasonDialog
          title={t('investigation.evidence.supersedeTitle', { name: item.name })}
          confirmLabel={t('investigation.evidence.supersede')}
          onConfirm={async (reason) => {
            await supersedeEvidence(getDb(), item.id, reason, actor);
          }}
          onClose={() => setSuperseding(false)}
        />
      )}
    </Paper>
  );
}

/** Files kept as evidence: stored by the main process under their SHA-256, listed with who added them. */
export function EvidenceSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const { evidenceMaxMb } = useSettings().settings;
  const items = useEvidence(record.id);
  const input = useRef<HTMLInputElement>(null);
  const { control, getValues, submit, formState } = useSchemaForm<{ files: Pending[] }, PendingOutput>(
    PendingSchema,
    {
      defaultValues: { files: [] },
      toInput: ({ files }) => ({ files: files.map((f) => ({ description: f.description })) }),
    },
  );
  const { fields: pending, append, remove } = useFieldArray({ control, name: 'files' });
  const [transfers, setTransfers] = useState<Record<string, Transfer>>({});
  const [dragging, setDragging] = useState(false);
  const [integrity, setIntegrity] = useState<{ states: Integrity; at: string } | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const editable = useInvestigationEditable(record);
  const maxBytes = evidenceMaxMb * 1024 * 1024;
  const transferOf = (key: string): Transfer => transfers[key] ?? { error: null, progress: null };
  const patch = (key: string, change: Partial<Transfer>) =>
    setTransfers((all) => ({ ...all, [key]: { error: null, progress: null, ...all[key], ...change } }));

  const choose = (files: FileList | null) => {
    if (!files) return;
    const added = [...files].map((file) => ({ key: crypto.randomUUID(), file, description: '' }));
    append(added);
    setTransfers((all) => ({
      ...all,
      ...Object.fromEntries(
        added.map(({ key, file }) => [
          key,
          {
            progress: null,
            // Refused before a byte is sent; the main process checks the same again.
            error:
              file.size === 0
                ? t('investigation.evidence.empty', { name: file.name })
                : file.size > maxBytes
                  ? t('investigation.evidence.tooLarge', {
                      name: file.name,
                      size: fileSize(file.size, format.number),
                      max: evidenceMaxMb,
                    })
                  : null,
          },
        ]),
      ),
    }));
  };
  const indexOf = (key: string) => getValues('files').findIndex((f) => f.key === key);

  const addAll = submit(async () => {
    for (const p of getValues('files')) {
      if (transferOf(p.key).error) continue;
      try {
        const stored = await uploadEvidenceFile(p.file, (progress) => patch(p.key, { progress }));
        await addEvidence(
          getDb(),
          record.id,
          {
            name: p.file.name,
            size: stored.size,
            type: p.file.type,
            sha256: stored.sha256,
            description: p.description,
          },
          actor,
        );
        remove(indexOf(p.key));
      } catch (error) {
        patch(p.key, { error: messageOf(error), progress: null });
      }
    }
  });
  const ready = pending.filter((p) => !transferOf(p.key).error).length;

  const verify = async () => {
    setVerifyError(null);
    try {
      const { results } = await call(
        api().evidence.verify({ hashes: (items ?? []).flatMap((i) => (i.sha256 ? [i.sha256] : [])) }),
      );
      setIntegrity({
        states: Object.fromEntries(results.map((r) => [r.sha256, r.state])),
        at: new Date().toISOString(),
      });
    } catch (error) {
      setVerifyError(messageOf(error));
    }
  };
  const problems = integrity ? (items ?? []).filter((i) => integrity.states[i.sha256] !== 'ok') : [];

  return (
    <Section
      id="evidence"
      title={t('investigation.evidence.title')}
      intro={t('investigation.evidence.intro', { max: evidenceMaxMb })}
    >
      {editable && (
        <Box
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files);
          }}
          sx={{
            border: 2,
            borderStyle: 'dashed',
            borderColor: dragging ? 'primary.main' : 'divider',
            borderRadius: 1,
            p: 3,
            textAlign: 'center',
          }}
        >
          <UploadFileIcon color="action" />
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('investigation.evidence.drop')}
          </Typography>
          <Button variant="outlined" component="label">
            {t('investigation.evidence.choose')}
            <input
              ref={input}
              hidden
              type="file"
              multiple
              aria-label={t('investigation.evidence.choose')}
              onChange={(e) => {
                choose(e.target.files);
                e.target.value = '';
              }}
            />
          </Button>
        </Box>
      )}
      {pending.length > 0 && (
        <Box component="form" noValidate onSubmit={(e) => void addAll(e)}>
          <Stack
            spacing={1.5}
            component="ul"
            sx={{ m: 0, p: 0 }}
            aria-label={t('investigation.evidence.pending')}
          >
            {pending.map((p, index) => {
              const transfer = transferOf(p.key);
              return (
                <Box component="li" key={p.id} sx={{ listStyle: 'none' }}>
                  <Stack
                    direction={{ xs: 'column', sm: 'row' }}
                    spacing={2}
                    sx={{ alignItems: { sm: 'center' } }}
                  >
                    <Typography sx={{ minWidth: 200 }}>
                      {p.file.name} ({fileSize(p.file.size, format.number)})
                    </Typography>
                    <FormText
                      control={control}
                      name={`files.${index}.description`}
                      size="small"
                      fullWidth
                      label={t('investigation.evidence.descriptionFor', { name: p.file.name })}
                    />
                    <Button onClick={() => remove(index)}>{t('investigation.evidence.remove')}</Button>
                  </Stack>
                  {transfer.progress !== null && (
                    <LinearProgress variant="determinate" value={transfer.progress * 100} sx={{ mt: 1 }} />
                  )}
                  {transfer.error && (
                    <Alert severity="error" sx={{ mt: 1 }}>
                      {transfer.error}
                    </Alert>
                  )}
                </Box>
              );
            })}
          </Stack>
          <Box sx={{ mt: 1.5 }}>
            <Button type="submit" variant="contained" disabled={formState.isSubmitting || ready === 0}>
              {t('investigation.evidence.add', { count: ready })}
            </Button>
          </Box>
        </Box>
      )}
      {items && items.length === 0 && (
        <Typography color="text.secondary">{t('investigation.evidence.none')}</Typography>
      )}
      {items && items.length > 0 && (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" onClick={() => void verify()}>
              {t('investigation.evidence.verify')}
            </Button>
          </Stack>
          {verifyError && <Alert severity="error">{verifyError}</Alert>}
          {integrity && problems.length === 0 && (
            <Alert severity="success">
              {t('investigation.evidence.allIntact', {
                count: items.length,
                date: format.dateTime(integrity.at),
              })}
            </Alert>
          )}
          {integrity && problems.length > 0 && (
            <Alert severity="error">
              {t('investigation.evidence.problems', { count: problems.length })}
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                {problems.map((p) => (
                  <li key={p.id}>
                    {p.name}: {t(`investigation.evidence.state.${integrity.states[p.sha256] ?? 'missing'}`)}
                  </li>
                ))}
              </Box>
            </Alert>
          )}
          <Stack
            spacing={1.5}
            component="ul"
            sx={{ m: 0, p: 0 }}
            aria-label={t('investigation.evidence.list')}
          >
            {items.map((item) => (
              <EvidenceItem
                key={item.id}
                item={item}
                state={integrity?.states[item.sha256]}
                editable={editable}
              />
            ))}
          </Stack>
        </>
      )}
    </Section>
  );
}
