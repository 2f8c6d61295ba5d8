/**
 * One DocumentSession per (person, document) however many components ask for it, counted by
 * reference. A release waits a moment before destroying, so React StrictMode's mount, unmount,
 * mount reuses the same session instead of building a second document and connection.
 */
import { DocumentSession, type SessionOptions } from "./document-session.ts";
import { registerOpenDocumentsCloser } from "./local-copies.ts";

interface Entry {
  session: DocumentSession;
  users: number;
  pendingDestroy: ReturnType<typeof setTimeout> | null;
}

const sessions = new Map<string, Entry>();
const RELEASE_DELAY_MS = 100;

function key(userId: string, documentId: string): string {
  return `${userId}\u0000${documentId}`;
}

export function acquireSession(options: SessionOptions): DocumentSession {
  const k = key(options.userId, options.documentId);
  let entry = sessions.get(k);
  if (!entry) {
    entry = { session: new DocumentSession(options), users: 0, pendingDestroy: null };
    sessions.set(k, entry);
  }
  if (entry.pendingDestroy) clearTimeout(entry.pendingDestroy);
  entry.pendingDestroy = null;
  entry.users++;
  return entry.session;
}

export function releaseSession(session: DocumentSession): void {
  for (const [k, entry] of sessions) {
    if (entry.session !== session) continue;
    entry.users--;
    if (entry.users > 0) return;
    entry.pendingDestroy = setTimeout(() => {
      sessions.delete(k);
      void session.destroy();
    }, RELEASE_DELAY_MS);
    return;
  }
}

/** Sign-out: every open document closes now, before its local copy is deleted. */
export async function closeAllSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    all.map((entry) => {
      if (entry.pendingDestroy) clearTimeout(entry.pendingDestroy);
      return entry.session.destroy();
    }),
  );
}

registerOpenDocumentsCloser(closeAllSessions);
