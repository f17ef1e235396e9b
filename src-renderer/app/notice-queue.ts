// Which notice shows when several come at once. The newest shows at once: what the person just did
// is confirmed where they look. A notice that waits for the person (an error, or one with something
// to do) is not lost for that: it steps back and shows again once the newer ones are gone. A passing
// one (saved, sent) simply gives way, as it would have gone by itself in a few seconds.
import type { AlertColor } from '@mui/material';

export interface QueuedNotice {
  id: number;
  message: string;
  severity: AlertColor;
  /** A notice with an action stays until the person closes it or takes it. */
  sticky: boolean;
}

export interface NoticeQueue<N extends QueuedNotice> {
  shown: N | null;
  waiting: N[];
}

export const EMPTY_QUEUE = { shown: null, waiting: [] };

/** After `notice` arrives. The same words as one shown or waiting are not said twice. */
export function arrive<N extends QueuedNotice>(q: NoticeQueue<N>, notice: N): NoticeQueue<N> {
  const same = (n: N | null) => !!n && n.message === notice.message && n.severity === notice.severity;
  if (same(q.shown) || q.waiting.some(same)) return q;
  return { shown: notice, waiting: q.shown?.sticky ? [q.shown, ...q.waiting] : q.waiting };
}

/** After the shown notice is closed (or went by itself): the next waiting one shows. */
export function dismiss<N extends QueuedNotice>(q: NoticeQueue<N>): NoticeQueue<N> {
  const [next = null, ...rest] = q.waiting;
  return { shown: next, waiting: rest };
}
