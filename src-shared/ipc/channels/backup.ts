// Backup and restore channels, and the pointer to the case database the renderer opens.
//
// The case database lives in the renderer (IndexedDB), everything else on disk in main. So a
// backup is made in two halves: the renderer exports the database (dexie-export-import's JSON,
// gzip-compressed) and streams it to main in base64 chunks; main adds settings, accounts, the
// security log, the audit anchor and every evidence file, writes a manifest with the SHA-256 of
// each part, and encrypts the whole with AES-256-GCM under the office's backup passphrase.
//
// A restore runs the other way and is all or nothing: main decrypts and checks the whole file
// (tag and every part's hash) before handing out a byte; the renderer imports into a NEW database
// name; only `backup:restore-commit` switches main's pointer (`database:active`) to it and puts
// the files in place. A restore killed halfway leaves the pointer, and so the database, as it was.
import { SHA256_HEX } from '../../domain/investigation';
import { z } from 'zod';
import { LedgerEntrySchema } from '../../domain/disposal-ledger';
import { NoInput, strictInput } from './input';

/**
 * Decoded bytes per chunk either way (1 MiB); base64 makes that at most this many characters.
 * Small enough that handing one chunk to IPC (or to the harness's fetch) never holds the page's
 * thread for a noticeable moment; 4 MiB chunks did, at 100,000 cases, once per chunk.
 */
export const BACKUP_CHUNK_BYTES = 1024 * 1024;
/** Ledger entries a page of `backup:restore-disposals`. */
export const RESTORE_DISPOSALS_PAGE = 2000;
const MAX_CHUNK_CHARS = Math.ceil(BACKUP_CHUNK_BYTES / 3) * 4;

const Id = z.uuid({ error: 'That backup job is not known.' });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'That is not a SHA-256 fingerprint.');
/** A backup is named by its file name in the backup folder, never by a path the renderer makes up. */
const BackupFile = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._-]+\.redressbackup$/, 'That is not a Redress backup file name.');
const Passphrase = z.string().max(1024, 'Use at most 1,024 characters.');
const Chunk = z
  .base64('A part of the backup was not sent as expected.')
  .max(MAX_CHUNK_CHARS, 'A part of the backup is too large.');

export const BACKUP_REASONS = ['manual', 'daily', 'quit', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const AuditHeadSchema = z.object({ seq: z.number().int().min(0), hash: z.string().max(128) }).nullable();

/** What a backup holds, readable from its header without the passphrase (authenticated, not secret). */
/** How many damaged evidence files a backup's summary names (it counts them all). */
export const DAMAGED_EVIDENCE_LISTED = 100;

export const BackupSummarySchema = z.object({
  file: z.string(),
  createdAt: z.string(),
  /** Bytes on disk. */
  size: z.number().int().min(0),
  reason: z.enum(BACKUP_REASONS),
  appVersion: z.string(),
  /** The Dexie schema version the database export was made with. */
  schemaVersion: z.number().int().min(1),
  /** Rows per database table, as the renderer counted them when the export began. */
  counts: z.record(z.string(), z.number().int().min(0)),
  evidenceFiles: z.number().int().min(0),
  auditHead: AuditHeadSchema,
  /** Who started it (name), or null for an automatic backup. */
  by: z.string().nullable(),
  /** Made in a training profile. */
  training: z.boolean(),
  /**
   * How many evidence files no longer matched their fingerprint (their name) when the backup was
   * made: damaged or changed on this computer. Backed up as they were; no older backup, which may
   * hold them intact, was removed after it. 0 in backups made before this was checked.
   */
  damagedEvidenceCount: z.number().int().min(0).default(0),
  /** The first DAMAGED_EVIDENCE_LISTED of them by name (the summary has a fixed room in the file). */
  damagedEvidence: z.array(z.string().regex(SHA256_HEX)).max(DAMAGED_EVIDENCE_LISTED).default([]),
});
export type BackupSummary = z.output<typeof BackupSummarySchema>;

/**
 * How the backup key is held on this desk:
 * - 'unset': no backup passphrase yet (backups cannot run until an administrator sets one);
 * - 'ready': main can encrypt without asking (the passphrase-derived key is wrapped with the
 *   operating system's key store, Electron `safeStorage`);
 * - 'passphrase-needed': the key store is unavailable (or only `basic_text` on Linux), so the
 *   passphrase must be typed once per session (`backup:unlock`) before a backup can run.
 */
export const BackupStatusSchema = z.object({
  key: z.enum(['unset', 'ready', 'passphrase-needed']),
  /** Why the key store cannot be used, in words for the user; null when it can. */
  keyStoreProblem: z.string().nullable(),
  /**
   * backup.json was found damaged: the settings shown are the defaults where it was, and no old
   * backup is removed until an administrator saves the settings.
   */
  settingsDamaged: z.boolean(),
  folder: z.string(),
  keepCount: z.number().int().min(1),
  automatic: z.boolean(),
  lastBackupAt: z.string().nullable(),
  /** A daily backup has not been made today (office time zone): the renderer starts one after sign-in. */
  dailyDue: z.boolean(),
});
export type BackupStatus = z.output<typeof BackupStatusSchema>;

export const DatabasePointerSchema = z.object({
  /** The IndexedDB database name the renderer opens ('redress' until the first restore). */
  name: z.string().regex(/^redress(-[0-9a-f-]{36})?$/),
});
export type DatabasePointer = z.output<typeof DatabasePointerSchema>;

export const backupChannels = {
  'database:active': { input: NoInput, output: DatabasePointerSchema },

  'backup:status': { input: NoInput, output: BackupStatusSchema },
  /** Sets or changes the office's backup passphrase (the current one is needed to change it). */
  'backup:set-passphrase': {
    input: strictInput({ passphrase: Passphrase, current: Passphrase.optional() }),
    output: BackupStatusSchema,
  },
  /** Gives the passphrase for this session where the key store cannot hold the key. */
  'backup:unlock': { input: strictInput({ passphrase: Passphrase }), output: BackupStatusSchema },
  'backup:configure': {
    input: strictInput({
      keepCount: z
        .number()
        .int()
        .min(1, 'Keep at least 1 backup.')
        .max(365, 'Keep at most 365 backups.')
        .optional(),
      automatic: z.boolean().optional(),
      /** true: ask for a folder with the system dialog (Electron), the data folder's `backups` in the harness. */
      chooseFolder: z.boolean().optional(),
    }),
    output: BackupStatusSchema,
  },
  /**
   * Brings a backup file from elsewhere (a USB stick, another desk) into the backup folder: the
   * system's open dialog in the app; the harness has none and answers null. Its header is checked.
   */
  'backup:add-file': { input: NoInput, output: z.object({ file: BackupFile.nullable() }) },
  'backup:list': {
    input: NoInput,
    output: z.object({
      backups: z.array(BackupSummarySchema),
      /** Files in the folder that could not be read as a backup (name and why). */
      unreadable: z.array(z.object({ file: z.string(), message: z.string() })),
      /**
       * Which of `backups` another computer (another data folder) made, by the desk named in the
       * file's name: this desk never prunes them. Backups named before desks were named are not in it.
       */
      madeElsewhere: z.array(z.string()),
    }),
  },

  'backup:begin': {
    input: strictInput({
      reason: z.enum(BACKUP_REASONS),
      schemaVersion: z.number().int().min(1),
      counts: z.record(z.string().max(64), z.number().int().min(0)),
      auditHead: AuditHeadSchema,
      /** Bytes of the compressed database export that will follow (checked at finish). */
      databaseBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    }),
    output: z.object({ backupId: z.string(), chunkBytes: z.number().int().positive() }),
  },
  'backup:chunk': {
    input: strictInput({ backupId: Id, offset: z.number().int().min(0), data: Chunk }),
    output: z.object({ received: z.number().int() }),
  },
  /** Adds evidence, settings, accounts and the manifest, seals the file, prunes old backups. */
  'backup:finish': {
    input: strictInput({ backupId: Id, databaseSha256: Sha256 }),
    output: BackupSummarySchema,
  },
  'backup:cancel': { input: strictInput({ backupId: Id }), output: z.object({ cancelled: z.boolean() }) },

  /** Reads and checks the whole file. A wrong passphrase or an altered byte: code BACKUP_DAMAGED. */
  'backup:verify': {
    input: strictInput({ file: BackupFile, passphrase: Passphrase.optional() }),
    output: BackupSummarySchema,
  },
  /** Decrypts and checks the whole file into a private staging area, then serves the database part. */
  'backup:restore-open': {
    input: strictInput({ file: BackupFile, passphrase: Passphrase.optional() }),
    output: z.object({
      restoreId: z.string(),
      summary: BackupSummarySchema,
      databaseBytes: z.number().int().min(0),
      chunkBytes: z.number().int().positive(),
      /** The fresh IndexedDB name to import into; it becomes active only at commit. */
      targetName: DatabasePointerSchema.shape.name,
      /** Lines of this computer's disposal ledger, read with `backup:restore-disposals`. */
      disposalEntries: z.number().int().min(0),
      /** Why the ledger could not be read whole (a line altered, its key unusable), or null. */
      ledgerProblem: z.enum(['altered', 'key']).nullable(),
    }),
  },
  /**
   * The disposal ledger as it was when the restore was opened, a page at a time: the renderer
   * disposes of those cases again in the imported database before the commit.
   */
  'backup:restore-disposals': {
    input: strictInput({ restoreId: Id, offset: z.number().int().min(0) }),
    output: z.object({
      entries: z.array(LedgerEntrySchema).max(RESTORE_DISPOSALS_PAGE),
      next: z.number().int().min(0).nullable(),
    }),
  },
  'backup:restore-read': {
    input: strictInput({ restoreId: Id, offset: z.number().int().min(0) }),
    output: z.object({ data: z.string(), done: z.boolean() }),
  },
  /** After the renderer imported everything: files into place, pointer switched, session ended. */
  'backup:restore-commit': {
    input: strictInput({
      restoreId: Id,
      /**
       * Evidence files of the backup that disposals made again left unused: not put back. Main
       * takes only those its ledger says a disposal removed.
       */
      evidenceDisposed: z.array(z.string().regex(SHA256_HEX)).max(1_000_000).optional(),
      /**
       * Ledger lines the database being replaced still held for main (main was away when they were
       * made): made again with the ledger's, and added to it now.
       */
      ledgerWaiting: z.array(LedgerEntrySchema).max(1_000_000).optional(),
    }),
    output: DatabasePointerSchema,
  },
  'backup:restore-cancel': {
    input: strictInput({ restoreId: Id }),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;
