import type { BatchItem } from "drizzle-orm/batch";

/**
 * An in-process event: the feature that owns it emits, features that react subscribe at module load.
 * It lets a dependency run one way (courses react to quizzes) without the emitter importing them.
 */
export function createEvent<T>() {
  const listeners: ((event: T) => Promise<unknown>)[] = [];
  return {
    on(listener: (event: T) => Promise<unknown>) {
      listeners.push(listener);
    },
    async emit(event: T) {
      for (const listener of listeners) await listener(event);
    },
  };
}

/**
 * A hook whose listeners answer with statements for the emitter's own db.batch, so what higher features
 * keep in step with a lower feature's write lands with it or not at all. A listener may read first and
 * throw an ApiError to refuse the write.
 */
export function createBatchHook<T>() {
  const listeners: ((event: T) => Promise<BatchItem<"sqlite">[]>)[] = [];
  return {
    on(listener: (event: T) => Promise<BatchItem<"sqlite">[]>) {
      listeners.push(listener);
    },
    async statements(event: T) {
      const out: BatchItem<"sqlite">[] = [];
      for (const listener of listeners) out.push(...(await listener(event)));
      return out;
    },
  };
}
