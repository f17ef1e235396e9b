import { describe, expect, it } from 'vitest';
import { markdownAsText } from '../../../../../src-renderer/features/investigation/markdown-text';

describe('markdownAsText', () => {
  it.each([
    ['Called back. <No answer> left voicemail', 'Called back. <No answer> left voicemail'],
    ['**Called** back, _twice_', 'Called back, twice'],
    ['# Call\n\n- first\n- second', 'Call first second'],
    ['See [the log](https://example.com/log) and `batch 12`', 'See the log and batch 12'],
    ['> quoted ~~struck~~', 'quoted struck'],
    ['2 * 3 * 4 and snake_case_name', '2 * 3 * 4 and snake_case_name'],
    ['A \\*literal\\* star', 'A *literal* star'],
  ])('%j reads %j', (markdown, text) => {
    expect(markdownAsText(markdown)).toBe(text);
  });
});
