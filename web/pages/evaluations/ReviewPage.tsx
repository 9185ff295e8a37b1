import { useParams } from "@solidjs/router";
import { diffChars } from "diff";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { askText, confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";

/** The secretary reviews a self-analysis: any two versions side by side as a diff, then accept or return. */
export default function ReviewPage() {
  const t = useT(messages);
  const errText = useErrText();
  const period = usePeriod();
  const params = useParams();
  const param = () => ({ id: params.id! });
  const [data, { refetch }] = createResource(() => call(api["eval-analyses"][":id"].$get({ param: param() })));
  const [from, setFrom] = createSignal<number | null>(null);
  const versions = () => data()?.versions ?? [];
  const latest = () => versions()[versions().length - 1];
  const base = () => {
    const n = from() ?? (latest()?.version ?? 1) - 1;
    return versions().find((v) => v.version === n);
  };
  const diffs = createMemo(() =>
    (data()?.template ?? []).map((s) => ({
      title: s.title,
      parts: diffChars(base()?.content[s.key] ?? "", latest()?.content[s.key] ?? ""),
    })),
  );
  const review = createAction(() => "", refetch);
  const accept = async () => {
    if (await confirmAction(t("acceptConfirm", { name: data()?.memberName ?? "" }), t("accept")))
      await review.run(() => call(api["eval-analyses"][":id"].accept.$post({ param: param(), json: {} })));
  };
  const giveBack = async () => {
    const comment = await askText(t("returnConfirm", { name: data()?.memberName ?? "" }), t("returnComment"));
    if (comment)
      await review.run(() => call(api["eval-analyses"][":id"].return.$post({ param: param(), json: { comment } })));
  };
  return (
    <section class="page">
      <Show when={data.error}>
        <p class="error">{errText(data.error)}</p>
      </Show>
      <Show when={data()}>
        {(d) => (
          <>
            <h1>
              {d().memberName} · {t("analysis")} · {d().cycle.name} {period(d().cycle.label)}
            </h1>
            <p>
              <span class="tag">{t(`st_${d().status}` as MsgKey)}</span>
            </p>
            <h2>{t("versions")}</h2>
            <ul>
              <For each={versions()}>
                {(v) => (
                  <li>
                    {t("version", { n: v.version })} · {formatDateTime(v.submittedAt)}
                    {v.outcome ? ` · ${t(v.outcome === "accepted" ? "st_accepted" : "st_returned")}` : ""}
                    {v.comment ? ` · ${v.comment}` : ""}
                  </li>
                )}
              </For>
            </ul>
            <Show when={versions().length > 1}>
              <label for="base">{t("compare")}</label>
              <select id="base" onChange={(e) => setFrom(Number(e.currentTarget.value))}>
                <For each={versions().slice(0, -1).reverse()}>
                  {(v) => (
                    <option value={v.version}>
                      {t("version", { n: v.version })} → {t("version", { n: latest()!.version })}
                    </option>
                  )}
                </For>
              </select>
            </Show>
            <For each={diffs()}>
              {(s) => (
                <div class="section">
                  <h3>{s.title}</h3>
                  <p class="diff">
                    <For each={s.parts}>
                      {(p) =>
                        p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>
                      }
                    </For>
                  </p>
                </div>
              )}
            </For>
            <Show when={d().status === "submitted"}>
              <div class="row">
                <button type="button" class="primary" disabled={review.busy()} onClick={accept}>
                  {t("accept")}
                </button>
                <button type="button" disabled={review.busy()} onClick={giveBack}>
                  {t("ret")}
                </button>
              </div>
            </Show>
            <Feedback error={review.error()} text={errText} />
          </>
        )}
      </Show>
    </section>
  );
}
