import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  LinearProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseReportOptions } from '../../../src-shared/ipc/channels/reports';
import {
  addedTermProblem,
  addTerm,
  choiceProblems,
  EMPTY_CHOICE,
  keepTerm,
  MIN_ADDED_TERM,
  removeAddedTerm,
  unkeepTerm,
  type Passage,
  type RedactionChoice,
} from '../../../src-shared/reports/redaction-review';
import { Marks } from '../../components/Highlight';
import { ExportStatus } from './ExportStatus';
import type { GatherContext } from './gather-case-report';
import { previewRedaction, type RedactionPreview } from './export-case';
import { errorText } from '../../api/error-text';

/** Enough to read a case's redacted text; a case with more says how many passages are left out. */
const MAX_PASSAGES = 400;

/**
 * The review before a redacted copy is built: the text as it will read with each replacement
 * highlighted, the terms removed by kind, terms to add or show (with a reason), for whom and why.
 */
export function RedactionReviewDialog({
  caseId,
  options,
  ctx,
  busy,
  error,
  onBack,
  onExport,
}: {
  caseId: string;
  options: CaseReportOptions;
  ctx: GatherContext;
  busy: boolean;
  error: string | null;
  onBack: () => void;
  onExport: (choice: RedactionChoice) => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<RedactionChoice>(EMPTY_CHOICE);
  const [shownPreview, setPreview] = useState<{ key: string; value: RedactionPreview } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [term, setTerm] = useState('');
  const [termTried, setTermTried] = useState(false);
  const [showing, setShowing] = useState<{ term: string; reason: string; tried: boolean } | null>(null);
  const [tried, setTried] = useState(false);

  // The engine runs again whenever the terms change, so the preview is what will be exported.
  const { added, kept } = choice;
  const key = JSON.stringify({ added, kept });
  // Until the run for the current terms is back, nothing is shown and nothing can be exported.
  const preview = shownPreview?.key === key ? shownPreview.value : null;
  useEffect(() => {
    let live = true;
    previewRedaction(caseId, options, { ...EMPTY_CHOICE, added, kept }, ctx).then(
      (p) => live && setPreview({ key, value: p }),
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // ctx and options are fixed while the dialog is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, key]);

  const termProblem = addedTermProblem(choice, term);
  const problems = choiceProblems(choice);
  const submitTerm = () => {
    setTermTried(true);
    if (termProblem) return;
    setChoice((c) => addTerm(c, term));
    setTerm('');
    setTermTried(false);
  };
  const confirmShow = () => {
    if (!showing) return;
    if (!showing.reason.trim()) return setShowing({ ...showing, tried: true });
    setChoice((c) => keepTerm(c, showing.term, showing.reason));
    setShowing(null);
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length === 0 && preview) onExport(choice);
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onBack}
      aria-labelledby="redaction-review-title"
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id="redaction-review-title">{t('reports.review.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography color="text.secondary">{t('reports.review.intro')}</Typography>
          {loadError && <Alert severity="error">{loadError}</Alert>}
          {!preview && !loadError && (
            <div role="status">
              <Typography variant="body2">{t('reports.review.loading')}</Typography>
              <LinearProgress aria-label={t('reports.review.loading')} />
            </div>
          )}
          {preview && <RedactedText passages={preview.passages} />}

          <Box component="section" aria-labelledby="review-removed">
            <Typography variant="subtitle1" component="h3" id="review-removed">
              {t('reports.review.removed')}
            </Typography>
            {preview && preview.removed.length === 0 && (
              <Typography color="text.secondary">{t('reports.review.noneRemoved')}</Typography>
            )}
            {preview?.removed.map((group) => (
              <Box key={group.kind} sx={{ mt: 1 }}>
                <Typography
                  variant="body2"
                  component="h4"
                  sx={{ fontWeight: 'bold' }}
                  id={`review-kind-${group.kind}`}
                >
                  {t(`reports.review.kinds.${group.kind}`)}
                </Typography>
                <Box component="ul" aria-labelledby={`review-kind-${group.kind}`} sx={{ m: 0, pl: 3 }}>
                  {group.terms.map((r) => (
                    <li key={r.term}>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <Typography variant="body2">
                          {t('reports.review.occurrences', { term: r.term, count: r.count })}
                        </Typography>
                        {group.kind !== 'added' && (
                          <Button
                            size="small"
                            aria-label={t('reports.review.unredactLabel', { term: r.term })}
                            onClick={() => setShowing({ term: r.term, reason: '', tried: false })}
                            disabled={busy}
                          >
                            {t('reports.review.unredact')}
                          </Button>
                        )}
                      </Stack>
                      {showing?.term === r.term && (
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', my: 1 }}>
                          <TextField
                            size="small"
                            required
                            autoFocus
                            label={t('reports.review.reason', { term: r.term })}
                            value={showing.reason}
                            onChange={(e) => setShowing({ ...showing, reason: e.target.value })}
                            error={showing.tried && !showing.reason.trim()}
                            helperText={
                              showing.tried && !showing.reason.trim()
                                ? t('reports.review.reasonRequired')
                                : ' '
                            }
                            sx={{ flex: 1 }}
                          />
                          <Button variant="outlined" onClick={confirmShow}>
                            {t('reports.review.confirmShow')}
                          </Button>
                          <Button onClick={() => setShowing(null)}>{t('reports.review.cancel')}</Button>
                        </Stack>
                      )}
                    </li>
                  ))}
                </Box>
              </Box>
            ))}
          </Box>

          {choice.kept.length > 0 && (
            <Box component="section" aria-labelledby="review-shown">
              <Typography variant="subtitle1" component="h3" id="review-shown">
                {t('reports.review.shown')}
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                {choice.kept.map((k) => (
                  <li key={k.term}>
                    <Typography variant="body2" component="span">
                      {t('reports.review.shownItem', { term: k.term, reason: k.reason })}
                    </Typography>
                    <Button
                      size="small"
                      aria-label={t('reports.review.redactAgainLabel', { term: k.term })}
                      onClick={() => setChoice((c) => unkeepTerm(c, k.term))}
                      disabled={busy}
                    >
                      {t('reports.review.redactAgain')}
                    </Button>
                  </li>
                ))}
              </Box>
            </Box>
          )}

          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label={t('reports.review.addTerm')}
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  submitTerm();
                }
              }}
              error={termTried && !!termProblem}
              helperText={
                termTried && termProblem
                  ? t(`reports.review.problems.${termProblem}`, { min: MIN_ADDED_TERM })
                  : t('reports.review.addTermHelp')
              }
              disabled={busy}
              sx={{ flex: 1 }}
            />
            <Button variant="outlined" onClick={submitTerm} disabled={busy} sx={{ mt: 1 }}>
              {t('reports.review.addButton')}
            </Button>
          </Stack>
          {choice.added.length > 0 && (
            <Box component="section" aria-labelledby="review-added">
              <Typography variant="subtitle1" component="h3" id="review-added">
                {t('reports.review.added')}
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                {choice.added.map((a) => (
                  <li key={a}>
                    <Typography variant="body2" component="span">
                      {a}
                    </Typography>
                    <IconButton
                      size="small"
                      aria-label={t('reports.review.removeAdded', { term: a })}
                      onClick={() => setChoice((c) => removeAddedTerm(c, a))}
                      disabled={busy}
                    >
                      <CloseIcon fontSize="small" />
                    </IconButton>
                  </li>
                ))}
              </Box>
            </Box>
          )}

          <TextField
            required
            label={t('reports.review.recipient')}
            value={choice.recipient}
            onChange={(e) => setChoice((c) => ({ ...c, recipient: e.target.value }))}
            error={tried && !!problems.recipient}
            helperText={tried && problems.recipient ? t('reports.review.recipientRequired') : ' '}
            disabled={busy}
          />
          <TextField
            required
            multiline
            minRows={2}
            label={t('reports.review.purpose')}
            value={choice.purpose}
            onChange={(e) => setChoice((c) => ({ ...c, purpose: e.target.value }))}
            error={tried && !!problems.purpose}
            helperText={tried && problems.purpose ? t('reports.review.purposeRequired') : ' '}
            disabled={busy}
          />
          <ExportStatus busy={busy} error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onBack} disabled={busy}>
          {t('reports.review.back')}
        </Button>
        <Button variant="contained" onClick={submit} disabled={busy || !preview}>
          {t('reports.review.export')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The passages by section, each replacement in a <mark>. */
function RedactedText({ passages }: { passages: Passage[] }) {
  const { t } = useTranslation();
  const shown = passages.slice(0, MAX_PASSAGES);
  const bySection = new Map<string, Passage[]>();
  for (const p of shown) bySection.set(p.section, [...(bySection.get(p.section) ?? []), p]);
  return (
    <Box
      component="section"
      aria-labelledby="review-text"
      sx={{ maxHeight: 320, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
      tabIndex={0}
    >
      <Typography variant="subtitle1" component="h3" id="review-text">
        {t('reports.review.text')}
      </Typography>
      {passages.length === 0 && (
        <Typography color="text.secondary">{t('reports.review.noPassages')}</Typography>
      )}
      {[...bySection].map(([section, list]) => (
        <Box key={section} sx={{ mt: 1 }}>
          <Typography variant="body2" component="h4" sx={{ fontWeight: 'bold' }}>
            {section === 'audit'
              ? t('reports.review.auditSection')
              : t(`reports.case.sectionNames.${section}`)}
          </Typography>
          {list.map((p) => (
            <Typography key={p.where} variant="body2" sx={{ whiteSpace: 'pre-wrap', mb: 0.5 }}>
              <Marks segments={p.segments} />
            </Typography>
          ))}
        </Box>
      ))}
      {passages.length > shown.length && (
        <Typography variant="body2" color="text.secondary">
          {t('reports.review.more', { count: passages.length - shown.length })}
        </Typography>
      )}
    </Box>
  );
}
