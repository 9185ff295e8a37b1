import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDay, formatScore } from "../../components/format";
import { useLedOrgs } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { Adjustments } from "./Adjustments";
import { Distribution } from "./Distribution";
import { vanguardMessages } from "./messages";

type Stored = Awaited<ReturnType<typeof loadStored>>;
type Preview = Awaited<ReturnType<typeof loadPreview>>;
/** By an exact stored period (as a closed evaluation cycle stored it), else by calendar days. */
const loadStored = (id: string, from: string, to: string, exact?: { start: number; end: number }) =>
  call(
    api.orgs[":id"].vanguard.$get({
      param: { id },
      query: exact ? { start: String(exact.start), end: String(exact.end) } : { from, to },
    }),
  );
/** YYYY-MM-DD of an instant in the platform's zone (Asia/Shanghai, UTC+8). */
const isoDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const loadPreview = (id: string, from: string, to: string) =>
  call(api.orgs[":id"].vanguard.preview.$get({ param: { id }, query: { from, to } }));

/** Secretary: the branch; committee: its subtree in counts per band (the branch index is /bastion). No ranking. */
export default function OrgIndexPage() {
  const t = useT(vanguardMessages);
  const orgs = useLedOrgs(["committee", "branch", "group"]);
  const y = new Date().getFullYear();
  // The org a notice links to (?org=) or the reader picked before (kept in the address), else their first.
  const [search, setSearch] = useSearchParams();
  const [orgId, setOrgId] = createSignal(typeof search.org === "string" ? search.org : "");
  createEffect(() => {
    const list = orgs();
    if (list && !list.some((o) => o.id === orgId())) setOrgId(list[0]?.id ?? "");
  });
  const [from, setFrom] = createSignal(`${y}-01-01`);
  const [to, setTo] = createSignal(`${y}-12-31`);
  // Periods with stored scores (closed evaluation cycles, or stored on demand); "" = the dates below.
  const [periods, { refetch: refetchPeriods }] = createResource(orgId, (id) =>
    id ? call(api.orgs[":id"].vanguard.periods.$get({ param: { id } })).then((r) => r.items) : Promise.resolve([]),
  );
  const [picked, setPicked] = createSignal("");
  const exact = () => {
    const p = periods()?.find((x) => `${x.periodStart}-${x.periodEnd}` === picked());
    return p ? { start: p.periodStart, end: p.periodEnd } : undefined;
  };
  const pick = (key: string) => {
    setPicked(key);
    const p = exact();
    if (p) {
      setFrom(isoDay(p.start));
      setTo(isoDay(p.end - 1));
    }
  };
  createEffect(() => {
    const first = periods()?.[0];
    if (first && !picked()) pick(`${first.periodStart}-${first.periodEnd}`);
  });
  const [stored, setStored] = createSignal<Stored | null>(null);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const view = createAction(() => "");
  const scoring = createAction(() => t("storedOk"), refetchPeriods);
  const show = () =>
    view.run(async () => {
      setPreview(null);
      setStored(await loadStored(orgId(), from(), to(), exact()));
    });
  const live = () =>
    view.run(async () => {
      setStored(null);
      setPreview(await loadPreview(orgId(), from(), to()));
    });
  const store = () =>
    scoring.run(async () => {
      await call(api.orgs[":id"].vanguard.score.$post({ param: { id: orgId() }, json: { from: from(), to: to() } }));
      setStored(await loadStored(orgId(), from(), to()));
    });
  const isBranch = () => orgs()?.find((o) => o.id === orgId())?.kind !== "committee";
  const members = () => preview()?.members ?? stored()?.members ?? [];
  return (
    <section class="page">
      <h1>{t("orgTitle")}</h1>
      <div class="row">
        <Field label={t("org")}>
          <select
            id="vi-org"
            value={orgId()}
            onChange={(e) => {
              setPicked("");
              setOrgId(e.currentTarget.value);
              setSearch({ org: e.currentTarget.value }, { replace: true });
            }}
          >
            {/* Options arrive after the address's org is set: each says whether it is the one. */}
            <For each={orgs()}>
              {(o) => (
                <option value={o.id} selected={o.id === orgId()}>
                  {o.name}
                </option>
              )}
            </For>
          </select>
        </Field>
        <Field label={t("storedPeriod")}>
          <select id="vi-period" value={picked()} onChange={(e) => pick(e.currentTarget.value)}>
            <option value="">{t("customPeriod")}</option>
            <For each={periods()}>
              {(p) => (
                <option value={`${p.periodStart}-${p.periodEnd}`}>
                  {p.label
                    ? t("periodOption", {
                        label: p.label,
                        from: formatDay(p.periodStart),
                        to: formatDay(p.periodEnd - 1),
                      })
                    : t("periodDates", { from: formatDay(p.periodStart), to: formatDay(p.periodEnd - 1) })}
                </option>
              )}
            </For>
          </select>
        </Field>
        <Field label={t("from")}>
          <input
            id="vi-from"
            type="date"
            value={from()}
            onChange={(e) => {
              setPicked("");
              setFrom(e.currentTarget.value);
            }}
          />
        </Field>
        <Field label={t("to")}>
          <input
            id="vi-to"
            type="date"
            value={to()}
            onChange={(e) => {
              setPicked("");
              setTo(e.currentTarget.value);
            }}
          />
        </Field>
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={show}>
          {t("show")}
        </button>
        <Show when={isBranch()}>
          <button type="button" onClick={live}>
            {t("previewBranch")}
          </button>
          <Show when={hasRole("admin")}>
            <button type="button" onClick={store}>
              {t("store")}
            </button>
          </Show>
        </Show>
      </div>
      <Feedback error={view.error() ?? scoring.error()} notice={scoring.notice()} />
      <Show
        when={
          preview()?.branch ??
          (stored()?.branch ? { ...stored()!.branch!, bands: stored()!.branch!.distribution } : null)
        }
      >
        {(b) => (
          <div class="card">
            <span class="muted">{t("members", { n: b().members, s: b().scored })}</span>
            <Distribution bands={b().bands} />
          </div>
        )}
      </Show>
      <Show when={stored()?.subtree}>
        {(s) => (
          <>
            <p class="muted">
              {t("bastionHint")} <A href="/bastion">{t("bastionLink")}</A>
            </p>
            <Distribution bands={s().distribution} />
            <h2>{t("branches")}</h2>
            <DataTable
              rows={s().branches}
              columns={[
                { header: t("org"), cell: (b) => b.name },
                { header: t("scoredMembers"), cell: (b) => t("members", { n: b.members, s: b.scored }) },
              ]}
            />
          </>
        )}
      </Show>
      <Show when={members().length}>
        <p class="muted">{t("noRanking")}</p>
        <ul class="cards">
          <For each={members()}>
            {(m) => (
              <li class="card">
                <A href={`/vanguard/member/${m.memberId}`}>{m.name}</A>
                <span>{m.score === null ? t("insufficient_data") : formatScore(m.score)}</span>
                <Show when={m.status === "vetoed"}>
                  <span class="tag">{t("vetoed")}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={orgId()}>
        <Adjustments orgId={orgId()} members={members().map((m) => ({ memberId: m.memberId, name: m.name }))} />
      </Show>
    </section>
  );
}
