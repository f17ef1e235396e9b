// What dexie-export-import expects of a browser and Node lacks: the global scope as `self` (read
// when it loads) and FileReader.readAsArrayBuffer (to read an export back while importing). Import
// this before anything that loads the library.
const scope = globalThis as { self?: unknown; FileReader?: unknown };
scope.self ??= globalThis;
scope.FileReader ??= class {
  result: ArrayBuffer | null = null;
  error: unknown = null;
  onload: ((event: { target: unknown }) => void) | null = null;
  onerror: ((event: { target: unknown }) => void) | null = null;
  readAsArrayBuffer(blob: Blob) {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = buffer;
        this.onload?.({ target: this });
      },
      (error: unknown) => {
        this.error = error;
        this.onerror?.({ target: this });
      },
    );
  }
};
