import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatNumber } from "../../components/format";
import { locale, useT } from "../../i18n";
import { massesMessages } from "./messages";

const verifyCall = (id: string) => call(api["rating-rounds"][":id"].verify.$get({ param: { id } }));

export default function RoundPage() {
  const t = useT(massesMessages);
  const params = useParams();
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => call(api["rating-rounds"][":id"].$get({ param: { id } })),
  );
  const [comments, { refetch: refetchComments }] = createResource(
    () => params.id,
    (id) => call(api["rating-rounds"][":id"].comments.$get({ param: { id }, query: { status: "pending" } })),
  );
  const [chain, setChain] = createSignal<string | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const verify = async () => {
    let r: Awaited<ReturnType<typeof verifyCall>>;
    try {
      r = await verifyCall(params.id ?? "");
    } catch (err) {
      setError(err);
      return;
    }
    setChain(
      r.ok
        ? t("chainOk", { n: r.count })
        : t("chainBroken", { seq: r.firstBroken?.seq ?? r.count, reason: r.firstBroken?.reason ?? "count" }),
    );
  };
  const moderate = async (id: string, approve: boolean) => {
    await call(api.ratings[":id"].comment.$post({ param: { id }, json: { approve } })).catch(setError);
    refetchComments();
    refetch();
  };
  const close = async () => {
    await call(api["rating-rounds"][":id"].close.$post({ param: { id: params.id ?? "" } })).catch(setError);
    refetch();
  };
  const nameOf = (id: string) => data()?.ratees.find((r) => r.rateeId === id)?.name ?? "";
  return (
    <section class="page">
      <A href="/masses">{t("back")}</A>
      <Feedback error={error()} />
      <Show when={data()}>
        {(d) => (
          <>
            <h1>{d().round.title}</h1>
            <p class="muted">{d().round.orgName}</p>
            <p>{t("privacy", { k: d().round.kThreshold })}</p>
            <h2>{t("results")}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("ratee")}</th>
                    <th>{t("issued")}</th>
                    <th>{t("count")}</th>
                    <th>{t("satisfaction")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().ratees}>
                    {(r) => (
                      <tr>
                        <td>{r.name}</td>
                        <td>{r.issued}</td>
                        <td>{r.count}</td>
                        <td>
                          <Show
                            when={r.shown}
                            fallback={
                              <span class="muted">
                                {r.withheld === "open" ? t("withheldOpen") : t("withheld", { k: d().round.kThreshold })}
                              </span>
                            }
                          >
                            <strong>{formatNumber((r.satisfaction ?? 0) * 100)}%</strong>
                            <ul class="plain">
                              <For each={r.items ?? []}>
                                {(i) => (
                                  <li>
                                    {i.label[locale()]}: {t("satisfied")} {i.satisfied} · {t("basic")} {i.basic} ·{" "}
                                    {t("unsatisfied")} {i.unsatisfied}
                                  </li>
                                )}
                              </For>
                            </ul>
                            <Show when={r.comments?.length}>
                              <strong>{t("comments")}</strong>
                              <ul class="plain">
                                <For each={r.comments ?? []}>{(c) => <li>“{c}”</li>}</For>
                              </ul>
                            </Show>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={!d().round.closedAt && d().round.closesAt > Date.now()}>
              <p class="muted">{t("commentsLater", { k: d().round.kThreshold })}</p>
            </Show>
            <Show when={comments()?.items.length}>
              <h2>{t("pendingComments")}</h2>
              <ul class="cards">
                <For each={comments()?.items}>
                  {(c) => (
                    <li class="card">
                      <span>
                        {nameOf(c.rateeId)}: “{c.comment}”
                      </span>
                      <div class="row">
                        <button type="button" onClick={() => moderate(c.id, true)}>
                          {t("approve")}
                        </button>
                        <button type="button" onClick={() => moderate(c.id, false)}>
                          {t("hide")}
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <div class="row">
              <button type="button" onClick={verify}>
                {t("verify")}
              </button>
              <Show when={!d().round.closedAt}>
                <button type="button" onClick={close}>
                  {t("close")}
                </button>
              </Show>
            </div>
            <Show when={chain()}>
              <p role="status">{chain()}</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
