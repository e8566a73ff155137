// Watches a folder and every folder in it, one watcher per folder. Node's own
// recursive watching on Linux loses files that an editor saves by writing a new
// file and renaming it over the old one (vim, sed -i, many IDEs); a watcher on the
// folder itself sees the rename. Folders that appear later are watched too.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface TreeWatcher {
  close(): void;
}

/** Calls `changed` with the path of every file or folder created, changed, renamed or removed under `root`. */
export function watchTree(root: string, changed: (path: string) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const isDirectory = (path: string) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => {
        if (name === null) {
          changed(dir);
          return;
        }
        const path = join(dir, name);
        if (event === 'rename') {
          if (isDirectory(path)) addTree(path);
          else forget(path);
        }
        changed(path);
      });
    } catch {
      return;
    }
    watcher.on('error', () => forget(dir));
    watchers.set(dir, watcher);
  };
  const forget = (dir: string) => {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };
  const addTree = (dir: string) => {
    add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) addTree(join(dir, entry.name));
  };
  addTree(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
