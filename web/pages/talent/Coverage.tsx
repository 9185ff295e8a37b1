import { createEffect, createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { createKeysetList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";

/**
 * The branches under the org against the pool's targets, a page at a time in tree order; how many meet
 * them is one read of its own. `stamp` changes when the pool does, to read both again.
 */
export function Coverage(props: { orgId: string; stamp: number }) {
  const t = useT(talentMessages);
  const [summary, { refetch }] = createResource(
    () => props.orgId || null,
    (id) => call(api.orgs[":id"].talent.coverage.summary.$get({ param: { id } })),
  );
  const list = createKeysetList((after) =>
    call(
      api.orgs[":id"].talent.coverage.$get({
        param: { id: props.orgId },
        query: { limit: "20", ...(after ? { after } : {}) },
      }),
    ),
  );
  createEffect((was?: number) => {
    if (!props.orgId) return props.stamp;
    list.load();
    if (was !== undefined && was !== props.stamp) refetch();
    return props.stamp;
  });
  return (
    <section data-testid="coverage">
      <h2>{t("coverage")}</h2>
      <Show when={summary.state === "ready" && summary()}>
        {(s) => <p>{t("coverageMet", { met: s().met, n: s().branches })}</p>}
      </Show>
      <Feedback error={list.error()} />
      <ul class="cards" id="coverage">
        <For each={list.items()}>
          {(b) => (
            <li class="card">
              <strong>{b.orgName}</strong> <span class="muted">{b.standard}</span>
              <For each={b.gaps} fallback={<div>{t("targetsMet")}</div>}>
                {(g) => <div class="warn">{t("gap", { ...g, track: t(g.track) })}</div>}
              </For>
            </li>
          )}
        </For>
      </ul>
      <Pager next={list.next()} onMore={list.more} />
    </section>
  );
}
