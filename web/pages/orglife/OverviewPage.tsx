import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { Chart } from "../../components/Chart";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { OrgPicker } from "../../components/OrgPicker";
import { createKeysetList, Pager } from "../../components/Pager";
import { SheetDownloads } from "../../components/SheetDownloads";
import { RhythmForm } from "./RhythmForm";
import { useOrgLifeText } from "./text";

const loadPage = (id: string, after: string | null) =>
  call(api.orgs[":id"].orglife.behind.$get({ param: { id }, query: { limit: "50", ...(after ? { after } : {}) } }));

/** The rhythm in force here and the source of each line; a committee saves a new version and adds kinds. */
function RhythmPanel(props: { orgId: string }) {
  const { t, kindName, rhythm } = useOrgLifeText();
  const [data, { refetch }] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].orglife.kinds.$get({ param: { id } })),
  );
  const action = createAction(() => t("saved"), refetch);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].orglife.kinds.$post({ param: { id: props.orgId }, json: { name: String(f.get("name") ?? "") } }),
    );
    form.reset();
  };
  return (
    <details class="card-details">
      <summary>
        {t("rhythm")} ·{" "}
        {data()?.current.version
          ? t("version", { v: data()!.current.version, year: data()!.current.fromYear ?? "" })
          : t("builtIn")}
      </summary>
      <ul class="cards">
        <For each={data()?.kinds}>
          {(k) => (
            <li class="card">
              <strong>{kindName(k)}</strong>
              <span>{rhythm(data()!.current.values[k.id] ?? { period: "year", min: 0 })}</span>
              <span class="muted">{data()!.current.sources[k.id] ?? ""}</span>
            </li>
          )}
        </For>
      </ul>
      <Show when={data()}>
        {(d) => (
          <RhythmForm
            orgId={props.orgId}
            current={{ year: d().year, kinds: d().kinds, values: d().current.values, sources: d().current.sources }}
            onDone={refetch}
          />
        )}
      </Show>
      <ActionForm action={action} onSubmit={submit} submit={t("addKind")} primary={false} novalidate>
        <Field label={t("kindName")} name="name">
          <input name="name" required maxlength="40" />
        </Field>
      </ActionForm>
    </details>
  );
}

/** The committee's subtree: branches that missed an ended period of the rhythm this year, by kind. */
export default function OverviewPage() {
  const { t, kindName } = useOrgLifeText();
  const [search] = useSearchParams();
  const [orgId, setOrgId] = createSignal(typeof search.org === "string" ? search.org : "");
  // The subtree's totals are one read per committee chosen; the list reads a page at a time.
  const [counts] = createResource(
    () => orgId() || null,
    (id) => call(api.orgs[":id"].orglife.behind.summary.$get({ param: { id }, query: {} })),
  );
  const list = createKeysetList((after) => loadPage(orgId(), after));
  createEffect(() => {
    if (orgId()) list.load();
  });
  return (
    <section class="page">
      <h1>{t("overview")}</h1>
      <div class="row">
        <div>
          <OrgPicker roles={["admin"]} value={orgId()} onChange={setOrgId} />
        </div>
        <Show when={orgId()}>
          <SheetDownloads href={`/api/orgs/${orgId()}/orglife/behind/export`} csvLabel={t("exportCsv")} />
        </Show>
      </div>
      <Show when={orgId()}>
        <RhythmPanel orgId={orgId()} />
      </Show>
      <h2>{t("standingTitle")}</h2>
      <Show when={counts.state === "ready" && counts()}>
        {(c) => (
          <p class="muted">
            {c().year} · {t("branchesCount", { all: c().branches, n: c().behind })}
          </p>
        )}
      </Show>
      <Show when={counts.state === "ready" && counts()?.kinds.length ? counts() : null}>
        {(c) => (
          <Chart
            title={t("rhythmChart", { y: c().year })}
            kind="bar"
            testId="rhythm-chart"
            category={t("kinds")}
            data={{
              labels: c().kinds.map((k) => kindName(k)),
              series: [
                { name: t("periodsMet"), values: c().kinds.map((k) => k.met) },
                { name: t("periodsMissed"), values: c().kinds.map((k) => k.missed) },
              ],
            }}
          />
        )}
      </Show>
      <Feedback error={list.error()} />
      <DataTable
        rows={list.loaded() ? list.items() : undefined}
        empty={t("none")}
        columns={[
          { header: t("branch"), cell: (b) => <A href={`/orglife?org=${b.branchId}`}>{b.name}</A> },
          { header: t("periodsShort"), cell: (b) => String(b.periods), classList: (b) => ({ warn: b.periods > 0 }) },
          {
            header: t("kinds"),
            cell: (b) =>
              b.periods ? b.behind.map((k) => `${kindName(k)} ${k.periods}/${k.held}`).join("；") : t("onTrack"),
          },
        ]}
      />
      <Pager next={list.next()} onMore={list.more} />
    </section>
  );
}
