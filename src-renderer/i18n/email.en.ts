// E-mail import (intake, the Cases list and a case's communications log).
export const emailEn = {
  import: 'Import e-mail…',
  importing: 'Reading {{name}}…',
  dropHere: 'Drop .eml or Outlook .msg files here',
  dropHint: 'or drag e-mails onto this page',
  fileLabel: 'E-mail files (.eml or .msg)',
  notEmail: '“{{name}}” is not an e-mail file: only .eml and Outlook .msg files can be imported.',
  tooLarge: '“{{name}}” is too large to import ({{size}}; at most {{max}}).',
  empty: '“{{name}}” is empty.',
  failed: '“{{name}}”: {{message}}',
  prefilled: 'Filled in from the e-mail “{{subject}}” from {{from}}. Check every field before saving.',
  prefilledMore_one: '{{count}} more e-mail will be kept as evidence of this complaint.',
  prefilledMore_other: '{{count}} more e-mails will be kept as evidence of this complaint.',
  evidenceTitle: 'Files kept as evidence when the complaint is saved',
  remove: 'Remove the imported e-mail',
  noSubject: '(no subject)',
  readElsewhere_one: 'The e-mail “{{subject}}” has been read. Open New complaint to log it.',
  readElsewhere_other:
    'The e-mail “{{subject}}” and {{others}} more have been read. Open New complaint to log them.',
  openNewComplaint: 'Open New complaint',
  noText: '(The e-mail has no text.)',
  truncated: '[The e-mail’s text was longer; the full message is kept as evidence.]',
  subjectLine: 'Subject: {{subject}}',
  originalDescription: 'The e-mail “{{subject}}” as received',
  attachmentDescription: 'Attachment of the e-mail “{{subject}}”',
  recorded_one: 'E-mail recorded in the communications log with {{count}} file as evidence.',
  saveEml: 'Save as .eml',
  savingEml: 'Saving .eml…',
  noAddress: 'The complainant has no e-mail address on this case.',
  letterSaved: 'Saved {{path}}. Open it in your mail program to check and send it.',
  letterFailed: 'The e-mail could not be saved: {{message}}',
  recorded_other: 'E-mail recorded in the communications log with {{count}} files as evidence.',
  // Attachments the e-mail lists that could not be kept: said where the officer looks, and on record.
  leftOut_one:
    '{{count}} attachment of the e-mail “{{subject}}” could not be read and was not added: {{files}}.',
  leftOut_other:
    '{{count}} attachments of the e-mail “{{subject}}” could not be read and were not added: {{files}}.',
  leftOutHelp_one:
    'Ask the sender for it again, or save it from Outlook or your mail program and add it to the evidence by hand.',
  leftOutHelp_other:
    'Ask the sender for them again, or save them from Outlook or your mail program and add them to the evidence by hand.',
  leftOutFile: '“{{name}}” ({{reason}})',
  leftOutReason: { unreadable: 'damaged', empty: 'empty' },
  leftOutNote_one: '[{{count}} attachment of this e-mail could not be read and was not added: {{files}}.]',
  leftOutNote_other:
    '[{{count}} attachments of this e-mail could not be read and were not added: {{files}}.]',
  leftOutSeen: 'I’ve noted it',
};
