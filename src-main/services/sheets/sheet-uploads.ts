// A spreadsheet chosen for import arrives in chunks (sheets:upload-start, sheets:upload-chunk), so
// that no one message carries the whole file: handing the page a 50 MB string to encode, clone and
// send held it up for as long as that took. sheets:parse then takes the bytes whole and reads them.
import { ConflictError, ValidationError } from '../../../src-shared/errors';
import { SHEET_CHUNK_BYTES } from '../../../src-shared/ipc/channels/sheets';
import { HeldUntilIdle } from './parsed-sheets';

const GONE = 'That file is not open any more: choose it again.';
const LOST = 'Part of the file went missing on the way. Choose the file again.';

interface Upload {
  name: string;
  size: number;
  chunks: Buffer[];
  received: number;
}

export class SheetUploads {
  private readonly uploads: HeldUntilIdle<Upload>;

  constructor(options: { idleMs?: number; maxUploads?: number } = {}) {
    this.uploads = new HeldUntilIdle({
      idleMs: options.idleMs ?? 10 * 60_000,
      maxHeld: options.maxUploads ?? 2,
      gone: GONE,
    });
  }

  /** Starts taking in a file of `size` bytes (its name and size already checked by the contract). */
  start(name: string, size: number): { uploadId: string; chunkBytes: number } {
    return {
      uploadId: this.uploads.keep({ name, size, chunks: [], received: 0 }),
      chunkBytes: SHEET_CHUNK_BYTES,
    };
  }

  /** Adds the chunk that starts at `offset`: the next one, and within the size announced. */
  chunk(uploadId: string, offset: number, data: Buffer): { received: number } {
    const upload = this.uploads.use(uploadId);
    if (offset !== upload.received) {
      this.uploads.release(uploadId);
      throw new ConflictError(LOST);
    }
    if (upload.received + data.length > upload.size) {
      this.uploads.release(uploadId);
      throw new ValidationError('The file is larger than it said it was. Choose the file again.');
    }
    upload.chunks.push(data);
    upload.received += data.length;
    return { received: upload.received };
  }

  /** The whole file, once every byte has arrived; the upload is let go either way. */
  take(uploadId: string): { name: string; bytes: Uint8Array } {
    const upload = this.uploads.use(uploadId);
    this.uploads.release(uploadId);
    if (upload.received !== upload.size) throw new ValidationError(LOST);
    return { name: upload.name, bytes: new Uint8Array(Buffer.concat(upload.chunks)) };
  }

  /** Lets an upload go (a read that failed half way); false when it was already gone. */
  cancel(uploadId: string): boolean {
    return this.uploads.release(uploadId);
  }

  /** How many uploads are held (for tests). */
  get size(): number {
    return this.uploads.size;
  }
}
