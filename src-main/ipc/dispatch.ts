import { contract, type Channel, type Handlers } from '../../src-shared/ipc/contract';
import { fail, ok, type Result } from '../../src-shared/ipc/result';
import { toIpcError, validationErrorFromZod } from '../../src-shared/errors';

const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/**
 * One call through the contract: validate the input, run the handler, check the output.
 * Used by `ipcMain` in Electron and by the HTTP bridge of the browser test harness alike.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no channel called "${channel}".` });
  }
  const spec = contract[channel];
  const input = spec.input.safeParse(rawInput);
  if (!input.success) return fail(validationErrorFromZod(input.error).toIpcError());
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const output = spec.output.safeParse(await handler(input.data));
    if (!output.success) {
      return fail({ code: 'INTERNAL', message: `The answer to "${channel}" did not match the contract.` });
    }
    return ok(output.data);
  } catch (error) {
    return fail(toIpcError(error));
  }
}
