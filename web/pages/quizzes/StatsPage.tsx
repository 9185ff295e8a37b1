import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { useT } from "../../i18n";
import { messages } from "./messages";

export default function StatsPage() {
  const t = useT(messages);
  const params = useParams();
  const [s] = createResource(
    () => params.id,
    (id) => call(api.quizzes[":id"].stats.$get({ param: { id } })),
  );
  const [attempts] = createResource(
    () => params.id,
    (id) => call(api.quizzes[":id"].attempts.$get({ param: { id }, query: { limit: "200" } })),
  );
  const max = () => Math.max(1, ...(s()?.histogram ?? []).map((b) => b.count));
  return (
    <section class="page">
      <h1>{t("stats")}</h1>
      <Show when={s()}>
        {(d) => (
          <>
            <p>{t("attemptsCount", { n: d().attempts, a: d().average ?? "—" })}</p>
            <h2>{t("histogram")}</h2>
            <ul class="histogram">
              <For each={d().histogram}>
                {(b) => (
                  <li>
                    <span>
                      {b.from}–{b.to}%
                    </span>
                    <span class="progress">
                      <span style={{ width: `${(100 * b.count) / max()}%` }} />
                    </span>
                    <span>{b.count}</span>
                  </li>
                )}
              </For>
            </ul>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("name")}</th>
                    <th>{t("facility")}</th>
                    <th>{t("discrimination")}</th>
                    <th>{t("options")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().questions}>
                    {(q) => (
                      <tr>
                        <td>{q.name}</td>
                        <td>{q.facility}%</td>
                        <td>{q.discrimination ?? "—"}</td>
                        <td>
                          {q.options
                            .map((o) => `${o.text}${o.fraction && o.fraction > 0 ? "✓" : ""}: ${o.count}`)
                            .join("；")}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h2>{t("attemptsList")}</h2>
            <div class="table-wrap">
              <table>
                <tbody>
                  <For each={attempts()?.items ?? []}>
                    {(a) => (
                      <tr>
                        <td>
                          <A href={`/quizzes/attempt/${a.id}`}>{a.member}</A>
                        </td>
                        <td>{a.number}</td>
                        <td>{a.percent == null ? "—" : `${Math.round(a.percent)}%`}</td>
                        <td>
                          {a.pending > 0
                            ? t("pending", { n: a.pending })
                            : a.passed
                              ? t("passed")
                              : a.passed === false
                                ? t("failed")
                                : ""}
                        </td>
                        <td>{a.flag ? <span class="tag">{t("flagged")}</span> : ""}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
