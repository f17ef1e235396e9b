// Case bundles on main's side: signing and writing a bundle of cases the renderer read, taking one
// in (in chunks), checking it whole, remembering trusted offices, storing the evidence files it
// carries and keeping each received case's history at the sending office.
import { randomUUID } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import type { BundleCase, SenderHistory } from '../../../src-shared/domain/bundle';
import { SenderHistorySchema } from '../../../src-shared/domain/bundle';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import { safeFileName } from '../../../src-shared/domain/file-names';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../src-shared/errors';
import { BUNDLE_CHUNK_BYTES, type BundleSummary } from '../../../src-shared/ipc/channels/bundle';
import type { KeyStore } from '../backup/backup-key';
import { EVIDENCE_DIR } from '../evidence/evidence-store';
import { writeFileAtomic } from '../files/atomic-write';
import { createBundleKeys, type BundleKeys, type TrustedOffice } from './bundle-key';
import type { SecurityLog } from '../accounts/security-log';
import {
  BUNDLE_EXTENSION,
  BundleRefused,
  casePart,
  readBundle,
  sha256Hex,
  writeBundle,
  type OpenedBundle,
  type PartBytes,
} from './bundle-format';

/** Where the sender's history of each received case is kept, one read-only file per case. */
export const RECEIVED_DIR = 'received-bundles';
/** An upload or an opened bundle nobody touched for this long is dropped. */
const IDLE_MS = 60 * 60 * 1000;

export interface BundleServiceOptions {
  dataDir: string;
  appVersion: string;
  keyStore?: KeyStore;
  /** The office's name (Settings), written into bundles this office signs. */
  office: () => Promise<string>;
  /** The signed-in person. */
  actor: () => PersonRef | null;
  /** Is the person signed in an administrator (who alone trusts again an office revoked here)? */
  isAdministrator?: () => boolean;
  /** Where trusting and revoking an office are recorded (`security-log.jsonl`). */
  log: Pick<SecurityLog, 'append'>;
  /** The office's key and trusted offices; shared with the backup, which saves and restores them. */
  keys?: BundleKeys;
  /** Where to write a bundle: a path the user chose, or null when they cancelled. */
  saveFile: (suggestedName: string) => Promise<string | null>;
  /** Hears of the evidence files of the cases taken in (see evidenceHandlers' `kept`). */
  evidenceKept?: (sha256s: string[]) => Promise<void>;
  now?: () => Date;
}

interface Upload {
  size: number;
  chunks: Buffer[];
  received: number;
  touched: number;
}

interface Opened {
  bundle: OpenedBundle;
  bytes: number;
  touched: number;
}

const expired = () => new NotFoundError('That bundle is not known here any more: open the file again.');

export function createBundleService(options: BundleServiceOptions) {
  const now = options.now ?? (() => new Date());
  const keys = options.keys ?? createBundleKeys(options.dataDir, options.keyStore);
  const uploads = new Map<string, Upload>();
  const opened = new Map<string, Opened>();
  const evidenceDir = join(options.dataDir, EVIDENCE_DIR);

  function sweep(): void {
    const cutoff = now().getTime() - IDLE_MS;
    for (const [id, u] of uploads) if (u.touched < cutoff) uploads.delete(id);
    for (const [id, o] of opened) if (o.touched < cutoff) opened.delete(id);
  }

  async function identity(): Promise<{ fingerprint: string; office: string }> {
    const [key, office] = await Promise.all([keys.signingKey(), options.office()]);
    return { fingerprint: key.fingerprint, office };
  }

  async function evidenceBytes(sha256: string, reference: string): Promise<Buffer> {
    if (!SHA256_HEX.test(sha256)) throw new ValidationError('That is not an evidence fingerprint.');
    const path = join(evidenceDir, sha256);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) {
      throw new AppError(
        'FILE_MISSING',
        `An evidence file of case ${reference} is missing from this computer.`,
      );
    }
    const data = await readFile(path);
    // A file altered here must not leave signed as if it were the one the case recorded.
    if (sha256Hex(data) !== sha256) {
      throw new AppError(
        'FILE_MISSING',
        `An evidence file of case ${reference} was altered on this computer: it cannot be sent.`,
      );
    }
    return data;
  }

  /** Signs the cases and their evidence into one file where the user chooses. */
  async function exportCases(cases: BundleCase[]) {
    const key = await keys.signingKey();
    const parts: PartBytes[] = [];
    const evidence: PartBytes[] = [];
    const seen = new Set<string>();
    for (const c of cases) {
      parts.push({ ...casePart(c), data: Buffer.from(JSON.stringify(c), 'utf8') });
      for (const row of c.rows.evidence ?? []) {
        const sha256 = typeof row['sha256'] === 'string' ? row['sha256'] : '';
        // An anonymised case's evidence row has no fingerprint: its file was erased with the person.
        if (!sha256 || seen.has(sha256)) continue;
        seen.add(sha256);
        const name = typeof row['name'] === 'string' ? row['name'] : sha256.slice(0, 12);
        evidence.push({
          name: `evidence/${sha256}`,
          label: `evidence file “${name}” of case ${c.case.reference}`,
          data: await evidenceBytes(sha256, c.case.reference),
        });
      }
    }
    const bundleId = randomUUID();
    const createdAt = now().toISOString();
    const file = writeBundle(
      {
        bundleId,
        createdAt,
        appVersion: options.appVersion,
        office: await options.office(),
        signer: options.actor()?.name ?? '',
        cases: cases.map((c) => ({ id: c.case.id, reference: c.case.reference })),
      },
      [...parts, ...evidence],
      key,
    );
    const first = cases[0]!.case.reference;
    const suggested = safeFileName(
      cases.length === 1 ? `case ${first}` : `${cases.length} cases from ${first}`,
      'cases',
    );
    const path = await options.saveFile(`${suggested}${BUNDLE_EXTENSION}`);
    if (!path) throw new AppError('VALIDATION', 'The bundle was not saved: no file was chosen.');
    await writeFileAtomic(path, file);
    return { file: basename(path), bundleId, bytes: file.length, evidenceFiles: evidence.length };
  }

  function start(input: { name: string; size: number }) {
    sweep();
    const uploadId = randomUUID();
    uploads.set(uploadId, { size: input.size, chunks: [], received: 0, touched: now().getTime() });
    return { uploadId, chunkBytes: BUNDLE_CHUNK_BYTES };
  }

  function chunk(input: { uploadId: string; offset: number; data: Buffer }) {
    const upload = uploads.get(input.uploadId);
    if (!upload) throw expired();
    if (input.offset !== upload.received) {
      uploads.delete(input.uploadId);
      throw new ConflictError('Part of the file went missing on the way. Open the file again.');
    }
    if (upload.received + input.data.length > upload.size) {
      uploads.delete(input.uploadId);
      throw new ValidationError('The file is larger than it said it was. Open the file again.');
    }
    upload.chunks.push(input.data);
    upload.received += input.data.length;
    upload.touched = now().getTime();
    return { received: upload.received };
  }

  async function summaryOf(importId: string, entry: Opened): Promise<BundleSummary> {
    const { manifest, fingerprint, publicKeyDer, evidence } = entry.bundle;
    return {
      importId,
      bundleId: manifest.bundleId,
      office: manifest.office,
      signer: manifest.signer,
      fingerprint,
      createdAt: manifest.createdAt,
      trusted: await keys.isTrusted(publicKeyDer),
      cases: manifest.cases,
      evidenceFiles: evidence.size,
      bytes: entry.bytes,
    };
  }

  /** Checks the whole file; only a bundle whose every byte checks out is kept for import. */
  async function finish(uploadId: string): Promise<BundleSummary> {
    const upload = uploads.get(uploadId);
    if (!upload) throw expired();
    uploads.delete(uploadId);
    if (upload.received !== upload.size) {
      throw new ValidationError('Part of the file went missing on the way. Open the file again.');
    }
    const bytes = Buffer.concat(upload.chunks);
    const entry: Opened = { bundle: readBundle(bytes), bytes: bytes.length, touched: now().getTime() };
    opened.set(uploadId, entry);
    return summaryOf(uploadId, entry);
  }

  function openedOf(importId: string): Opened {
    const entry = opened.get(importId);
    if (!entry) throw expired();
    entry.touched = now().getTime();
    return entry;
  }

  async function trust(importId: string): Promise<BundleSummary> {
    const entry = openedOf(importId);
    const actor = options.actor();
    const at = now();
    const { office } = entry.bundle.manifest;
    const administrator = options.isAdministrator?.() ?? false;
    if (await keys.trust(entry.bundle.publicKeyDer, office, actor?.name ?? '', at, administrator)) {
      await options.log.append({
        time: at.toISOString(),
        event: 'bundle-sender-trusted',
        actor,
        subject: null,
        detail: `${office} (key fingerprint ${entry.bundle.fingerprint})`,
      });
    }
    return summaryOf(importId, entry);
  }

  /** Stops trusting an office: its bundles are refused until a person trusts it again. */
  async function revoke(fingerprint: string): Promise<{ revoked: TrustedOffice }> {
    const revoked = await keys.revoke(fingerprint);
    await options.log.append({
      time: now().toISOString(),
      event: 'bundle-sender-revoked',
      actor: options.actor(),
      subject: null,
      detail: `${revoked.office} (key fingerprint ${revoked.fingerprint})`,
    });
    return { revoked };
  }

  async function trusted(importId: string): Promise<Opened> {
    const entry = openedOf(importId);
    if (!(await keys.isTrusted(entry.bundle.publicKeyDer))) {
      throw new BundleRefused(
        `This bundle is signed by a key this office does not trust yet (fingerprint ${entry.bundle.fingerprint}). Compare the fingerprint with the sender, then choose to trust the office.`,
      );
    }
    return entry;
  }

  async function read(importId: string): Promise<{ cases: BundleCase[] }> {
    return { cases: (await trusted(importId)).bundle.cases };
  }

  /**
   * Stores the evidence of the cases the renderer is taking in and keeps their sender's history.
   * Evidence files are content-addressed: one already stored stays as it is.
   */
  async function accept(importId: string, taken: { id: string; reference: string }[]) {
    const { bundle } = await trusted(importId);
    const receivedAt = now().toISOString();
    let evidenceStored = 0;
    const kept: string[] = [];
    for (const { id } of taken) {
      const c = bundle.cases.find((x) => x.case.id === id);
      if (!c) throw new ValidationError('That case is not in this bundle.');
      for (const row of c.rows.evidence ?? []) {
        const sha256 = typeof row['sha256'] === 'string' ? row['sha256'] : '';
        if (!sha256) continue; // an erased file (see exportCases): nothing to store
        const data = bundle.evidence.get(sha256);
        if (!data)
          throw new BundleRefused(`An evidence file of case ${c.case.reference} is not in the bundle.`);
        kept.push(sha256);
        const target = join(evidenceDir, sha256);
        if (
          await lstat(target).then(
            () => true,
            () => false,
          )
        )
          continue;
        // Read-only, as the evidence store keeps its own files (evidence-store.ts).
        await writeFileAtomic(target, data, 0o444);
        evidenceStored += 1;
      }
      const history: SenderHistory = {
        bundleId: bundle.manifest.bundleId,
        office: bundle.manifest.office,
        signer: bundle.manifest.signer,
        fingerprint: bundle.fingerprint,
        createdAt: bundle.manifest.createdAt,
        receivedAt,
        originalReference: c.case.reference,
        audit: c.audit,
      };
      await writeFileAtomic(historyPath(id), `${JSON.stringify(history)}\n`, 0o600);
    }
    // A file an unsaved New complaint staged with the same bytes is now this case's evidence.
    await options.evidenceKept?.(kept);
    opened.delete(importId);
    return { evidenceStored };
  }

  const historyPath = (caseId: string) =>
    join(options.dataDir, RECEIVED_DIR, `${sha256Hex(Buffer.from(caseId, 'utf8'))}.json`);

  async function senderHistory(caseId: string): Promise<SenderHistory | null> {
    let text: string;
    try {
      text = await readFile(historyPath(caseId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError(
        'IO',
        'Redress could not read the sending office’s history of this case.',
        undefined,
        {
          cause: error,
        },
      );
    }
    const parsed = SenderHistorySchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppError('IO', 'The sending office’s history of this case is damaged.');
    return parsed.data;
  }

  return {
    identity,
    exportCases,
    start,
    chunk,
    finish,
    trust,
    trustedOffices: async () => ({ offices: await keys.trustedOffices() }),
    revoke,
    read,
    accept,
    cancel: (importId: string) => ({ cancelled: uploads.delete(importId) || opened.delete(importId) }),
    senderHistory,
  };
}

export type BundleService = ReturnType<typeof createBundleService>;
