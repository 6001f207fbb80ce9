// The history of queries run: newest first, capped, with no duplicates (running a query again
// moves it to the top). When storage is full, it gives up its oldest half first.

export function createHistory(storage, { key = 'history', cap = 50 } = {}) {
  const identity = (entry) => JSON.stringify([entry.query.trim(), entry.variables?.trim() ?? '', entry.operationName ?? null]);
  const read = () => storage.get(key, []).filter((e) => e && typeof e.query === 'string');
  storage.onFull((full) => {
    const entries = read();
    if (full !== key || entries.length > 1) storage.set(key, entries.slice(0, Math.ceil(entries.length / 2)));
  });
  return {
    list: read,
    add(entry) {
      const id = identity(entry);
      const entries = [{ ...entry, at: entry.at ?? Date.now() }, ...read().filter((e) => identity(e) !== id)].slice(0, cap);
      storage.set(key, entries);
      return entries;
    },
    clear() { storage.set(key, []); },
  };
}
