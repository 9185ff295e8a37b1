import { createSignal } from "solid-js";

type ErrorTexts = typeof import("./errors");

const [texts, setTexts] = createSignal<ErrorTexts>();

/**
 * The error texts, fetched when the first failure is shown: every code in three languages is 6 KB of
 * gzipped JavaScript, kept out of the first load. Undefined until it arrives; the caller's text fills in then.
 */
export function lazyErrors(): ErrorTexts | undefined {
  const loaded = texts();
  if (!loaded) void import("./errors").then((m) => setTexts(() => m));
  return loaded;
}
