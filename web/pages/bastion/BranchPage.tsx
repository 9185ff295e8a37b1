import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatScore, today } from "../../components/format";
import { locale } from "../../i18n";
import { hasRole } from "../../session";
import { Explanation, type ExplanationData } from "../vanguard/Explanation";
import { useBastionText } from "./text";

/** One branch's index of a period, explained to its records; the committee records its assessments here. */
export default function BranchPage() {
  const { t, band, sector, group, reason, describe } = useBastionText();
  const params = useParams();
  const [search] = useSearchParams();
  const key = () => ({ id: params.id ?? "", start: String(search.start ?? ""), end: String(search.end ?? "") });
  const [data, { refetch }] = createResource(key, (k) =>
    call(api.orgs[":id"].bastion.score.$get({ param: { id: k.id }, query: { start: k.start, end: k.end } })),
  );
  const [itemKey, setItemKey] = createSignal("");
  const item = () => data()?.hand.find((h) => h.key === itemKey()) ?? data()?.hand[0];
  const record = createAction(() => t("recorded"), refetch);
  const label = (k: string) => {
    const found = data()?.hand.find((h) => h.key === k) ?? data()?.explanation.lines.find((l) => l.key === k);
    return found ? (found.label as Record<string, string>)[locale()] : k;
  };
  return (
    <section class="page">
      {/* A refused or broken link still says which page it is. */}
      <Show when={data.error}>
        <h1>{t("title")}</h1>
      </Show>
      <Feedback error={data.error} />
      <Show when={data.state === "ready" && data()}>
        {(d) => (
          <>
            <h1>{d().org.name}</h1>
            <p class="muted">
              {sector(d().sector)} · {t("version", { v: d().modelVersion })}
            </p>
            <p class="index-score">
              <Show when={d().status !== "lagging"} fallback={<span class="tag">{t("lagging")}</span>}>
                <strong>{d().score === null ? t("insufficient") : formatScore(d().score)}</strong>
              </Show>{" "}
              <span class="muted">{band(d().band)}</span>
            </p>
            <h2>{t("why")}</h2>
            <Explanation
              e={{ ...(d().explanation as ExplanationData) }}
              partLabel={(l) => group(d().groups[l.key])}
              reasonText={reason}
              describe={describe}
            />
            <Show when={hasRole("admin")}>
              <h2>{t("hand")}</h2>
              <p class="muted">{t("handIntro")}</p>
              <ActionForm
                action={record}
                submit={t("record")}
                onSubmit={async (f, form) => {
                  const chosen = item();
                  await call(
                    api.orgs[":id"].bastion.items.$post({
                      param: { id: d().org.id },
                      json: {
                        itemKey: chosen?.key ?? "",
                        points: chosen?.lagging ? 0 : Number(f.get("points")),
                        reason: String(f.get("reason") ?? ""),
                        evidence: String(f.get("evidence") ?? ""),
                        occurredOn: String(f.get("occurredOn") ?? ""),
                      },
                    }),
                  );
                  await call(
                    api.orgs[":id"].bastion.score.$post({
                      param: { id: d().org.id },
                      json: { start: Number(key().start), end: Number(key().end) },
                    }),
                  );
                  form.reset();
                  (form.elements.namedItem("occurredOn") as HTMLInputElement).value = today();
                }}
              >
                <Field label={t("item")} name="itemKey">
                  <select id="hand-item" value={item()?.key} onChange={(e) => setItemKey(e.currentTarget.value)}>
                    <For each={d().hand}>
                      {(h) => (
                        <option value={h.key}>
                          {(h.label as Record<string, string>)[locale()]}
                          {h.lagging ? ` · ${t("g_lagging")}` : ""}
                        </option>
                      )}
                    </For>
                  </select>
                </Field>
                <Show when={!item()?.lagging}>
                  <Field label={t("pointsMax", { max: item()?.max ?? 0 })} name="points">
                    <input id="hand-points" name="points" type="number" min="0" max={item()?.max} step="0.5" required />
                  </Field>
                </Show>
                <Field label={t("occurredOn")} name="occurredOn">
                  <input id="hand-date" name="occurredOn" type="date" value={today()} required />
                </Field>
                <Field label={t("reason")} name="reason">
                  <input id="hand-reason" name="reason" maxLength={500} required />
                </Field>
                <Field label={t("evidence")} name="evidence">
                  <textarea id="hand-evidence" name="evidence" maxLength={1000} rows={2} required />
                </Field>
              </ActionForm>
            </Show>
            <h2>{t("history")}</h2>
            <Show when={d().items.length} fallback={<p class="muted">{t("noItems")}</p>}>
              <ul class="cards">
                <For each={d().items}>
                  {(i) => (
                    <li class="card">
                      <span>
                        {label(i.itemKey)} · {i.occurredOn}
                        <div class="muted">
                          {i.reason} · {i.evidence}
                        </div>
                      </span>
                      <strong>{formatScore(i.points)}</strong>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
