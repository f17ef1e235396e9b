// Sends a File's bytes to the main process in base64 chunks (works over Electron IPC and the
// harness's HTTP bridge alike); the main process hashes, checks the size limit and stores them.
import { api, ApiError, call } from '../../api/client';

/** A slice of a file as base64; a file the system will not let us read is refused by name. */
export function readChunk(file: File, start: number, end: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(
        new ApiError(
          'IO',
          `“${file.name}” could not be read. Check that it is not open elsewhere, then try again.`,
        ),
      );
    reader.readAsDataURL(file.slice(start, end));
  });
}

export async function uploadEvidenceFile(
  file: File,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<{ sha256: string; size: number }> {
  const { uploadId, chunkBytes } = await call(
    api().evidence.uploadStart({ name: file.name, size: file.size }),
  );
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const data = await readChunk(file, offset, Math.min(file.size, offset + chunkBytes));
      await call(api().evidence.uploadChunk({ uploadId, offset, data }));
      onProgress(Math.min(1, (offset + chunkBytes) / file.size));
    }
    return await call(api().evidence.uploadFinish({ uploadId }));
  } catch (error) {
    await api().evidence.uploadCancel({ uploadId });
    throw error;
  }
}

/** Human file size: 1.2 MB, 340 KB, 12 bytes. */
export function fileSize(bytes: number, number: (n: number) => string): string {
  if (bytes >= 1024 * 1024) return `${number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${number(bytes)} bytes`;
}
