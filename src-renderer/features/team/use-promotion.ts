import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { getDb } from '../../db/schema';
import { promoteDesk, promotionUnfinished, type PromoteOutcome, type PromoteTransport } from './promote-desk';

const windowTransport: PromoteTransport = {
  push: (changes) => call(api().team.push({ changes })),
  promoteAccounts: () => call(api().team.promoteAccounts()),
  uploadEvidence: (sha256) => call(api().team.uploadEvidence({ sha256 })),
};

export type PromotionView =
  | { state: 'idle'; unfinished: { sent: number; total: number } | null }
  | { state: 'running'; sent: number; total: number }
  | { state: 'ended'; outcome: PromoteOutcome }
  | { state: 'failed'; message: string };

/** Promoting this desk to the team server: start (or resume), progress, cancel. */
export function usePromotion() {
  const [view, setView] = useState<PromotionView>({ state: 'idle', unfinished: null });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    void promotionUnfinished(getDb()).then((p) =>
      setView((v) => (v.state === 'idle' ? { state: 'idle', unfinished: p } : v)),
    );
    return () => abort.current?.abort();
  }, []);
  const start = useCallback(async () => {
    const controller = new AbortController();
    abort.current = controller;
    setView({ state: 'running', sent: 0, total: 0 });
    try {
      const outcome = await promoteDesk(getDb(), windowTransport, {
        signal: controller.signal,
        onProgress: (sent, total) => setView({ state: 'running', sent, total }),
      });
      setView({ state: 'ended', outcome });
    } catch (error) {
      setView({ state: 'failed', message: errorText(error) });
    } finally {
      abort.current = null;
    }
  }, []);
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { view, start, cancel };
}
