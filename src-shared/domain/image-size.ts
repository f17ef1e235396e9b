// The pixel size of a PNG or JPEG read from its header bytes, without decoding the image: a small
// file can hold a huge picture (a 9000 × 9000 PNG compresses to a few kilobytes of flat colour and
// takes over a gigabyte to draw), so an image is judged by its pixels before anything decodes it.

export interface ImageSize {
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** A letterhead logo larger than this (either side) is refused: it prints at a few centimetres. */
export const MAX_LOGO_PIXELS = 2000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

function pngSize(b: Uint8Array): ImageSize | null {
  // The first chunk is IHDR: length (4), "IHDR" (4), width (4), height (4).
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  return { type: 'png', width: u32(b, 16), height: u32(b, 20) };
}

// Start-of-frame markers (baseline, progressive, lossless…): not DHT (C4), JPG (C8) or DAC (CC).
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegSize(b: Uint8Array): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length: restart markers, TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = u16(b, i + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 8 >= b.length) return null;
      return { type: 'jpeg', height: u16(b, i + 5), width: u16(b, i + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
    i += 2 + length;
  }
  return null;
}

/** The pixel size from a PNG's or JPEG's header; null when the bytes are neither or are cut short. */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  return pngSize(bytes) ?? jpegSize(bytes);
}

/** The bytes of a base64 data URL (atob exists in both processes). */
export function dataUrlBytes(url: string): Uint8Array {
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

/** Why a logo of these bytes is refused, or null when it may be used. */
export function logoSizeProblem(bytes: Uint8Array, max = MAX_LOGO_PIXELS): string | null {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0)
    return 'The logo cannot be read as a PNG or JPEG image. Save it again as PNG or JPEG and choose it again.';
  if (size.width > max || size.height > max)
    return `The logo is ${size.width} × ${size.height} pixels: use an image of at most ${max} × ${max} pixels.`;
  return null;
}
