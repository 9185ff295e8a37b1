import { A } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import { api, call } from "../../api";
import { confirmAction } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { createKeysetList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { orgsWithRole } from "../../session";
import { AddMemberForm } from "./AddMemberForm";
import { ImportForm } from "./ImportForm";
import { MemberPanel } from "./MemberPanel";
import { rosterMessages } from "./messages";
import { TransfersPanel } from "./TransfersPanel";

type Member = Awaited<ReturnType<typeof fetchPage>>["items"][number];
const fetchPage = (id: string, q: string, after: string | null, inactive: boolean) =>
  call(
    api.orgs[":id"].members.$get({
      param: { id },
      query: { q: q || undefined, after: after ?? undefined, limit: "50", inactive: inactive ? "1" : undefined },
    }),
  );

export default function RosterPage() {
  const t = useT(rosterMessages);
  const [orgs] = createResource(async () => (await call(api.orgs.$get())).items);
  // The orgs this user manages: those under an org where they are secretary or admin.
  const manageable = createMemo(() => {
    const all = orgs() ?? [];
    const rootIds = new Set(orgsWithRole("secretary", "admin").map((m) => m.orgId));
    const roots = all.filter((o) => rootIds.has(o.id)).map((o) => o.path);
    return all.filter((o) => o.kind !== "school" && roots.some((p) => o.path.startsWith(p)));
  });
  const branches = () => manageable().filter((o) => o.kind === "branch" || o.kind === "group");
  const [orgId, setOrgId] = createSignal("");
  const [query, setQuery] = createSignal("");
  const [inactive, setInactive] = createSignal(false);
  const [total, setTotal] = createSignal<number | null>(null);
  const list = createKeysetList(async (after) => {
    const page = await fetchPage(orgId(), query(), after, inactive());
    setTotal(page.total);
    return page;
  });
  const [open, setOpen] = createSignal<string | null>(null);
  // Bumped by the member panel's changes: a letter sent there shows in the transfers list.
  const [changes, setChanges] = createSignal(0);
  const selectedOrg = () => manageable().find((o) => o.id === orgId());

  createEffect(() => {
    if (!orgId() && manageable()[0]) setOrgId(manageable()[0]?.id ?? "");
  });

  const load = () => orgId() && list.load();
  const { run: act, error, notice } = createAction(() => t("done"), load);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on([orgId, query, inactive], () => {
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    }),
  );

  const MemberActions = (p: { member: Member }) => (
    <>
      <select
        aria-label={`${t("transfer")} ${p.member.displayName}`}
        onChange={(e) => {
          const toOrgId = e.currentTarget.value;
          e.currentTarget.value = "";
          if (toOrgId)
            act(() => call(api.users[":id"].transfer.$post({ param: { id: p.member.id }, json: { toOrgId } })));
        }}
      >
        <option value="">{t("transfer")}…</option>
        <For each={branches().filter((b) => b.id !== p.member.orgId)}>
          {(b) => <option value={b.id}>{b.name}</option>}
        </For>
      </select>
      <Show when={p.member.active}>
        <button
          type="button"
          onClick={async () => {
            if (await confirmAction(t("confirmDeactivate", { name: p.member.displayName }))) {
              act(() => call(api.users[":id"].deactivate.$post({ param: { id: p.member.id } })));
            }
          }}
        >
          {t("deactivate")}
        </button>
      </Show>
    </>
  );

  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <div class="row">
        <Field label={t("org")}>
          <select id="roster-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
            <For each={manageable()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </Field>
        <Field label={t("search")}>
          <input id="roster-q" type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        </Field>
      </div>
      <label>
        <input
          type="checkbox"
          style={{ width: "auto", "min-height": "auto" }}
          checked={inactive()}
          onChange={(e) => setInactive(e.currentTarget.checked)}
        />{" "}
        {t("showInactive")}
      </label>
      <Feedback error={error() ?? list.error()} notice={notice()} />
      <Show when={total() !== null}>
        <p class="muted">{t("total", { n: total() ?? 0 })}</p>
      </Show>
      <Show when={open()}>
        {(id) => (
          <MemberPanel
            userId={id()}
            orgs={manageable()}
            onClose={() => setOpen(null)}
            onChanged={() => {
              setChanges((n) => n + 1);
              return load();
            }}
          />
        )}
      </Show>
      <Show when={orgId()}>{(id) => <TransfersPanel orgId={id()} changes={changes()} onChanged={load} />}</Show>
      <DataTable
        empty={t("empty")}
        rows={list.items()}
        columns={[
          {
            header: t("name"),
            cell: (m) => (
              <>
                {/* Someone in the pipeline is not a member: their page is the development record. */}
                <Show
                  when={m.caseId}
                  fallback={
                    <button type="button" class="link" onClick={() => setOpen(m.id)}>
                      {m.displayName}
                    </button>
                  }
                >
                  <A href={`/development/case/${m.caseId}`}>{m.displayName}</A>
                </Show>
                <Show when={m.status !== "member"}>
                  {" "}
                  <span class="tag">{t(`st_${m.status}` as "st_member")}</span>
                </Show>
                <Show when={!m.active}>
                  {" "}
                  <span class="tag">{t("inactive")}</span>
                </Show>
              </>
            ),
          },
          { header: t("username"), cell: (m) => m.username },
          { header: t("phone"), cell: (m) => m.phone ?? "—" },
          { header: t("branch"), cell: (m) => m.orgName },
          { header: t("joined"), cell: (m) => m.joinedPartyOn ?? "—" },
          {
            header: t("actions"),
            cell: (m) =>
              m.caseId ? <A href={`/development/case/${m.caseId}`}>{t("devRecord")}</A> : <MemberActions member={m} />,
          },
        ]}
      />
      <Pager next={list.next()} onMore={list.more} />
      <Show when={selectedOrg()}>
        {(org) => (
          <div class="cards" style={{ "margin-top": "1rem" }}>
            <Show when={org().kind === "branch" || org().kind === "group"}>
              <AddMemberForm orgId={org().id} onAdded={load} />
            </Show>
            <ImportForm orgId={org().id} onImported={load} />
          </div>
        )}
      </Show>
    </section>
  );
}
