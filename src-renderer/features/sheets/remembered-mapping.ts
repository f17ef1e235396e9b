// The column mapping an officer chose for a file, kept on this computer per header signature, so
// the next file from the same legacy system opens with the same choices.
import {
  fitMapping,
  guessMapping,
  headerSignature,
  type ColumnMapping,
  type DateOrder,
} from '../../../src-shared/domain/case-import';

const KEY_PREFIX = 'redress.import-mapping:';

export function rememberedMapping(header: readonly string[]): {
  mapping: ColumnMapping;
  remembered: boolean;
  dateOrder?: DateOrder;
} {
  try {
    const raw = localStorage.getItem(KEY_PREFIX + headerSignature(header));
    if (raw) {
      const saved = JSON.parse(raw) as { mapping?: Record<string, unknown>; dateOrder?: unknown };
      const mapping = saved.mapping ? fitMapping(saved.mapping, header) : null;
      const dateOrder = saved.dateOrder === 'mdy' || saved.dateOrder === 'dmy' ? saved.dateOrder : undefined;
      if (mapping) return { mapping, remembered: true, ...(dateOrder ? { dateOrder } : {}) };
    }
  } catch {
    // A damaged entry is the same as none: guess again.
  }
  return { mapping: guessMapping(header), remembered: false };
}

export function rememberMapping(
  header: readonly string[],
  mapping: ColumnMapping,
  dateOrder: DateOrder,
): void {
  try {
    localStorage.setItem(KEY_PREFIX + headerSignature(header), JSON.stringify({ mapping, dateOrder }));
  } catch {
    // Storage full or refused: the mapping is simply guessed next time.
  }
}
