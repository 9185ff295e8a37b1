import { A } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { api, call } from "../api";

/** The home's data, read by the member's part (HomePage) and the lazy managers' part (HomeManager). */
export const loadHome = () => call(api.home.$get());
export type Home = Awaited<ReturnType<typeof loadHome>>;

/** One thing to do: the whole row is the link to the page where it is done. */
export function Todo(props: { href: string; title: string; when?: string; tag?: string; warn?: boolean }) {
  return (
    <li>
      <A href={props.href} class="todo">
        <span class="todo-title">{props.title}</span>
        <Show when={props.when || props.tag}>
          <span class="todo-when">
            <Show when={props.tag}>
              <span classList={{ tag: true, "tag-warn": props.warn }}>{props.tag}</span>{" "}
            </Show>
            {props.when}
          </span>
        </Show>
      </A>
    </li>
  );
}

export function Section(props: { title: string; empty: string; count: number; children: JSX.Element }) {
  return (
    <section class="home-section">
      <h2>{props.title}</h2>
      <Show when={props.count > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="todos">{props.children}</ul>
      </Show>
    </section>
  );
}

export const cycleName = (c: { name: string; label: string }) => `${c.name} ${c.label}`;
