import { A } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { cycleWindows, nextPeriods } from "../../../schema/evaluations/periods";
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
import { createAction, Feedback } from "../../components/Feedback";
import { formatDate, formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { type MsgKey, messages, useErrText } from "./messages";

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

/** The committee's schedule editor with a preview of the next periods in the committee's time zone. */
export default function SchedulesPage() {
  const t = useT(messages);
  const errText = useErrText();
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
  const [cycles, { refetch: refetchCycles }] = createResource(current, (id) =>
    id
      ? call(api.orgs[":id"]["eval-cycles"].$get({ param: { id }, query: { status: "open", limit: "200" } }))
      : Promise.resolve({ items: [], nextOffset: null }),
  );
  const orgName = (id: string) => (orgs()?.items ?? []).find((o) => o.id === id)?.name ?? "";
  const [d, setD] = createStore<Draft>(fresh());
  const [branchId, setBranchId] = createSignal("");

  const preview = createMemo(() => {
    try {
      return nextPeriods(Date.now(), d.frequency, tz(), 4).map((p) => ({
        label: p.label,
        w: cycleWindows(p, unwrap(d.phases), tz()).windows,
      }));
    } catch {
      return [];
    }
  });
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
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    return saving.run(async () => {
      if (d.id) await call(api["eval-schedules"][":id"].$patch({ param: { id: d.id }, json: body() }));
      else await call(api.orgs[":id"]["eval-schedules"].$post({ param: { id: current() }, json: body() }));
      setD(fresh());
    });
  };
  const opening = createAction(() => t("opened"), refetchCycles);
  const openNow = (id: string) =>
    opening.run(() => call(api["eval-schedules"][":id"].open.$post({ param: { id }, json: { branchId: branchId() } })));

  return (
    <section class="page">
      <h1>{t("schedules")}</h1>
      <Show when={committees().length > 1}>
        <label for="committee">{t("committee")}</label>
        <select id="committee" onChange={(e) => setOrgId(e.currentTarget.value)}>
          <For each={committees()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
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
                <button type="button" onClick={() => setD({ ...structuredClone(s), id: s.id })}>
                  {t("save")} / {t("review")}
                </button>
              </div>
              <label for={`b-${s.id}`}>{t("branchId")}</label>
              <div class="row">
                <select id={`b-${s.id}`} onChange={(e) => setBranchId(e.currentTarget.value)}>
                  <option value="">—</option>
                  <For each={branches()}>{(b) => <option value={b.id}>{b.name}</option>}</For>
                </select>
                <button type="button" disabled={!branchId()} onClick={() => openNow(s.id)}>
                  {t("openNow")}
                </button>
              </div>
            </article>
          )}
        </For>
      </div>
      <Feedback error={opening.error()} notice={opening.notice()} text={errText} />
      <h2>{t("cycles")}</h2>
      <Show when={cycles() && cycles()!.items.length === 0}>
        <p class="muted">{t("noCycles")}</p>
      </Show>
      <ul class="eval-cycles">
        <For each={cycles()?.items}>
          {(c) => (
            <li>
              <A href={`/evaluations/cycle/${c.id}`}>
                {orgName(c.branchId)} · {c.name} {c.label}
              </A>{" "}
              <span class="muted small">{formatDateTime(c.closesAt)}</span>
            </li>
          )}
        </For>
      </ul>
      <h2>{d.id ? d.name : t("newSchedule")}</h2>
      <form class="form" onSubmit={save}>
        <label for="s-name">{t("name")}</label>
        <input id="s-name" value={d.name} onInput={(e) => setD("name", e.currentTarget.value)} required />
        <label for="s-freq">{t("frequency")}</label>
        <select id="s-freq" value={d.frequency} onChange={(e) => setD("frequency", e.currentTarget.value as Frequency)}>
          <For each={FREQUENCIES}>{(f) => <option value={f}>{t(`f_${f}` as MsgKey)}</option>}</For>
        </select>
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
                  <label>
                    {t("from")}
                    <input
                      type="number"
                      min="0"
                      value={d.phases[p]!.from}
                      onInput={(e) => setD("phases", p, "from", Number(e.currentTarget.value))}
                    />
                  </label>
                  <label>
                    {t("to")}
                    <input
                      type="number"
                      min="1"
                      value={d.phases[p]!.to}
                      onInput={(e) => setD("phases", p, "to", Number(e.currentTarget.value))}
                    />
                  </label>
                </div>
              </Show>
            </fieldset>
          )}
        </For>
        <h3>{t("preview")}</h3>
        <ul class="preview">
          <For each={preview()}>
            {(p) => (
              <li>
                <strong>{p.label}</strong>
                <For each={PHASES.filter((x) => p.w[x])}>
                  {(x) => (
                    <span>
                      {" "}
                      · {t(x)} {formatDate(p.w[x]!.opensAt)}–{formatDate(p.w[x]!.closesAt - 1)}
                    </span>
                  )}
                </For>
              </li>
            )}
          </For>
        </ul>
        <h3>{t("template")}</h3>
        <For each={d.template}>
          {(s, i) => (
            <fieldset>
              <legend>{s.title}</legend>
              <label for={`t-${i()}`}>{t("name")}</label>
              <input
                id={`t-${i()}`}
                value={s.title}
                onInput={(e) => setD("template", i(), "title", e.currentTarget.value)}
              />
              <label for={`tg-${i()}`}>{t("guidance")}</label>
              <input
                id={`tg-${i()}`}
                value={s.guidance}
                onInput={(e) => setD("template", i(), "guidance", e.currentTarget.value)}
              />
              <div class="row">
                <label>
                  {t("minLen")}
                  <input
                    type="number"
                    min="0"
                    value={s.minLength}
                    onInput={(e) => setD("template", i(), "minLength", Number(e.currentTarget.value))}
                  />
                </label>
                <label>
                  {t("maxLen")}
                  <input
                    type="number"
                    min="1"
                    value={s.maxLength}
                    onInput={(e) => setD("template", i(), "maxLength", Number(e.currentTarget.value))}
                  />
                </label>
              </div>
            </fieldset>
          )}
        </For>
        <label for="s-quota">{t("excellentQuota")}</label>
        <input
          id="s-quota"
          type="number"
          step="0.01"
          min="0"
          max="1"
          value={Math.round(d.settings.excellentQuota * 1000) / 1000}
          onInput={(e) => setD("settings", "excellentQuota", Number(e.currentTarget.value))}
        />
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
        <Feedback error={saving.error()} notice={saving.notice()} text={errText} />
        <button type="submit" class="primary">
          {t("save")}
        </button>
      </form>
    </section>
  );
}
