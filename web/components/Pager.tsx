import { createSignal, Show } from "solid-js";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";

export interface Page<T> {
  items: T[];
  nextOffset: number | null;
}

/**
 * A list read page by page from an endpoint that answers `{ items, nextOffset }`:
 * `load()` starts again from the top, `more()` appends the next page. A failure is kept in `error`.
 */
export function createPagedList<T>(fetchPage: (offset: number) => Promise<Page<T>>) {
  const [items, setItems] = createSignal<T[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [loaded, setLoaded] = createSignal(false);
  const read = async (offset: number) => {
    setError(null);
    try {
      const page = await fetchPage(offset);
      setItems(offset === 0 ? page.items : [...items(), ...page.items]);
      setNext(page.nextOffset);
      setLoaded(true);
    } catch (err) {
      setError(err);
    }
  };
  return { items, next, error, loaded, load: () => read(0), more: () => read(next() ?? 0) };
}

/**
 * The same for an endpoint that pages by key, `{ items, next }`: `next` is the key to read after (the
 * server reads only the page, never the rows before it).
 */
export function createKeysetList<T>(fetchPage: (after: string | null) => Promise<{ items: T[]; next: string | null }>) {
  // The list counts what it holds; the key to read after is the last page's.
  let after: string | null = null;
  return createPagedList<T>(async (held) => {
    const page = await fetchPage(held === 0 ? null : after);
    after = page.next;
    return { items: page.items, nextOffset: page.next === null ? null : held + page.items.length };
  });
}

/** "Load more" under a paged list, while there is more. */
export function Pager(props: { next: number | null; onMore: () => void }) {
  const t = useT(shellMessages);
  return (
    <Show when={props.next !== null}>
      <button type="button" class="pager" onClick={() => props.onMore()}>
        {t("more")}
      </button>
    </Show>
  );
}
