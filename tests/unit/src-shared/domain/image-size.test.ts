import { describe, expect, it } from 'vitest';
import { imageSize, logoSizeProblem, MAX_LOGO_PIXELS } from '../../../../src-shared/domain/image-size';
import { LogoDataUrlSchema, SettingsSchema } from '../../../../src-shared/domain/settings';

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** A PNG's signature and IHDR chunk only: enough for the header, nothing to decode. */
const pngHeader = (width: number, height: number) =>
  new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...[...be32(13), ...ascii('IHDR'), ...be32(width), ...be32(height), 8, 6, 0, 0, 0, ...be32(0)],
  ]);

/** SOI, an APP0 (JFIF) and an APP1 segment, a Huffman table, then a frame header of the given marker. */
const jpegHeader = (width: number, height: number, sof = 0xc0) =>
  new Uint8Array([
    ...[0xff, 0xd8],
    ...[0xff, 0xe0, ...be16(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    ...[0xff, 0xe1, ...be16(8), ...ascii('Exif'), 0, 0],
    // DHT's marker (C4) is in the frame markers' range, and is not one.
    ...[0xff, 0xc4, ...be16(4), 0, 0],
    ...[0xff, sof, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
  ]);

const dataUrl = (type: 'png' | 'jpeg', bytes: Uint8Array) =>
  `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('imageSize reads the pixels from the header', () => {
  it.each([
    ['a PNG', pngHeader(640, 200), { type: 'png', width: 640, height: 200 }],
    ['a 9000 × 9000 PNG', pngHeader(9000, 9000), { type: 'png', width: 9000, height: 9000 }],
    ['a baseline JPEG', jpegHeader(1200, 300), { type: 'jpeg', width: 1200, height: 300 }],
    ['a progressive JPEG', jpegHeader(4000, 3000, 0xc2), { type: 'jpeg', width: 4000, height: 3000 }],
  ])('%s', (_name, bytes, want) => {
    expect(imageSize(bytes)).toEqual(want);
  });

  it.each([
    ['a GIF', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0])],
    ['a PNG cut short', pngHeader(10, 10).slice(0, 20)],
    ['a JPEG without a frame header', jpegHeader(10, 10).slice(0, 30)],
    ['nothing', new Uint8Array()],
  ])('knows nothing of %s', (_name, bytes) => {
    expect(imageSize(bytes)).toBeNull();
  });
});

describe('a letterhead logo is checked by its pixels', () => {
  it('accepts up to the limit, refuses beyond it, saying how large it is', () => {
    expect(logoSizeProblem(pngHeader(MAX_LOGO_PIXELS, MAX_LOGO_PIXELS))).toBeNull();
    expect(logoSizeProblem(pngHeader(9000, 9000))).toBe(
      'The logo is 9000 × 9000 pixels: use an image of at most 2000 × 2000 pixels.',
    );
    expect(logoSizeProblem(jpegHeader(2001, 10))).toMatch(/^The logo is 2001 × 10 pixels/);
    expect(logoSizeProblem(new Uint8Array([1, 2, 3]))).toMatch(/cannot be read as a PNG or JPEG/);
  });

  it('the settings and the letter PDF refuse such a logo by its schema', () => {
    const big = LogoDataUrlSchema.safeParse(dataUrl('png', pngHeader(9000, 9000)));
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.message).toBe(
      'The logo is 9000 × 9000 pixels: use an image of at most 2000 × 2000 pixels.',
    );
    expect(LogoDataUrlSchema.safeParse(dataUrl('jpeg', jpegHeader(800, 200))).success).toBe(true);
  });

  it('a settings file holding a logo an older version let in keeps its other settings', () => {
    const stored = SettingsSchema.parse({
      officeName: 'Kept Office',
      letterLogo: dataUrl('png', pngHeader(9000, 9000)),
    });
    expect(stored).toMatchObject({ officeName: 'Kept Office', letterLogo: null });
  });
});
