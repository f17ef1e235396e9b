// Settings → Team server: this desk's connection to the office's PostgreSQL server.
export const teamEn = {
  settings: {
    title: 'Team server',
    intro:
      "Several desks can share one case file through the office's PostgreSQL server. Without a server this desk works alone (the default). Ask whoever runs the server for these details.",
    singleDesk: 'This desk works alone: no team server is set.',
    savedServer: 'Saved server: {{user}} on {{host}}:{{port}}, database {{database}}.',
    host: 'Server name or address',
    port: 'Port',
    portHelp: 'Usually 5432.',
    database: 'Database',
    user: 'Service account user name',
    password: 'Password',
    passwordHelp: 'Leave empty to keep the saved password.',
    passwordHelpNone: 'The service account’s password.',
    caPath: 'Office CA certificate file (PEM)',
    caPathHelp: 'With it, the connection uses TLS and checks the server. Leave empty on a trusted network.',
    test: 'Test connection',
    testing: 'Connecting…',
    save: 'Save connection',
    saved: 'Team server connection saved',
    connected: 'Connected: PostgreSQL {{version}}{{tls}}.',
    connectedTls: ' over TLS',
    schemaNone: 'Redress has not set up this database yet.',
    schemaVersion: 'Redress schema version {{version}} on the server.',
    noKeyStore: '{{problem}} You can still test the connection.',
  },
};
