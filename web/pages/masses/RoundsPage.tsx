import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, lazy, Show } from "solid-js";
import { MIN_K } from "../../../schema/masses/values";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDay } from "../../components/format";
import { useLedOrgs } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { massesMessages } from "./messages";
import type { SheetToken } from "./QrSheet";

const QrSheet = lazy(() => import("./QrSheet"));

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

export default function RoundsPage() {
  const t = useT(massesMessages);
  const orgs = useLedOrgs(["branch", "group"]);
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && orgs()?.[0]) setOrgId(orgs()?.[0]?.id ?? "");
  });
  const [rounds, { refetch }] = createResource(orgId, (id) =>
    call(api.orgs[":id"]["rating-rounds"].$get({ param: { id }, query: { limit: "50", offset: "0" } })),
  );
  const { run, error } = createAction(() => "", refetch);
  const [sheet, setSheet] = createSignal<{ title: string; tokens: SheetToken[] } | null>(null);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    return run(async () => {
      const r = await call(
        api.orgs[":id"]["rating-rounds"].$post({
          param: { id: orgId() },
          json: {
            title: String(f.get("title")),
            target: String(f.get("target")) as "member" | "branch",
            tokensPerRatee: Number(f.get("tokensPerRatee")),
            closesOn: String(f.get("closesOn")),
            k: Number(f.get("k")),
          },
        }),
      );
      setSheet({ title: r.round.title, tokens: r.tokens });
    });
  };
  const err = (f: string) => fieldText(error(), f);
  return (
    <section class="page">
      <Show
        when={sheet()}
        fallback={
          <>
            <h1>{t("title")}</h1>
            <Show when={(orgs()?.length ?? 0) > 1}>
              <label for="round-org">{t("org")}</label>
              <select id="round-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
                <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
              </select>
            </Show>
            <h2>{t("create")}</h2>
            <form class="form" onSubmit={submit} novalidate>
              <label for="title">{t("roundTitle")}</label>
              <input id="title" name="title" maxlength="100" required value={`${new Date().getFullYear()} 民评`} />
              <label for="target">{t("target")}</label>
              <select id="target" name="target">
                <option value="member">{t("target_member")}</option>
                <option value="branch">{t("target_branch")}</option>
              </select>
              <div class="row">
                <div>
                  <label for="tokensPerRatee">{t("tokensPerRatee")}</label>
                  <input id="tokensPerRatee" name="tokensPerRatee" type="number" min="1" max="100" value="5" />
                </div>
                <div>
                  <label for="k">{t("k", { min: MIN_K })}</label>
                  <input id="k" name="k" type="number" min={MIN_K} max="50" value={MIN_K} />
                </div>
              </div>
              <Show when={err("tokensPerRatee")}>
                <p class="field-error">{err("tokensPerRatee")}</p>
              </Show>
              <Show when={err("k")}>
                <p class="field-error">{err("k")}</p>
              </Show>
              <label for="closesOn">{t("closesOn")}</label>
              <input id="closesOn" name="closesOn" type="date" min={inDays(0)} value={inDays(30)} />
              <Show when={err("closesOn")}>
                <p class="field-error">{err("closesOn")}</p>
              </Show>
              <Feedback error={error()} />
              <button type="submit" class="primary">
                {t("submit")}
              </button>
            </form>
            <h2>{t("rounds")}</h2>
            <Show when={rounds()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
              <ul class="cards">
                <For each={rounds()?.items}>
                  {(r) => (
                    <li class="card">
                      <A href={`/masses/${r.id}`}>{r.title}</A>
                      <span class="muted">
                        {r.orgName} · {t(r.target === "member" ? "target_member" : "target_branch")} ·{" "}
                        {formatDay(r.closesAt - 1)}
                      </span>
                      <span class="tag">{t("used", { used: r.used, n: r.issued })}</span>
                      <span class="tag">{r.closedAt || r.closesAt < Date.now() ? t("closed") : t("open")}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        }
      >
        {(s) => <QrSheet title={s().title} tokens={s().tokens} onDone={() => setSheet(null)} />}
      </Show>
    </section>
  );
}
