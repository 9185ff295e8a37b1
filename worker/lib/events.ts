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
