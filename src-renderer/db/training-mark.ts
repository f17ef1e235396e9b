// A training profile's database says so itself, in a counters row: a database that holds demo data
// is noticed if it is ever opened in a live profile (a folder copied, a marker lost).
import type { CounterRow, RedressDB } from './schema';

export const TRAINING_DATABASE_KEY = 'profile:training';

/** The row that marks a training database (written beside the demo data it holds). */
export const trainingDatabaseRow = (): CounterRow => ({ key: TRAINING_DATABASE_KEY, value: 1 });

export async function markTrainingDatabase(db: RedressDB): Promise<void> {
  if (!(await isTrainingDatabase(db))) await db.counters.put(trainingDatabaseRow());
}

export async function isTrainingDatabase(db: RedressDB): Promise<boolean> {
  return ((await db.counters.get(TRAINING_DATABASE_KEY))?.value ?? 0) > 0;
}
