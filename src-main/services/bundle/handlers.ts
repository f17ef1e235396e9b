import type { bundleChannels } from '../../../src-shared/ipc/channels/bundle';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { BundleService } from './bundle-service';

type BundleHandlers = Pick<Handlers, keyof typeof bundleChannels>;

export function bundleHandlers(service: BundleService): BundleHandlers {
  return {
    'bundle:identity': () => service.identity(),
    'bundle:export': ({ cases }) => service.exportCases(cases),
    'bundle:upload-start': async (input) => service.start(input),
    'bundle:upload-chunk': async ({ uploadId, offset, data }) =>
      service.chunk({ uploadId, offset, data: Buffer.from(data, 'base64') }),
    'bundle:upload-finish': ({ uploadId }) => service.finish(uploadId),
    'bundle:trust': ({ importId }) => service.trust(importId),
    'bundle:read': ({ importId }) => service.read(importId),
    'bundle:accept': ({ importId, cases }) => service.accept(importId, cases),
    'bundle:cancel': async ({ importId }) => service.cancel(importId),
    'bundle:sender-history': ({ caseId }) => service.senderHistory(caseId),
    'bundle:trusted-offices': () => service.trustedOffices(),
    'bundle:revoke': ({ fingerprint }) => service.revoke(fingerprint),
  };
}
