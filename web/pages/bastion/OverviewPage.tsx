import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { BANDS, type Band, SECTOR_OF } from "../../../schema/bastion/values";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDay, formatScore } from "../../components/format";
import { useLedOrgs } from "../../components/orgOptions";
import { createPagedList, Pager } from "../../components/Pager";
import { locale } from "../../i18n";
import { hasRole } from "../../session";
import { useBastionText } from "./text";

type Item = Awaited<ReturnType<typeof loadPage>>["items"][number];
const loadPage = (id: string, start: number, end: number, band: Band, offset: number) =>
  call(
    api.orgs[":id"].bastion.$get({
      param: { id },
      query: { start: String(start), end: String(end), band, offset: String(offset), limit: "50" },
    }),
  );
const y = new Date().getFullYear();

/** The committee's branches by band and lagging status, by name inside each band: no leaderboard. */
export default function OverviewPage() {
  const { t, band, sector } = useBastionText();
  const orgs = useLedOrgs(["committee", "branch"]);
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && orgs()?.[0]) setOrgId(orgs()?.[0]?.id ?? "");
  });
  const [periods, { refetch: refetchPeriods }] = createResource(
    () => orgId() || null,
    (id) => call(api.orgs[":id"].bastion.periods.$get({ param: { id } })).then((r) => r.items),
  );
  const [picked, setPicked] = createSignal("");
  createEffect(() => {
    const first = periods()?.[0];
    if (first && !periods()?.some((p) => `${p.periodStart}-${p.periodEnd}` === picked()))
      setPicked(`${first.periodStart}-${first.periodEnd}`);
  });
  const period = () => {
    const [s, e] = picked().split("-").map(Number);
    return s && e ? { start: s, end: e } : null;
  };
  const [chosen, setChosen] = createSignal<Band | null>(null);
  const [counts, { refetch: refetchCounts }] = createResource(
    () => (orgId() && period() ? { id: orgId(), ...period()! } : null),
    (k) =>
      call(
        api.orgs[":id"].bastion.$get({
          param: { id: k.id },
          query: { start: String(k.start), end: String(k.end), limit: "1" },
        }),
      ),
  );
  // The band shown: the one picked, else lagging when there is any (the branches to act on), else the first with branches.
  const shown = () => chosen() ?? BANDS.find((b) => (counts()?.bands[b] ?? 0) > 0) ?? "lagging";
  const list = createPagedList<Item>((offset) => loadPage(orgId(), period()!.start, period()!.end, shown(), offset));
  createEffect(() => {
    if (orgId() && period() && counts()) list.load();
  });
  const [from, setFrom] = createSignal(`${y}-01-01`);
  const [to, setTo] = createSignal(`${y}-12-31`);
  const scoring = createAction(
    () => (queued() ? t("queued", { n: queued() }) : t("scoredNow")),
    async () => {
      await refetchPeriods();
      await refetchCounts();
    },
  );
  const [queued, setQueued] = createSignal(0);
  const scoreNow = () =>
    scoring.run(async () => {
      const p = period();
      const json = p ? { start: p.start, end: p.end } : { from: from(), to: to() };
      const r = await call(api.orgs[":id"].bastion.score.$post({ param: { id: orgId() }, json }));
      setQueued(r.queued);
    });
  const sum = (i: Item, group: string) =>
    (i.explanation?.lines ?? []).filter((l) => l.group === group).reduce((s, l) => s + l.contribution, 0);
  const laggingItems = (i: Item) =>
    (i.explanation?.lines ?? [])
      .filter((l) => l.group === "lagging" && l.status === "ok" && (l.value ?? 0) > 0)
      .map((l) => (l.label as Record<string, string>)[locale()])
      .join("、");
  const href = (i: Item) => `/bastion/branch/${i.orgId}?start=${period()?.start}&end=${period()?.end}`;
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <p class="muted">{t("intro")}</p>
      <div class="row">
        <Field label={t("org")}>
          <select id="bastion-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
            <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </Field>
        <Show
          when={periods()?.length}
          fallback={
            <>
              <Field label={t("from")}>
                <input id="bastion-from" type="date" value={from()} onChange={(e) => setFrom(e.currentTarget.value)} />
              </Field>
              <Field label={t("to")}>
                <input id="bastion-to" type="date" value={to()} onChange={(e) => setTo(e.currentTarget.value)} />
              </Field>
            </>
          }
        >
          <Field label={t("period")}>
            <select id="bastion-period" value={picked()} onChange={(e) => setPicked(e.currentTarget.value)}>
              <For each={periods()}>
                {(p) => (
                  <option value={`${p.periodStart}-${p.periodEnd}`}>
                    {`${p.label ? `${p.label} · ` : ""}${formatDay(p.periodStart)} – ${formatDay(p.periodEnd - 1)}`}
                  </option>
                )}
              </For>
            </select>
          </Field>
        </Show>
      </div>
      <Show when={hasRole("admin")}>
        <div class="row">
          <button type="button" onClick={scoreNow} disabled={scoring.busy()}>
            {t("scoreNow")}
          </button>
        </div>
      </Show>
      <Feedback error={scoring.error() ?? periods.error ?? counts.error ?? list.error()} notice={scoring.notice()} />
      <Show when={periods() && !periods()?.length}>
        <p class="muted">{t("noPeriods")}</p>
      </Show>
      <Show when={counts()}>
        {(c) => (
          <>
            <fieldset class="bands">
              <legend class="sr-only">{t("bands")}</legend>
              <For each={BANDS}>
                {(b) => (
                  <button
                    type="button"
                    aria-pressed={shown() === b}
                    classList={{ lagging: b === "lagging" }}
                    onClick={() => {
                      setChosen(b);
                      list.load();
                    }}
                  >
                    {band(b)} <strong>{c().bands[b]}</strong>
                  </button>
                )}
              </For>
            </fieldset>
            <h2>{band(shown())}</h2>
            <Show when={list.items().length} fallback={<p class="muted">{t("emptyBand")}</p>}>
              <ul class="cards bastion-list">
                <For each={list.items()}>
                  {(i) => (
                    <li class="card">
                      <div>
                        <A href={href(i)}>{i.name}</A>
                        <div class="muted">{sector(SECTOR_OF[i.orgType])}</div>
                      </div>
                      <div class="bastion-figures">
                        <Show when={i.band !== "unscored"} fallback={<span class="muted">{band("unscored")}</span>}>
                          <Show when={i.status === "lagging"}>
                            <span class="tag">{t("lagging")}</span>
                            <div class="muted">{t("laggingBecause", { items: laggingItems(i) })}</div>
                          </Show>
                          <Show when={i.status !== "lagging"}>
                            <strong>{i.score === null ? t("insufficient") : formatScore(i.score)}</strong>
                            <div class="muted">
                              {t("common", { v: formatScore(sum(i, "common")) })} ·{" "}
                              {t("sector", { v: formatScore(sum(i, "sector")) })}
                            </div>
                          </Show>
                          <Show when={i.explanation?.lines.filter((l) => l.status === "missing").length}>
                            {(n) => <div class="muted">{t("missingItems", { n: n() })}</div>}
                          </Show>
                          <A href={href(i)}>{t("explain")}</A>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Pager next={list.next()} onMore={list.more} />
          </>
        )}
      </Show>
    </section>
  );
}
