// The "Restore from the latest backup" action of the database-loss screen is drawn by the backup
// feature and passed to DatabaseCensusGate as a prop, so that this screen does not depend on how a
// restore is done.
import type { Census } from '../../../src-shared/domain/audit-anchor';

export interface RestoreActionProps {
  /** What main last saw of the database, to pick a backup at least as recent. */
  known: Census;
}
