// Bytes to and from base64, as the backup channels carry them (IPC and the harness's HTTP bridge
// both carry text). btoa/atob work on "binary strings": one character per byte.

/** Characters per String.fromCharCode call: below the engine's argument limit. */
const SPREAD = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SPREAD) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SPREAD));
  }
  return btoa(binary);
}

/** Native base64 decoding (Chromium 140 and later, so the app's): no per-byte loop on the page. */
const fromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A blob's bytes as base64. In a browser the FileReader encodes natively, off the JavaScript
 * thread (encoding megabytes in JavaScript holds the page for a noticeable moment).
 */
export async function blobToBase64(blob: Blob): Promise<string> {
  if (typeof FileReader === 'function' && typeof FileReader.prototype.readAsDataURL === 'function') {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result);
        resolve(url.slice(url.indexOf(',') + 1));
      };
      reader.onerror = () => reject(reader.error ?? new Error('The backup could not be read.'));
      reader.readAsDataURL(blob);
    });
  }
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
