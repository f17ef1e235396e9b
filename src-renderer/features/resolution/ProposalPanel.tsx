import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  isMonetary,
  REMEDY_TYPES,
  type RemedyType,
  type ResolutionRecord,
} from '../../../src-shared/domain/resolution';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { saveProposal } from '../../db/resolution';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { formError } from './form-error';

interface RemedyDraft {
  type: RemedyType;
  amount: string;
  currency: string;
  rationale: string;
}

const CURRENCY_BY_REGIME: Record<string, string> = { uk: 'GBP', au: 'AUD', us: 'USD' };

/** The officer's proposal: remedies with amounts and rationale, a summary, and the legal flag. */
export function ProposalPanel({ record, current }: { record: CaseRecord; current: ResolutionRecord | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const { settings } = useSettings();
  const currency = CURRENCY_BY_REGIME[record.regime.slice(0, 2)] ?? 'GBP';
  const blank: RemedyDraft = { type: 'apology', amount: '', currency, rationale: '' };
  const [summary, setSummary] = useState(current?.summary ?? '');
  const [legal, setLegal] = useState(current?.legal ?? false);
  const [remedies, setRemedies] = useState<RemedyDraft[]>(
    current?.remedies.map((r) => ({ ...r, amount: r.amount === null ? '' : String(r.amount) })) ?? [blank],
  );
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const update = (i: number, patch: Partial<RemedyDraft>) =>
    setRemedies(remedies.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (f: string) => (error?.field === f ? error.message : undefined);
  const closed = record.open !== 1;
  const startsNew =
    !!current &&
    (current.proposedAt !== null || ['approved', 'rejected', 'changes-requested'].includes(current.state));

  const save = async () => {
    setError(null);
    try {
      await saveProposal(
        getDb(),
        record.id,
        {
          summary,
          legal,
          remedies: remedies.map((r) => ({
            type: r.type,
            amount: isMonetary(r.type) && r.amount.trim() ? Number(r.amount) : null,
            currency: isMonetary(r.type) ? r.currency.trim().toUpperCase() : '',
            rationale: r.rationale,
          })),
        },
        actor,
        settings.approvalRules,
      );
      notify(t('resolution.proposal.saved'), 'success');
    } catch (e) {
      setError(formError(e));
    }
  };

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="proposal-heading">
      <Typography variant="h6" component="h2" id="proposal-heading">
        {t('resolution.proposal.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('resolution.proposal.intro')}
      </Typography>
      <Stack spacing={2}>
        {startsNew && <Alert severity="info">{t('resolution.proposal.readOnly')}</Alert>}
        {remedies.map((r, i) => (
          <Paper
            key={i}
            variant="outlined"
            sx={{ p: 2 }}
            component="fieldset"
            aria-label={t('resolution.proposal.remedyN', { n: i + 1 })}
          >
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr auto' },
                gap: 2,
                alignItems: 'start',
              }}
            >
              <TextField
                select
                label={t('resolution.proposal.type')}
                value={r.type}
                onChange={(e) => update(i, { type: e.target.value as RemedyType })}
              >
                {REMEDY_TYPES.map((type) => (
                  <MenuItem key={type} value={type}>
                    {t(`resolution.remedy.${type}`)}
                  </MenuItem>
                ))}
              </TextField>
              {isMonetary(r.type) ? (
                <>
                  <TextField
                    label={t('resolution.proposal.amount')}
                    required
                    type="number"
                    value={r.amount}
                    onChange={(e) => update(i, { amount: e.target.value })}
                    error={!!err(`remedies.${i}.amount`)}
                    helperText={err(`remedies.${i}.amount`)}
                    slotProps={{ htmlInput: { min: 0, step: '0.01' } }}
                  />
                  <TextField
                    label={t('resolution.proposal.currency')}
                    required
                    value={r.currency}
                    onChange={(e) => update(i, { currency: e.target.value })}
                    error={!!err(`remedies.${i}.currency`)}
                    helperText={err(`remedies.${i}.currency`)}
                  />
                </>
              ) : (
                <>
                  <span />
                  <span />
                </>
              )}
              <IconButton
                aria-label={t('resolution.proposal.removeRemedy', { n: i + 1 })}
                onClick={() => setRemedies(remedies.filter((_, j) => j !== i))}
                disabled={remedies.length === 1}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
            <TextField
              sx={{ mt: 2 }}
              fullWidth
              multiline
              minRows={2}
              required
              label={t('resolution.proposal.rationale')}
              value={r.rationale}
              onChange={(e) => update(i, { rationale: e.target.value })}
              error={!!err(`remedies.${i}.rationale`)}
              helperText={err(`remedies.${i}.rationale`)}
            />
          </Paper>
        ))}
        <Box>
          <Button onClick={() => setRemedies([...remedies, blank])}>
            {t('resolution.proposal.addRemedy')}
          </Button>
        </Box>
        <TextField
          label={t('resolution.proposal.summary')}
          required
          multiline
          minRows={2}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={!!err('summary')}
          helperText={err('summary')}
        />
        <FormControlLabel
          control={<Checkbox checked={legal} onChange={(e) => setLegal(e.target.checked)} />}
          label={t('resolution.proposal.legal')}
        />
        {error && !error.field?.match(/^(summary|remedies\.\d+\.)/) && (
          <Alert severity="error">{error.message}</Alert>
        )}
        <Box>
          <Button variant="contained" onClick={() => void save()} disabled={closed}>
            {t('resolution.proposal.save')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
