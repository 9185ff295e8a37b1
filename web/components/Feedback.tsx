import { createSignal, Show } from "solid-js";

type ErrorTexts = typeof import("../i18n/errors");
const [texts, setTexts] = createSignal<ErrorTexts>();

/**
 * The error texts, fetched when the first failure is shown: every code in three languages is 6 KB of
 * gzipped JavaScript, kept out of the first load. Undefined until it arrives; the caller's text fills in then.
 */
export function lazyErrors(): ErrorTexts | undefined {
  const loaded = texts();
  if (!loaded) void import("../i18n/errors").then((m) => setTexts(() => m));
  return loaded;
}

/**
 * Runs a user action: clears the last outcome, then shows `done` or keeps the failure for
 * <Feedback> (and for fieldText next to the fields it concerns). `after` refreshes what changed;
 * `busy` is true while it runs.
 */
export function createAction(done: () => string, after?: () => unknown) {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    setNotice("");
    setBusy(true);
    try {
      await fn();
      setNotice(done());
      await after?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { run, error, notice, busy, setError };
}

export type Action = ReturnType<typeof createAction>;

/**
 * The outcome of the last action: an alert in the user's language, or a status line.
 * `text` renders a feature's own error codes (defaults to the generic failureText).
 */
export function Feedback(props: { error: unknown; notice?: string; text?: (err: unknown) => string }) {
  return (
    <>
      <Show when={props.error}>
        <p class="error" role="alert">
          {props.text ? props.text(props.error) : (lazyErrors()?.failureText(props.error) ?? "")}
        </p>
      </Show>
      <Show when={props.notice}>
        <p class="ok" role="status">
          {props.notice}
        </p>
      </Show>
    </>
  );
}
