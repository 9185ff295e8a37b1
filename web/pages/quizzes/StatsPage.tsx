import { A, useParams } from "@solidjs/router";
import { createResource, For, onMount, Show } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { Feedback } from "../../components/Feedback";
import { formatNumber, formatPercent } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { messages } from "./messages";

export default function StatsPage() {
  const t = useT(messages);
  const params = useParams();
  const [s] = createResource(
    () => params.id,
    (id) => call(api.quizzes[":id"].stats.$get({ param: { id } })),
  );
  const attempts = createPagedList((offset) =>
    call(api.quizzes[":id"].attempts.$get({ param: { id: params.id as string }, query: { offset: String(offset) } })),
  );
  onMount(() => void attempts.load());
  const max = () => Math.max(1, ...(s()?.histogram ?? []).map((b) => b.count));
  const pct = (p: number | null | undefined) => formatPercent(p == null ? null : p / 100);
  const n = (x: number) => formatNumber(x, 0);
  return (
    <section class="page">
      <h1>{t("stats")}</h1>
      <Feedback error={s.error} />
      <Show when={s()}>
        {(d) => (
          <>
            <p>{t("attemptsCount", { n: n(d().attempts), a: pct(d().average) })}</p>
            <h2>{t("histogram")}</h2>
            <ul class="histogram">
              <For each={d().histogram}>
                {(b) => (
                  <li>
                    <span>
                      {n(b.from)}–{pct(b.to)}
                    </span>
                    <span class="progress">
                      <span style={{ width: `${(100 * b.count) / max()}%` }} />
                    </span>
                    <span>{n(b.count)}</span>
                  </li>
                )}
              </For>
            </ul>
            <DataTable
              caption={t("questions")}
              rows={d().questions}
              columns={[
                { header: t("name"), cell: (q) => q.name },
                { header: t("facility"), cell: (q) => pct(q.facility) },
                {
                  header: t("discrimination"),
                  cell: (q) => (q.discrimination == null ? "—" : formatNumber(q.discrimination, 2)),
                },
                {
                  header: t("options"),
                  cell: (q) =>
                    q.options
                      .map((o) => `${o.text}${o.fraction && o.fraction > 0 ? "✓" : ""}: ${n(o.count)}`)
                      .join("；"),
                },
              ]}
            />
          </>
        )}
      </Show>
      <h2>{t("attemptsList")}</h2>
      <Feedback error={attempts.error()} />
      <DataTable
        caption={t("attemptsList")}
        rows={attempts.items()}
        empty={attempts.loaded() ? t("historyEmpty") : undefined}
        columns={[
          { header: t("member"), cell: (a) => <A href={`/quizzes/attempt/${a.id}`}>{a.member}</A> },
          { header: t("attemptNo"), cell: (a) => t("attemptN", { n: n(a.number) }) },
          { header: t("percentShort"), cell: (a) => pct(a.percent) },
          {
            header: t("result"),
            cell: (a) =>
              a.pending > 0
                ? t("pending", { n: n(a.pending) })
                : a.passed
                  ? t("passed")
                  : a.passed === false
                    ? t("failed")
                    : t("inProgress"),
          },
          { header: t("flag"), cell: (a) => (a.flag ? <span class="tag">{t("flagged")}</span> : "") },
        ]}
      />
      <Pager next={attempts.next()} onMore={() => void attempts.more()} />
    </section>
  );
}
