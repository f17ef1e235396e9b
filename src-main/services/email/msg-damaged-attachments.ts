// One damaged attachment must not lose the e-mail. msgreader reads every attachment's storage inside
// getFileData(), so one whose storage throws (a property stream cut short, a string of odd length)
// throws the whole message away, and it has no option to read past it. Its internal fieldsDataDir
// reads one storage at a time: wrapped on the reader, an attachment's that throws is set aside and
// the rest is read. That is msgreader 1.28.0's MsgReader.js, why package.json pins that version;
// parse-email.test.ts reads such a message, so an upgrade that changes it fails there.
import type MsgReader from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';

/** The one internal used: reads a storage (`subClass`: root, attachment, recip, sub) into `fields`. */
type FieldsDataDir = (
  config: unknown,
  dir: unknown,
  root: unknown,
  fields: FieldsData,
  subClass: string,
) => void;

/**
 * Has `reader`, before its getFileData(), read past attachments whose storage is damaged. Their
 * fields (what was read before the damage) stay in the list, each mapped here to its error.
 */
export function readPastDamagedAttachments(reader: MsgReader): WeakMap<FieldsData, unknown> {
  const damaged = new WeakMap<FieldsData, unknown>();
  const internals = reader as unknown as { fieldsDataDir?: FieldsDataDir };
  const read = internals.fieldsDataDir;
  // Another msgreader: it reads as it would, a damaged attachment refusing the message.
  if (typeof read !== 'function') return damaged;
  // On the instance: msgreader's own calls, an attached message's attachments among them, come here.
  internals.fieldsDataDir = (config, dir, root, fields, subClass) => {
    if (subClass !== 'attachment') return read.call(reader, config, dir, root, fields, subClass);
    try {
      read.call(reader, config, dir, root, fields, subClass);
    } catch (error) {
      damaged.set(fields, error);
    }
  };
  return damaged;
}
