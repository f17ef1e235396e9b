import { describe, expect, it } from 'vitest';
import { createTranslator, formatMessage, translate, type Translate } from '../../../../src-shared/i18n';

const resources = {
  grammar: {
    and: '{{head}} and {{last}}',
    or: '{{head}} or {{last}}',
    separator: ', ',
    quoted: '«{{text}}»',
  },
  greet: 'Hello {{name}}, you are {{ role }}.',
  files_one: '{{count}} file',
  files_other: '{{count}} files',
  colour: { red: 'red', green: 'green', blue: 'blue' },
  pick: 'Pick {{choice}}.',
};

describe('translate', () => {
  it('fills {{name}} placeholders, spaces inside the braces allowed', () => {
    expect(translate(resources, 'greet', { name: 'Zoë', role: 'a manager' })).toBe(
      'Hello Zoë, you are a manager.',
    );
  });

  it('leaves a placeholder without a value as written and shows a missing key as the key, as i18next does', () => {
    expect(translate(resources, 'greet', { name: 'Zoë' })).toBe('Hello Zoë, you are {{ role }}.');
    expect(translate(resources, 'colour.purple')).toBe('colour.purple');
    expect(translate(resources, 'colour')).toBe('colour');
  });

  it('chooses the plural form by count', () => {
    expect(translate(resources, 'files', { count: 1 })).toBe('1 file');
    expect(translate(resources, 'files', { count: 3 })).toBe('3 files');
    expect(translate(resources, 'files', { count: 0 })).toBe('0 files');
  });

  it('does not read a value passed in as a placeholder again', () => {
    expect(translate(resources, 'greet', { name: '{{role}}', role: 'x' })).toBe('Hello {{role}}, you are x.');
  });

  it('translates parameters that are messages, and joins lists in the language of the resources', () => {
    const colours = (n: number) => ['red', 'green', 'blue'].slice(0, n).map((c) => ({ key: `colour.${c}` }));
    expect(translate(resources, 'pick', { choice: { list: colours(1), join: 'or' } })).toBe('Pick red.');
    expect(translate(resources, 'pick', { choice: { list: colours(2), join: 'or' } })).toBe(
      'Pick red or green.',
    );
    expect(translate(resources, 'pick', { choice: { list: colours(3), join: 'and' } })).toBe(
      'Pick red, green and blue.',
    );
    expect(
      translate(resources, 'pick', {
        choice: { key: 'grammar.quoted', params: { text: { key: 'colour.red' } } },
      }),
    ).toBe('Pick «red».');
    expect(translate(resources, 'pick', { choice: { list: [], join: 'and' } })).toBe('Pick .');
  });
});

describe('formatMessage', () => {
  it('renders nested messages with any translator, the key last', () => {
    const asked: string[] = [];
    const t: Translate = (key, params) => {
      asked.push(key);
      return `${key}(${JSON.stringify(params ?? {})})`;
    };
    expect(formatMessage(t, 'outer', { inner: { key: 'inner.key' }, n: 2 })).toBe(
      'outer({"inner":"inner.key({})","n":2})',
    );
    expect(asked).toEqual(['inner.key', 'outer']);
  });
});

describe('createTranslator', () => {
  it('binds the resources', () => {
    const t = createTranslator(resources);
    expect(t('colour.green')).toBe('green');
    expect(t('files', { count: 2 })).toBe('2 files');
  });
});
