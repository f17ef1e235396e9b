import type { WorkerLike } from '../../../../src-renderer/workers/rpc';

/**
 * Stands in for `new Worker(...)`: one end of a MessageChannel whose other end the worker side
 * serves, so calls really cross a structured-clone boundary, and errors the test can raise.
 */
export class ChannelWorker implements WorkerLike {
  readonly workerEnd: MessagePort;
  private readonly pageEnd: MessagePort;
  private readonly failures = new EventTarget();
  terminated = false;
  constructor() {
    const channel = new MessageChannel();
    this.workerEnd = channel.port1;
    this.pageEnd = channel.port2;
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.pageEnd.postMessage(message, transfer);
  }
  addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
    (type === 'message' ? this.pageEnd : this.failures).addEventListener(type, listener);
  }
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
    (type === 'message' ? this.pageEnd : this.failures).removeEventListener(type, listener);
  }
  start() {
    this.pageEnd.start();
  }
  terminate() {
    this.terminated = true;
    this.close();
  }
  /** What a worker that failed to load or crashed does. */
  crash(message: string) {
    this.failures.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
  close() {
    this.pageEnd.close();
    this.workerEnd.close();
  }
}
