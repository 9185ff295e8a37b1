import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";

type Windows = Partial<Record<"analysis" | "appraisal" | "decision", { opensAt: number; closesAt: number }>>;

/** What is open for me and when it closes. */
export function PhaseLines(props: { windows: Windows }) {
  const t = useT(messages);
  const now = Date.now();
  return (
    <ul class="phases">
      <For each={(["analysis", "appraisal", "decision"] as const).filter((p) => props.windows[p])}>
        {(p) => {
          // Read through props so an extended window shows without remounting the list.
          const w = () => props.windows[p]!;
          return (
            <li classList={{ now: now >= w().opensAt && now < w().closesAt }}>
              {now < w().opensAt
                ? t("opensAt", { phase: t(p), at: formatDateTime(w().opensAt) })
                : t("closesAt", { phase: t(p), at: formatDateTime(w().closesAt) })}
            </li>
          );
        }}
      </For>
    </ul>
  );
}

const isOpen = (w: Windows, p: keyof Windows) => {
  const x = w[p];
  return !!x && Date.now() >= x.opensAt && Date.now() < x.closesAt;
};

export default function MyEvaluationsPage() {
  const t = useT(messages);
  const errText = useErrText();
  const period = usePeriod();
  const [data] = createResource(() => call(api.my.evaluations.$get()));
  return (
    <section class="page">
      <h1>{t("myTitle")}</h1>
      <Show when={data.error}>
        <p class="error">{errText(data.error)}</p>
      </Show>
      <Show when={data() && data()!.items.length === 0}>
        <p class="muted">{t("none")}</p>
      </Show>
      <div class="cards">
        <For each={data()?.items}>
          {(c) => (
            <article class="card">
              <h2>
                {c.name} · {period(c.label)}
              </h2>
              <p>
                <span class="tag">{c.status === "open" ? t("open") : t("closed")}</span>{" "}
                <span class="tag">{t(`st_${c.analysis ?? "none"}` as MsgKey)}</span>
                <Show when={c.selfAppraised}>
                  {" "}
                  <span class="tag">{t("selfDone")}</span>
                </Show>
                <Show when={c.peerVotes > 0}>
                  {" "}
                  <span class="tag">{t("peerVotes", { n: c.peerVotes })}</span>
                </Show>
              </p>
              <Show when={c.status === "open"}>
                <PhaseLines windows={c.windows} />
              </Show>
              <div class="row">
                <Show when={c.status === "open" && (isOpen(c.windows, "analysis") || c.reopenedUntil)}>
                  <A class="button primary" href={`/evaluations/cycle/${c.id}/analysis`}>
                    {t("write")}
                  </A>
                </Show>
                <Show when={c.status === "open" && isOpen(c.windows, "appraisal")}>
                  <A class="button primary" href={`/evaluations/cycle/${c.id}/appraisal`}>
                    {t("rate")}
                  </A>
                </Show>
                <Show when={c.status === "closed" || hasRole("secretary", "admin")}>
                  <A class="button" href={`/evaluations/cycle/${c.id}`}>
                    {c.status === "closed" ? t("result") : t("dashboard")}
                  </A>
                </Show>
              </div>
            </article>
          )}
        </For>
      </div>
    </section>
  );
}
