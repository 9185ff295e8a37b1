import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { orgsWithRole } from "../../session";
import { AddMemberForm } from "./AddMemberForm";
import { ImportForm } from "./ImportForm";
import { MemberPanel } from "./MemberPanel";
import { rosterMessages } from "./messages";

type Member = Awaited<ReturnType<typeof fetchPage>>["items"][number];
const fetchPage = (id: string, q: string, offset: number, inactive: boolean) =>
  call(
    api.orgs[":id"].members.$get({
      param: { id },
      query: { q: q || undefined, offset: String(offset), limit: "50", inactive: inactive ? "1" : undefined },
    }),
  );

export default function RosterPage() {
  const t = useT(rosterMessages);
  const ts = useT(shellMessages);
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
  const [items, setItems] = createSignal<Member[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const selectedOrg = () => manageable().find((o) => o.id === orgId());

  createEffect(() => {
    if (!orgId() && manageable()[0]) setOrgId(manageable()[0]?.id ?? "");
  });

  const {
    run: act,
    error,
    notice,
    setError,
  } = createAction(
    () => t("done"),
    () => load(0),
  );
  const load = async (offset: number) => {
    if (!orgId()) return;
    setError(null);
    try {
      const page = await fetchPage(orgId(), query(), offset, inactive());
      setItems(offset === 0 ? page.items : [...items(), ...page.items]);
      setNext(page.nextOffset);
    } catch (err) {
      setError(err);
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on([orgId, query, inactive], () => {
      clearTimeout(timer);
      timer = setTimeout(() => load(0), 200);
    }),
  );

  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <div class="row">
        <div>
          <Field label={t("org")}>
            <select id="roster-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
              <For each={manageable()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
            </select>
          </Field>
        </div>
        <div>
          <Field label={t("search")}>
            <input id="roster-q" type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
          </Field>
        </div>
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
      <Feedback error={error()} notice={notice()} />
      <Show when={open()}>
        {(id) => (
          <MemberPanel userId={id()} orgs={manageable()} onClose={() => setOpen(null)} onChanged={() => load(0)} />
        )}
      </Show>
      <div class="table-wrap" style={{ "margin-top": "0.75rem" }}>
        <table>
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("username")}</th>
              <th>{t("phone")}</th>
              <th>{t("branch")}</th>
              <th>{t("joined")}</th>
              <th>{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={items()}
              fallback={
                <tr>
                  <td colSpan={6} class="muted">
                    {t("empty")}
                  </td>
                </tr>
              }
            >
              {(m) => (
                <tr>
                  <td>
                    <button type="button" class="link" onClick={() => setOpen(m.id)}>
                      {m.displayName}
                    </button>
                    <Show when={!m.active}>
                      {" "}
                      <span class="tag">{t("inactive")}</span>
                    </Show>
                  </td>
                  <td>{m.username}</td>
                  <td>{m.phone ?? "—"}</td>
                  <td>{m.orgName}</td>
                  <td>{m.joinedPartyOn ?? "—"}</td>
                  <td>
                    <select
                      aria-label={`${t("transfer")} ${m.displayName}`}
                      onChange={(e) => {
                        const toOrgId = e.currentTarget.value;
                        e.currentTarget.value = "";
                        if (toOrgId)
                          act(() => call(api.users[":id"].transfer.$post({ param: { id: m.id }, json: { toOrgId } })));
                      }}
                    >
                      <option value="">{t("transfer")}…</option>
                      <For each={branches().filter((b) => b.id !== m.orgId)}>
                        {(b) => <option value={b.id}>{b.name}</option>}
                      </For>
                    </select>
                    <Show when={m.active}>
                      <button
                        type="button"
                        onClick={() => {
                          if (confirm(t("confirmDeactivate", { name: m.displayName }))) {
                            act(() => call(api.users[":id"].deactivate.$post({ param: { id: m.id } })));
                          }
                        }}
                      >
                        {t("deactivate")}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={next() !== null}>
        <button type="button" onClick={() => load(next() ?? 0)}>
          {ts("more")}
        </button>
      </Show>
      <Show when={selectedOrg()}>
        {(org) => (
          <div class="cards" style={{ "margin-top": "1rem" }}>
            <Show when={org().kind === "branch" || org().kind === "group"}>
              <AddMemberForm orgId={org().id} onAdded={() => load(0)} />
            </Show>
            <ImportForm orgId={org().id} onImported={() => load(0)} />
          </div>
        )}
      </Show>
    </section>
  );
}
