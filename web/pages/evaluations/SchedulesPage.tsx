import { A } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { upcomingCycles } from "../../../schema/evaluations/periods";
import {
  DEFAULT_SETTINGS,
  DEFAULT_TEMPLATE,
  DEFAULT_WINDOWS,
  FREQUENCIES,
  type Frequency,
  PHASES,
  type PhaseWindows,
  type TemplateSection,
} from "../../../schema/evaluations/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime, formatDay } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";

interface Draft {
  id: string | null;
  name: string;
  frequency: Frequency;
  phases: PhaseWindows;
  template: TemplateSection[];
  settings: typeof DEFAULT_SETTINGS;
  active: boolean;
}
const fresh = (): Draft => ({
  id: null,
  name: "",
  frequency: "yearly",
  phases: structuredClone(DEFAULT_WINDOWS),
  template: structuredClone(DEFAULT_TEMPLATE),
  settings: { ...DEFAULT_SETTINGS },
  active: true,
});

/** The 优秀 quota as a choice of common shares (1/3 is the rule's default), or a percentage. */
const SHARES = [
  ["quota_third", 1 / 3],
  ["quota_quarter", 1 / 4],
  ["quota_fifth", 1 / 5],
] as const;
const shareOf = (q: number) => SHARES.find(([, v]) => Math.abs(v - q) < 1e-6)?.[0] ?? "quota_custom";

/** The committee's schedule editor with a preview of the next periods in the committee's time zone. */
export default function SchedulesPage() {
  const t = useT(messages);
  const errText = useErrText();
  const period = usePeriod();
  const [orgs] = createResource(() => call(api.orgs.$get()));
  const committees = () => (orgs()?.items ?? []).filter((o) => o.kind === "committee");
  const [orgId, setOrgId] = createSignal<string>("");
  const current = () => orgId() || committees()[0]?.id || "";
  const tz = () => (orgs()?.items ?? []).find((o) => o.id === current())?.timeZone ?? "Asia/Shanghai";
  const branches = () => {
    const c = (orgs()?.items ?? []).find((o) => o.id === current());
    return (orgs()?.items ?? []).filter((o) => o.kind === "branch" && c && o.path.startsWith(c.path));
  };
  const [list, { refetch }] = createResource(current, (id) =>
    id ? call(api.orgs[":id"]["eval-schedules"].$get({ param: { id } })) : Promise.resolve({ items: [] }),
  );
  const cycles = createPagedList((offset) =>
    current()
      ? call(
          api.orgs[":id"]["eval-cycles"].$get({
            param: { id: current() },
            query: { status: "open", limit: "20", offset: String(offset) },
          }),
        )
      : Promise.resolve({ items: [], nextOffset: null }),
  );
  createEffect(on(current, () => cycles.load()));
  const orgName = (id: string) => (orgs()?.items ?? []).find((o) => o.id === id)?.name ?? "";
  const [d, setD] = createStore<Draft>(fresh());
  const [branchId, setBranchId] = createSignal("");

  const preview = createMemo(() => {
    try {
      return upcomingCycles(Date.now(), d.frequency, unwrap(d.phases), tz(), 4).map((c) => ({
        label: c.period.label,
        w: c.windows,
      }));
    } catch {
      return [];
    }
  });
  const [customShare, setCustomShare] = createSignal(false);
  const share = () => (customShare() ? "quota_custom" : shareOf(d.settings.excellentQuota));
  const body = () => {
    const x = structuredClone(unwrap(d));
    return {
      name: x.name,
      frequency: x.frequency,
      phases: x.phases,
      template: x.template,
      settings: x.settings,
      active: x.active,
    };
  };
  const saving = createAction(() => t("decidedOk"), refetch);
  const save = async () => {
    if (d.id) await call(api["eval-schedules"][":id"].$patch({ param: { id: d.id }, json: body() }));
    else await call(api.orgs[":id"]["eval-schedules"].$post({ param: { id: current() }, json: body() }));
    setD(fresh());
    setCustomShare(false);
  };
  const opening = createAction(() => t("opened"), cycles.load);
  const openNow = (id: string) =>
    opening.run(() => call(api["eval-schedules"][":id"].open.$post({ param: { id }, json: { branchId: branchId() } })));

  return (
    <section class="page">
      <h1>{t("schedules")}</h1>
      <Show when={committees().length > 1}>
        <Field label={t("committee")}>
          <select onChange={(e) => setOrgId(e.currentTarget.value)}>
            <For each={committees()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </Field>
      </Show>
      <div class="cards">
        <For each={list()?.items}>
          {(s) => (
            <article class="card">
              <h2>{s.name}</h2>
              <p>
                <span class="tag">{t(`f_${s.frequency}` as MsgKey)}</span>{" "}
                <Show when={!s.active}>
                  <span class="tag">{t("closed")}</span>
                </Show>
              </p>
              <div class="row">
                <button
                  type="button"
                  onClick={() => {
                    setCustomShare(false);
                    setD({ ...structuredClone(s), id: s.id });
                  }}
                >
                  {t("edit")}
                </button>
              </div>
              <Field label={t("branchId")}>
                <select onChange={(e) => setBranchId(e.currentTarget.value)}>
                  <option value="">—</option>
                  <For each={branches()}>{(b) => <option value={b.id}>{b.name}</option>}</For>
                </select>
              </Field>
              <button type="button" disabled={!branchId() || opening.busy()} onClick={() => openNow(s.id)}>
                {t("openNow")}
              </button>
            </article>
          )}
        </For>
      </div>
      <Feedback error={opening.error()} notice={opening.notice()} text={errText} />
      <h2>{t("cycles")}</h2>
      <Feedback error={cycles.error()} text={errText} />
      <Show when={cycles.loaded() && cycles.items().length === 0}>
        <p class="muted">{t("noCycles")}</p>
      </Show>
      <ul class="eval-cycles">
        <For each={cycles.items()}>
          {(c) => (
            <li>
              <A href={`/evaluations/cycle/${c.id}`}>
                {orgName(c.branchId)} · {c.name} {period(c.label)}
              </A>{" "}
              <span class="muted small">{t("closesOn", { at: formatDateTime(c.closesAt) })}</span>
            </li>
          )}
        </For>
      </ul>
      <Pager next={cycles.next()} onMore={cycles.more} />
      <h2>{d.id ? d.name : t("newSchedule")}</h2>
      <ActionForm action={saving} submit={t("save")} text={errText} onSubmit={save}>
        <Field label={t("name")} name="name">
          <input value={d.name} onInput={(e) => setD("name", e.currentTarget.value)} required maxlength="100" />
        </Field>
        <Field label={t("frequency")}>
          <select value={d.frequency} onChange={(e) => setD("frequency", e.currentTarget.value as Frequency)}>
            <For each={FREQUENCIES}>{(f) => <option value={f}>{t(`f_${f}` as MsgKey)}</option>}</For>
          </select>
        </Field>
        <For each={PHASES}>
          {(p) => (
            <fieldset>
              <legend>
                <label>
                  <input
                    type="checkbox"
                    class="inline"
                    checked={!!d.phases[p]}
                    onChange={(e) =>
                      setD("phases", p, e.currentTarget.checked ? { ...DEFAULT_WINDOWS[p]! } : undefined)
                    }
                  />{" "}
                  {t(p)}
                </label>
              </legend>
              <Show when={d.phases[p]}>
                <div class="row">
                  <Field label={t("from")}>
                    <input
                      type="number"
                      min="0"
                      value={d.phases[p]!.from}
                      onInput={(e) => setD("phases", p, "from", Number(e.currentTarget.value))}
                    />
                  </Field>
                  <Field label={t("to")}>
                    <input
                      type="number"
                      min="1"
                      value={d.phases[p]!.to}
                      onInput={(e) => setD("phases", p, "to", Number(e.currentTarget.value))}
                    />
                  </Field>
                </div>
              </Show>
            </fieldset>
          )}
        </For>
        <h3>{t("preview")}</h3>
        <Show when={preview().length} fallback={<p class="muted">{t("previewNone")}</p>}>
          <ul class="preview">
            <For each={preview()}>
              {(p) => (
                <li>
                  <strong>{period(p.label)}</strong>
                  <ul class="plain">
                    <For each={PHASES.filter((x) => p.w[x])}>
                      {(x) => (
                        <li>
                          {t("previewWindow", {
                            phase: t(x),
                            from: formatDay(p.w[x]!.opensAt),
                            to: formatDay(p.w[x]!.closesAt - 1),
                          })}
                        </li>
                      )}
                    </For>
                  </ul>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <h3>{t("template")}</h3>
        <For each={d.template}>
          {(s, i) => (
            <fieldset>
              <legend>{s.title}</legend>
              <Field label={t("name")} name={`template.${i()}.title`}>
                <input value={s.title} onInput={(e) => setD("template", i(), "title", e.currentTarget.value)} />
              </Field>
              <Field label={t("guidance")}>
                <input value={s.guidance} onInput={(e) => setD("template", i(), "guidance", e.currentTarget.value)} />
              </Field>
              <div class="row">
                <Field label={t("minLen")}>
                  <input
                    type="number"
                    min="0"
                    value={s.minLength}
                    onInput={(e) => setD("template", i(), "minLength", Number(e.currentTarget.value))}
                  />
                </Field>
                <Field label={t("maxLen")}>
                  <input
                    type="number"
                    min="1"
                    value={s.maxLength}
                    onInput={(e) => setD("template", i(), "maxLength", Number(e.currentTarget.value))}
                  />
                </Field>
              </div>
            </fieldset>
          )}
        </For>
        <Field label={t("excellentQuota")}>
          <select
            aria-describedby="quota-rule"
            value={share()}
            onChange={(e) => {
              const choice = SHARES.find(([k]) => k === e.currentTarget.value);
              setCustomShare(!choice);
              if (choice) setD("settings", "excellentQuota", choice[1]);
            }}
          >
            <For each={[...SHARES.map(([k]) => k), "quota_custom" as const]}>
              {(k) => <option value={k}>{t(k)}</option>}
            </For>
          </select>
        </Field>
        <p class="muted small" id="quota-rule">
          {t("quotaRule")} {t("quotaExample", { n: Math.floor(30 * d.settings.excellentQuota + 1e-9) })}
        </p>
        <Show when={share() === "quota_custom"}>
          <Field label={t("quotaPercent")} name="settings.excellentQuota">
            <input
              type="number"
              min="0"
              max="100"
              step="1"
              value={Math.round(d.settings.excellentQuota * 1000) / 10}
              onInput={(e) => setD("settings", "excellentQuota", Number(e.currentTarget.value) / 100)}
            />
          </Field>
        </Show>
        <label>
          <input
            type="checkbox"
            class="inline"
            checked={d.settings.peerScope === "group"}
            onChange={(e) => setD("settings", "peerScope", e.currentTarget.checked ? "group" : "branch")}
          />{" "}
          {t("peerScope")}
        </label>
        <label>
          <input
            type="checkbox"
            class="inline"
            checked={d.active}
            onChange={(e) => setD("active", e.currentTarget.checked)}
          />{" "}
          {t("enabled")}
        </label>
      </ActionForm>
    </section>
  );
}
