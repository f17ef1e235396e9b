// Evidence channels: the bytes of a file travel in base64 chunks (the same calls work over
// Electron IPC and the test harness's HTTP bridge); the main process hashes and stores them.
import { z } from 'zod';
import { fileChunk } from './input';
import { SHA256_HEX } from '../../domain/investigation';

/** Decoded bytes per chunk (4 MiB); base64 makes that at most this many characters. */
export const EVIDENCE_CHUNK_BYTES = 4 * 1024 * 1024;

const Sha256 = z.string().regex(SHA256_HEX, 'That is not an evidence fingerprint.');
const UploadId = z.uuid({ error: 'That upload is not known.' });
const FileName = z
  .string()
  .trim()
  .min(1, 'The file has no name.')
  .max(255, 'The file name is too long (at most 255 characters).');

export const evidenceChannels = {
  'evidence:upload-start': {
    input: z.object({
      name: FileName,
      size: z.number().int('The file size is not valid.').min(0).max(Number.MAX_SAFE_INTEGER),
    }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int().positive() }),
  },
  'evidence:upload-chunk': {
    input: z.object({
      uploadId: UploadId,
      offset: z.number().int().min(0),
      data: fileChunk(EVIDENCE_CHUNK_BYTES),
    }),
    output: z.object({ received: z.number().int() }),
  },
  'evidence:upload-finish': {
    input: z.object({ uploadId: UploadId }),
    output: z.object({ sha256: Sha256, size: z.number().int().positive(), alreadyStored: z.boolean() }),
  },
  'evidence:upload-cancel': {
    input: z.object({ uploadId: UploadId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'evidence:verify': {
    input: z.object({ hashes: z.array(Sha256).max(100_000) }),
    output: z.object({
      results: z.array(z.object({ sha256: Sha256, state: z.enum(['ok', 'missing', 'altered']) })),
    }),
  },
  'evidence:open': {
    input: z.object({ sha256: Sha256, name: FileName }),
    output: z.object({ opened: z.literal(true) }),
  },
  // Retention and erasure: removes stored files. The renderer sends only hashes no evidence row
  // refers to any more; main checks the names and removes plain files only.
  'evidence:dispose': {
    input: z.object({ hashes: z.array(Sha256).min(1).max(10_000) }),
    output: z.object({ removed: z.number().int().min(0) }),
  },
} as const;
