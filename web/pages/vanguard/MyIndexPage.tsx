import { useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDay, formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { me } from "../../session";
import { Explanation, type ExplanationData } from "./Explanation";
import { vanguardMessages } from "./messages";

const year = () => new Date().getFullYear();

function Score(props: { score: number | null; status: string }) {
  const t = useT(vanguardMessages);
  return (
    <p class="index-score">
      <Show when={props.score !== null} fallback={<span class="muted">{t("insufficient_data")}</span>}>
        <strong>{formatScore(props.score)}</strong>
      </Show>
      <Show when={props.status === "vetoed"}>
        <span class="tag">{t("vetoed")}</span>
      </Show>
    </p>
  );
}

/** A member's own index (or, for their secretary or committee, /vanguard/member/:id). */
export default function MyIndexPage() {
  const t = useT(vanguardMessages);
  const params = useParams();
  const id = () => params.id ?? me()?.id ?? "";
  const [stored] = createResource(id, (m) => call(api.vanguard.members[":id"].scores.$get({ param: { id: m } })));
  const [preview] = createResource(id, (m) =>
    call(
      api.vanguard.members[":id"].preview.$get({
        param: { id: m },
        query: { from: `${year()}-01-01`, to: `${year()}-12-31` },
      }),
    ),
  );
  return (
    <section class="page">
      <h1>{params.id ? (stored()?.member.displayName ?? t("score")) : t("title")}</h1>
      <Feedback error={preview.error} />
      <Show when={preview()}>
        {(p) => (
          <section aria-labelledby="preview-h">
            <h2 id="preview-h">{t("preview")}</h2>
            <p class="muted">{t("model", { name: p().model.name, v: p().model.version })}</p>
            <Score score={p().score} status={p().status} />
            <h3>{t("why")}</h3>
            <Explanation e={p().explanation as ExplanationData} />
          </section>
        )}
      </Show>
      <h2>{t("stored")}</h2>
      <Show when={stored()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <For each={stored()?.items}>
          {(s) => (
            <details class="stored-score">
              <summary>
                {t("period", { from: formatDay(s.periodStart), to: formatDay(s.periodEnd - 1) })} ·{" "}
                {s.score === null ? t("insufficient_data") : formatScore(s.score)}
              </summary>
              <p class="muted">{t("modelVersion", { v: s.modelVersion })}</p>
              <Explanation e={s.explanation as unknown as ExplanationData} />
            </details>
          )}
        </For>
      </Show>
    </section>
  );
}
