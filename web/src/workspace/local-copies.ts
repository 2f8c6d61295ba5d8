/**
 * The device's copies of documents (IndexedDB, through y-indexeddb), one database per person and
 * document, so one person's unsaved text is never opened, let alone sent, under another's name.
 * IndexedDB is per origin, not per person: sign-out deletes the person's copies.
 */
const PREFIX = "tip-clearance";

export function localCopyName(userId: string, documentId: string): string {
  return `${PREFIX}:${encodeURIComponent(userId)}:${documentId}`;
}

function unsavedKey(userId: string, documentId: string): string {
  return `${localCopyName(userId, documentId)}:unsaved`;
}

/** How many changes a document's local copy holds that the server has not confirmed (survives a reload). */
export function readUnsavedCount(userId: string, documentId: string): number {
  try {
    return Number(window.localStorage.getItem(unsavedKey(userId, documentId)) ?? 0) || 0;
  } catch {
    return 0;
  }
}

export function writeUnsavedCount(userId: string, documentId: string, count: number): void {
  try {
    if (count > 0) window.localStorage.setItem(unsavedKey(userId, documentId), String(count));
    else window.localStorage.removeItem(unsavedKey(userId, documentId));
  } catch {
    // Storage unavailable (private window): the count is then only known while the page is open.
  }
}

/** Documents of this person with changes the server does not have, and how many each. */
export function unsavedDocuments(userId: string): { documentId: string; changes: number }[] {
  const prefix = `${PREFIX}:${encodeURIComponent(userId)}:`;
  const found: { documentId: string; changes: number }[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (!key?.startsWith(prefix) || !key.endsWith(":unsaved")) continue;
      const changes = Number(window.localStorage.getItem(key)) || 0;
      if (changes > 0) found.push({ documentId: key.slice(prefix.length, -":unsaved".length), changes });
    }
  } catch {
    // No storage: nothing known.
  }
  return found;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Deletes every local copy this person has on this device (sign-out). */
export async function deleteLocalCopies(userId: string): Promise<void> {
  const prefix = `${PREFIX}:${encodeURIComponent(userId)}:`;
  const databases = typeof indexedDB.databases === "function" ? await indexedDB.databases() : [];
  await Promise.all(databases.filter((db) => db.name?.startsWith(prefix)).map((db) => deleteDatabase(db.name!)));
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix)) window.localStorage.removeItem(key);
    }
  } catch {
    // No storage: nothing to remove.
  }
}

export function deleteLocalCopy(userId: string, documentId: string): Promise<void> {
  writeUnsavedCount(userId, documentId, 0);
  return deleteDatabase(localCopyName(userId, documentId));
}

/**
 * Open documents register how to close them (session-registry.ts does, once the editor is loaded),
 * so sign-out can close them without loading the editor, offline included.
 */
const closers = new Set<() => Promise<void>>();

export function registerOpenDocumentsCloser(close: () => Promise<void>): void {
  closers.add(close);
}

export async function closeOpenDocuments(): Promise<void> {
  await Promise.all([...closers].map((close) => close()));
}
