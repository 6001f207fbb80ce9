// A per-request DataLoader, batched by tick: every `load` made while the current chain of
// promise jobs runs joins one batch, sent once that chain is done.
//
// Scheduling, chosen as graphql-js's reference `dataloader` chooses it: the batch is
// dispatched from a `process.nextTick` queued by a resolved promise's job, so every resolver
// graphql-js calls for one level of a query (all of which run in the promise jobs that
// follow the parent level's answer) has enqueued its key first. A plain `nextTick` would fire
// before those jobs; `setImmediate` would wait for I/O, adding latency for nothing.
//
// Keys are strings; `batch(keys)` returns values in the keys' order (or throws: every key of
// that batch then fails, and none of them stays cached, so a later load tries again).
const resolved = Promise.resolve();

export class DataLoader {
  constructor(batch) {
    this.batch = batch;
    this.cache = new Map();
    this.queue = null;
  }

  load(key) {
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.queue === null) {
      const queue = (this.queue = []);
      resolved.then(() => process.nextTick(() => this.dispatch(queue)));
    }
    const queue = this.queue;
    const promise = new Promise((resolve, reject) => queue.push({ key, resolve, reject }));
    this.cache.set(key, promise);
    return promise;
  }

  async dispatch(queue) {
    if (this.queue === queue) this.queue = null;
    const keys = queue.map((entry) => entry.key);
    let values;
    try {
      values = await this.batch(keys);
      if (values.length !== keys.length) throw new Error(`batch answered ${values.length} values for ${keys.length} keys`);
    } catch (error) {
      for (const entry of queue) {
        this.cache.delete(entry.key);
        entry.reject(error);
      }
      return;
    }
    queue.forEach((entry, index) => entry.resolve(values[index]));
  }
}
