// Strings of the training profile (its banner, demo data, the wipe) and of a damaged settings file.
export const trainingEn = {
  training: {
    banner: 'TRAINING — practice data, not real complaints',
    bannerLabel: 'Training profile',
    liveHoldsTraining:
      'This database holds training data, but Redress was opened as the live profile. Record no real complaint here: call your administrator.',
    liveHoldsTrainingLabel: 'Training data in the live profile',
    demoLiveOnly:
      'Demo data is only for training profiles. Made-up complaints in this database could never be told apart from real ones, nor removed.',
    openTraining: 'Open the training profile',
    howToOpen:
      'To practise with demo data, start Redress with --training: it opens a training profile, with a data folder of its own, that says TRAINING on every screen and every PDF.',
    wipe: {
      title: 'Start the training profile again',
      intro:
        'Deletes everything in this training profile (cases, people, settings, evidence and exported files) and returns to first-run setup. The live profile is not touched.',
      button: 'Wipe the training profile…',
      confirmTitle: 'Wipe the training profile?',
      confirmBody:
        'Every case, account, setting and file of this training profile will be deleted, and Redress will start again at first-run setup. This cannot be undone.',
      confirm: 'Wipe everything',
      wiping: 'Wiping…',
    },
  },
  settingsProblem: {
    title: 'The settings file was damaged',
    missingTitle: 'The settings file was missing',
    keptAs: 'It was kept aside as {{file}}.',
    missing: 'It was not found beside its last good copy.',
    inForceLastGood: 'Until you choose, Redress uses the last good copy.',
    inForceDefaults: 'Until you choose, Redress uses the default settings.',
    useLastGood: 'Use the last good copy (from {{date}})',
    keepDefaults: 'Start from the default settings',
    noLastGood: 'There is no readable last good copy to go back to.',
    callAdministrator:
      'The settings file was damaged, and Redress is using the last settings it could read. Call your administrator.',
    ok: 'OK',
  },
};
