// Namespaced storage over localStorage that survives a full quota (and a browser that refuses
// storage altogether): a write that does not fit asks the `onFull` hooks to make room, tries
// once more, and else keeps the value in memory for this page.

export function createStorage(namespace, backend = safeLocalStorage()) {
  const prefix = namespace + ':';
  const memory = new Map();
  const onFull = [];
  return {
    get(key, fallback = null) {
      if (memory.has(key)) return memory.get(key);
      try {
        const text = backend?.getItem(prefix + key);
        return text == null ? fallback : JSON.parse(text);
      } catch { return fallback; }
    },
    /** Stores `value` as JSON; false when it lives in memory only. */
    set(key, value) {
      const text = JSON.stringify(value);
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          backend?.setItem(prefix + key, text);
          if (backend) { memory.delete(key); return true; }
          break;
        } catch (error) {
          if (!isQuotaError(error) || attempt === 1) break;
          for (const hook of onFull) hook(key);
        }
      }
      memory.set(key, value);
      return false;
    },
    remove(key) {
      memory.delete(key);
      try { backend?.removeItem(prefix + key); } catch { /* nothing to remove */ }
    },
    /** `hook(key)` frees space when writing `key` hit the quota. */
    onFull(hook) { onFull.push(hook); },
  };
}

function isQuotaError(error) {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);
}

function safeLocalStorage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}
