import { A } from "@solidjs/router";
import { createEffect, createSignal, For, lazy, on, Show } from "solid-js";
import { MIN_K, RATING_TARGETS, type RatingItem, type RatingTarget } from "../../../schema/masses/values";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDay, formatNumber } from "../../components/format";
import { useLedOrgs } from "../../components/orgOptions";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { failureText, fieldText } from "../../i18n/errors";
import { massesMessages } from "./messages";
import type { SheetToken } from "./QrSheet";

const QrSheet = lazy(() => import("./QrSheet"));

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const MAX_TOKENS = 1000;

export default function RoundsPage() {
  const t = useT(massesMessages);
  const orgs = useLedOrgs(["branch", "group"]);
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && orgs()?.[0]) setOrgId(orgs()?.[0]?.id ?? "");
  });
  const rounds = createPagedList((offset) =>
    call(
      api.orgs[":id"]["rating-rounds"].$get({ param: { id: orgId() }, query: { limit: "20", offset: String(offset) } }),
    ),
  );
  createEffect(on(orgId, (id) => id && rounds.load()));
  const create = createAction(() => "", rounds.load);
  const [sheet, setSheet] = createSignal<{ title: string; tokens: SheetToken[]; items: RatingItem[] } | null>(null);
  const [target, setTarget] = createSignal<RatingTarget>("member");
  const submit = async (f: FormData) => {
    const r = await call(
      api.orgs[":id"]["rating-rounds"].$post({
        param: { id: orgId() },
        json: {
          title: String(f.get("title")),
          target: target(),
          tokensPerRatee: Number(f.get("tokensPerRatee")),
          closesOn: String(f.get("closesOn")),
          k: Number(f.get("k")),
          ...(target() === "pledge" ? { year: Number(f.get("year")) } : {}),
        },
      }),
    );
    setSheet({ title: r.round.title, tokens: r.tokens, items: r.round.items });
  };
  /** The refusals that name a rule, in words: what is wrong and what to do. */
  const err = (field: string) => {
    const e = create.error();
    const code = e instanceof ApiFailure ? e.field(field)?.code : undefined;
    if (field === "closesOn" && code === "past") return t("e_past");
    if (field === "tokensPerRatee" && code === "too_big") return t("e_too_many_codes", { max: MAX_TOKENS });
    if (field === "k" && code === "too_small") return t("e_k_small", { min: MIN_K });
    return fieldText(e, field);
  };
  const failure = (e: unknown) =>
    e instanceof ApiFailure && e.field("rateeIds")?.code === "too_small"
      ? t(target() === "pledge" ? "e_no_pledges" : "e_nobody")
      : undefined;
  return (
    <section class="page">
      <Show
        when={sheet()}
        fallback={
          <>
            <h1>{t("title")}</h1>
            <Show when={(orgs()?.length ?? 0) > 1}>
              <Field label={t("org")}>
                <select value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
                  <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
                </select>
              </Field>
            </Show>
            <h2>{t("create")}</h2>
            <ActionForm
              action={create}
              submit={t("submit")}
              novalidate
              text={(e) => failure(e) ?? failureText(e)}
              onSubmit={submit}
            >
              <Field label={t("roundTitle")} name="title">
                <input name="title" maxlength="100" required value={`${new Date().getFullYear()} 民评`} />
              </Field>
              <Field label={t("target")}>
                <select name="target" onChange={(e) => setTarget(e.currentTarget.value as RatingTarget)}>
                  <For each={RATING_TARGETS}>{(x) => <option value={x}>{t(`target_${x}`)}</option>}</For>
                </select>
              </Field>
              <Show when={target() === "pledge"}>
                <Field label={t("year")} error={err("year")}>
                  <input name="year" type="number" min="2000" max="2100" value={new Date().getFullYear()} />
                </Field>
              </Show>
              <div class="row">
                <Field label={t("tokensPerRatee")} error={err("tokensPerRatee")}>
                  <input name="tokensPerRatee" type="number" min="1" max="100" value="5" />
                </Field>
                <Field label={t("k", { min: MIN_K })} error={err("k")}>
                  <input name="k" type="number" min={MIN_K} max="50" value={MIN_K} />
                </Field>
              </div>
              <Field label={t("closesOn")} error={err("closesOn")}>
                <input name="closesOn" type="date" min={inDays(0)} value={inDays(30)} />
              </Field>
            </ActionForm>
            <h2>{t("rounds")}</h2>
            <Feedback error={rounds.error()} />
            <Show when={rounds.items().length} fallback={<p class="muted">{t("none")}</p>}>
              <ul class="cards">
                <For each={rounds.items()}>
                  {(r) => (
                    <li class="card">
                      <A href={`/masses/${r.id}`}>{r.title}</A>
                      <span class="muted">
                        {r.orgName} · {t(`target_${r.target}`)} · {t("closesOnDay", { at: formatDay(r.closesAt - 1) })}
                      </span>
                      <span class="tag">
                        {t("used", { used: formatNumber(r.used, 0), n: formatNumber(r.issued, 0) })}
                      </span>
                      <span class="tag">{r.closedAt || r.closesAt < Date.now() ? t("closed") : t("open")}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Pager next={rounds.next()} onMore={rounds.more} />
          </>
        }
      >
        {(s) => <QrSheet title={s().title} tokens={s().tokens} items={s().items} onDone={() => setSheet(null)} />}
      </Show>
    </section>
  );
}
