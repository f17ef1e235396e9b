// Strings of case bundles: sending cases to another office as a signed file and taking them in.
export const bundleEn = {
  action: {
    'bundle-receive': 'Received in a case bundle',
  },
  export: {
    button: 'Export bundle…',
    buttonSelected_one: 'Export bundle of {{count}} case…',
    buttonSelected_other: 'Export bundle of {{count}} cases…',
    busy: 'Signing the bundle…',
    saved_one: 'Case bundle saved as {{file}} (1 case, {{evidence}}).',
    saved_other: 'Case bundle saved as {{file}} ({{count}} cases, {{evidence}}).',
    evidenceFiles_one: '1 evidence file',
    evidenceFiles_other: '{{count}} evidence files',
  },
  import: {
    button: 'Import bundle…',
    title: 'Import a case bundle',
    intro:
      'Choose a .redressbundle file another office sent you. Redress checks its signature and every part before showing what it holds.',
    choose: 'Choose bundle file…',
    fileLabel: 'Bundle file',
    checking: 'Checking the bundle',
    importing: 'Importing cases',
    from: 'From',
    signer: 'Signed by',
    fingerprint: 'Key fingerprint',
    made: 'Made on',
    cases: 'Cases',
    evidence: 'Evidence files',
    untrustedTitle: 'This office’s key is not trusted here yet',
    untrusted:
      'Compare this fingerprint with the sending office (by telephone, say) before you trust it. Anyone can make a bundle that names any office; only the fingerprint tells offices apart.',
    trust: 'Trust this office',
    trusted: 'This office’s key is trusted here.',
    run: 'Import cases',
    done: 'Done',
    close: 'Close',
    cancel: 'Cancel',
    resultsTitle: 'What was imported',
    result: {
      'as-sent': '{{sentAs}}: imported.',
      'new-reference':
        '{{sentAs}}: imported as {{reference}} (a case here already has the reference {{sentAs}}).',
      duplicate: '{{sentAs}}: not imported: this case is already here (received before, or sent from here).',
    },
    open: 'Open {{reference}}',
  },
  history: {
    title: 'History at {{office}} (read-only)',
    intro:
      'Received {{received}} in bundle {{bundleId}}, signed by {{signer}} with key {{fingerprint}}. There it was case {{reference}}.',
  },
  timeline: {
    received: 'from {{office}} in bundle {{bundleId}}, signed by {{fingerprint}}',
  },
  settings: {
    title: 'Case bundles',
    intro:
      'Bundles this office exports are signed with its own key. Give this fingerprint to offices you send cases to, so they can check that a bundle comes from you.',
    fingerprint: 'This office’s key fingerprint',
    trusted: 'Offices trusted to send case bundles',
    noneTrusted:
      'No other office is trusted yet. An office is trusted when someone here opens its first bundle, compares the fingerprint with the sender and chooses to trust it.',
    trustedDetail: 'Key fingerprint {{fingerprint}} · trusted {{at}} by {{by}}',
    someone: 'someone',
    revoke: 'Stop trusting',
    revokeOffice: 'Stop trusting {{office}}',
    revokeTitle: 'Stop trusting {{office}}?',
    revokeBody:
      'Bundles signed with this key (fingerprint {{fingerprint}}) will be refused until someone here compares the fingerprint again and trusts the office. Cases already taken in stay as they are. This is written to the security log.',
    revokeConfirm: 'Stop trusting',
    revoked: '{{office}} is no longer trusted',
  },
};
