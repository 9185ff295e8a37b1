// biome-ignore-all lint/a11y/noRedundantRoles: Safari drops table semantics when the phone layout changes a table's CSS display; explicit roles keep them.
import { For, type JSX, Show } from "solid-js";

export interface Column<T> {
  header: string;
  cell: (row: T) => JSX.Element;
  /** Per-row classes on the cell, e.g. `{ warn: row.overdue > 0 }`. */
  classList?: (row: T) => Record<string, boolean>;
}

/**
 * A table with its head and its empty row. Below 600 px each row becomes a card and each cell is
 * labelled with its column's header (data-label, see styles.css), so no table scrolls sideways on a phone;
 * each value sits in one element, beside its label in the phone's grid.
 */
export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: readonly T[] | undefined;
  /** Shown in one full-width row when there are no rows. */
  empty?: string;
  /** A caption for screen readers. */
  caption?: string;
}) {
  return (
    <div class="table-wrap">
      <table class="data-table" role="table">
        <Show when={props.caption}>
          <caption class="sr-only">{props.caption}</caption>
        </Show>
        <thead role="rowgroup">
          <tr role="row">
            <For each={props.columns}>
              {(c) => (
                <th scope="col" role="columnheader">
                  {c.header}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody role="rowgroup">
          <For
            each={props.rows}
            fallback={
              <Show when={props.empty}>
                <tr role="row">
                  <td role="cell" colSpan={props.columns.length} class="muted empty">
                    {props.empty}
                  </td>
                </tr>
              </Show>
            }
          >
            {(row) => (
              <tr role="row">
                <For each={props.columns}>
                  {(c) => (
                    <td role="cell" data-label={c.header} classList={c.classList?.(row)}>
                      <div>{c.cell(row)}</div>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
