import { closeSync, openSync, readFileSync, renameSync, linkSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a data folder: written into the lock file, shown to the process that is refused. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  since: string;
  /** What the holder is, e.g. "server on port 8787" or "admin command users create". */
  what: string;
}

/** A held lock; `release()` removes the lock file (only if it is still ours). */
export interface DataDirLock {
  path: string;
  release(): void;
}

/** The data folder is held by another live process (or one on another host); nothing was touched. */
export class DataDirLockedError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(lockedMessage(path, holder));
    this.name = 'DataDirLockedError';
  }
}

function lockedMessage(path: string, holder: LockHolder | undefined): string {
  if (!holder) {
    return `The data folder is locked by ${path}, which cannot be read. If no Echobox process uses this folder, delete that file and try again.`;
  }
  const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
  return [
    `The data folder is in use by another process: ${holder.what}, pid ${holder.pid}${where}, since ${holder.since}.`,
    'PGlite allows one process per data folder; a second one would lose data.',
    holder.what.startsWith('server')
      ? 'Stop that server first, or make the change through its API with an admin token (see README, "Admin commands while the server runs").'
      : 'Wait until it has finished and try again.',
    `(Lock file: ${path}.)`,
  ].join('\n');
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string' && typeof value.what === 'string') {
      return value as LockHolder;
    }
  } catch {
    // unreadable or half-written: treated as held, never taken over
  }
  return undefined;
}

/** Whether `pid` names a running process on this host (EPERM: it runs, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isStale = (holder: LockHolder | undefined): holder is LockHolder =>
  holder !== undefined && holder.host === hostname() && holder.pid !== process.pid && !alive(holder.pid);

/**
 * Take the exclusive lock `path` (created with O_EXCL, so two processes can never both hold it).
 * A lock left by a dead process on this host is taken over; a live holder, one on another host or
 * an unreadable lock file refuses with DataDirLockedError naming the holder.
 */
export function lockDataDir(path: string, what: string): DataDirLock {
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), what };
  const content = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      if (!isStale(current)) throw new DataDirLockedError(path, current);
      takeOver(path, current);
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return {
      path,
      release() {
        // Only remove the file while it still names this process (never a successor's lock).
        if (readHolder(path)?.pid === process.pid) unlinkSync(path);
      },
    };
  }
  throw new DataDirLockedError(path, readHolder(path));
}

/**
 * Move a dead holder's lock aside. The rename is atomic, so of two processes taking over at once
 * only one moves the file; if what it moved turns out to be a live successor's lock (taken between
 * our read and the rename), it is put back.
 */
function takeOver(path: string, stale: LockHolder): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process took the folder meanwhile; its own lock stands
    }
  }
  unlinkSync(aside);
}
