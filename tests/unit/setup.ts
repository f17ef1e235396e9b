// Dexie binds to the global indexedDB when it is first imported, so the fake must come first.
import 'fake-indexeddb/auto';
