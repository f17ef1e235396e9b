import { contract, type Channel, type Handlers } from '../../src-shared/ipc/contract';
import { fail, ok, type Result } from '../../src-shared/ipc/result';
import { AppError, toIpcError, validationErrorFromZod } from '../../src-shared/errors';

const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/** Where the detail of a failed call goes: the main process's own log, never the renderer. */
export type FailureLog = (channel: string, detail: unknown) => void;

const logToConsole: FailureLog = (channel, detail) => console.error(`[redress] ${channel} failed:`, detail);

/**
 * One call through the contract: validate the input, run the handler, check the output.
 * Used by `ipcMain` in Electron and by the HTTP bridge of the browser test harness alike.
 * What went wrong underneath (a stack, a system error's path) is logged here and never answered.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  log: FailureLog = logToConsole,
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
      log(channel, output.error);
      return fail({ code: 'INTERNAL', message: `The answer to "${channel}" did not match the contract.` });
    }
    return ok(output.data);
  } catch (error) {
    // A typed error is an answer; only its cause, if any, is worth a log line.
    if (!(error instanceof AppError)) log(channel, error);
    else if (error.cause !== undefined) log(channel, error.cause);
    return fail(toIpcError(error));
  }
}
