// The "Restore from the latest backup" action of the database-loss screen is drawn by the backup
// feature, which registers it here (or passes it to DatabaseCensusGate as a prop), so that this
// screen does not depend on how a restore is done.
import type { ComponentType } from 'react';
import type { Census } from '../../../src-shared/domain/audit-anchor';

export interface RestoreActionProps {
  /** What main last saw of the database, to pick a backup at least as recent. */
  known: Census;
}

let registered: ComponentType<RestoreActionProps> | null = null;

/** The backup feature's restore action (null: none, and the screen says whom to ask). */
export function registerRestoreAction(action: ComponentType<RestoreActionProps> | null): void {
  registered = action;
}

export function registeredRestoreAction(): ComponentType<RestoreActionProps> | null {
  return registered;
}
