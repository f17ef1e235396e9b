import { basename } from 'node:path';

/**
 * A file name that cannot climb out of its folder or upset a file system (Windows' reserved
 * characters, control characters, a leading dot), at most 150 characters; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || fallback;
}
