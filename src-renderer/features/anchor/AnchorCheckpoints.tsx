import { useEffect } from 'react';
import { api, call } from '../../api/client';
import { auditHead, onAuditHeadChange } from '../../db/audit-log';
import { databaseCensus } from '../../db/database-census';
import { getDb } from '../../db/schema';
import { clearActiveCheckpointer, createCheckpointer, setActiveCheckpointer } from './checkpoints';

/** Keeps main's audit anchor following the trail while someone is signed in (draws nothing). */
export function AnchorCheckpoints() {
  useEffect(() => {
    const db = getDb();
    const checkpointer = createCheckpointer({
      readHead: () => auditHead(db),
      send: async (head) => {
        const { generation, cases } = await databaseCensus(db);
        return call(api().anchor.checkpoint({ generation, cases, seq: head.seq, hash: head.hash }));
      },
    });
    setActiveCheckpointer(checkpointer);
    const unsubscribe = onAuditHeadChange(db, () => checkpointer.changed());
    const onHide = () => void checkpointer.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      unsubscribe();
      void checkpointer.flush().finally(() => checkpointer.stop());
      clearActiveCheckpointer(checkpointer);
    };
  }, []);
  return null;
}
