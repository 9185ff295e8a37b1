import { A, useSearchParams } from "@solidjs/router";
import { createEffect, For, on, Show } from "solid-js";
import { api, call } from "../../api";
import { Field } from "../../components/Field";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { CATEGORIES, creditParams, LEVELS } from "./labels";
import { courseMessages } from "./messages";
import { plainSnippet } from "./snippet";

/**
 * Published courses with full-text search (titles, summaries, lesson text; simplified and traditional
 * alike, most relevant first, the matching passage shown) and category/level filters, page by page.
 */
export default function CataloguePage() {
  const t = useT(courseMessages);
  const [params, setParams] = useSearchParams<{ q?: string; category?: string; level?: string }>();
  const query = () => ({
    q: params.q || undefined,
    category: (params.category || undefined) as (typeof CATEGORIES)[number] | undefined,
    level: (params.level || undefined) as (typeof LEVELS)[number] | undefined,
  });
  const results = createPagedList((offset) =>
    call(api.catalogue.$get({ query: { ...query(), offset: String(offset) } })),
  );
  createEffect(on(query, () => results.load()));
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setParams({
      q: String(f.get("q") ?? "").trim() || undefined,
      category: String(f.get("category") ?? "") || undefined,
      level: String(f.get("level") ?? "") || undefined,
    });
  };
  return (
    <section class="page">
      <h1>{t("catalogue")}</h1>
      <form class="row" aria-label={t("search")} onSubmit={submit}>
        <Field label={t("search")} name="q">
          <input id="q" name="q" type="search" value={params.q ?? ""} maxlength="50" />
        </Field>
        <Field label={t("category")} name="category">
          <select id="f-category" name="category" value={params.category ?? ""}>
            <option value="">{t("all")}</option>
            <For each={CATEGORIES}>{(c) => <option value={c}>{t(`cat_${c}`)}</option>}</For>
          </select>
        </Field>
        <Field label={t("level")} name="level">
          <select id="f-level" name="level" value={params.level ?? ""}>
            <option value="">{t("all")}</option>
            <For each={LEVELS}>{(l) => <option value={l}>{t(`lvl_${l}`)}</option>}</For>
          </select>
        </Field>
        <button type="submit" class="primary">
          {t("search")}
        </button>
      </form>
      <ul class="cards catalogue">
        <For
          each={results.items()}
          fallback={
            <Show when={results.loaded()}>
              <li class="muted">{t("noResults")}</li>
            </Show>
          }
        >
          {(c) => (
            <li class="card">
              <Show when={c.coverUrl}>
                {(src) => <img class="cover" src={src()} alt={t("coverAlt", { t: c.title })} loading="lazy" />}
              </Show>
              <div class="grow">
                <A href={`/courses/${c.id}`}>
                  <strong>{c.title}</strong>
                </A>
                <Show when={c.snippet} fallback={<p class="muted clamp">{c.summary}</p>}>
                  {(parts) => (
                    <p class="muted clamp">
                      <For each={plainSnippet(parts())}>{(p) => (p.hit ? <mark>{p.text}</mark> : p.text)}</For>
                    </p>
                  )}
                </Show>
                <span class="tag">{t(`cat_${c.category as "other"}`)}</span>{" "}
                <span class="muted">
                  {t(`lvl_${c.level as "member"}`)} · {t("lessonsN", { n: c.lessons })} ·{" "}
                  {t("minutesN", { n: c.minutes })} · {t("credit", creditParams(t, c.credit))}
                </span>
              </div>
            </li>
          )}
        </For>
      </ul>
      <Pager next={results.next()} onMore={results.more} />
    </section>
  );
}
