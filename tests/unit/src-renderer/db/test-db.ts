import { RedressDB } from '../../../../src-renderer/db/schema';

let n = 0;
/** A fresh, uniquely named database in fake-indexeddb. */
export function freshDb(): RedressDB {
  n += 1;
  return new RedressDB(`redress-test-${n}-${Date.now()}`);
}
