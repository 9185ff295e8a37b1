import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { ORG_KINDS, ORG_TYPES, type OrgKind, type OrgType, parentKindOf } from "../../../schema/orgs/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { AuditList } from "./AuditList";
import { orgMessages } from "./messages";
import { DEFAULT_TIME_ZONE, zoneLabel, zonesWith } from "./timeZones";
import { UnitsBelow } from "./UnitsBelow";

type Org = Awaited<ReturnType<typeof loadOrgs>>[number];
const loadOrgs = async () => (await call(api.orgs.$get())).items;

function ZoneSelect(props: { id: string; name?: string; value: string }) {
  return (
    <select id={props.id} name={props.name ?? "timeZone"} value={props.value}>
      <For each={zonesWith(props.value)}>{(z) => <option value={z}>{zoneLabel(z)}</option>}</For>
    </select>
  );
}

export default function OrgsPage() {
  const t = useT(orgMessages);
  const [orgs, { refetch }] = createResource(loadOrgs);
  const [selected, setSelected] = createSignal<string | null>(null);
  const canAdmin = () => hasRole("admin");
  const [unitsOpen, setUnitsOpen] = createSignal(false);
  // Children in name order, as a reader of Chinese sorts them (pinyin), in every language of the UI.
  const collator = new Intl.Collator("zh-CN");
  const children = createMemo(() => {
    const map = new Map<string | null, Org[]>();
    const ids = new Set((orgs() ?? []).map((o) => o.id));
    for (const o of orgs() ?? []) {
      const key = o.parentId && ids.has(o.parentId) ? o.parentId : null;
      map.set(key, [...(map.get(key) ?? []), o]);
    }
    for (const list of map.values()) list.sort((a, b) => collator.compare(a.name, b.name));
    return map;
  });
  const current = () => orgs()?.find((o) => o.id === selected());

  const action = createAction(() => t("done"), refetch);

  const Node = (props: { org: Org }) => (
    <li>
      <button
        type="button"
        class="link"
        aria-pressed={selected() === props.org.id}
        onClick={() => setSelected(props.org.id)}
      >
        {props.org.name}
      </button>{" "}
      <span class="tag">{t(`kind_${props.org.kind}`)}</span> <span class="muted">{t(`type_${props.org.orgType}`)}</span>{" "}
      <span class="muted">{t("memberCount", { n: props.org.subtreeMembers })}</span>
      <Show when={children().get(props.org.id)}>
        <ul class="tree">
          <For each={children().get(props.org.id)}>{(c) => <Node org={c} />}</For>
        </ul>
      </Show>
    </li>
  );

  return (
    <section class="page">
      <h1>{t("title")}</h1>
      {/* A province above separately deployed units: their yearly figures, read only when opened. */}
      <Show when={canAdmin()}>
        <details id="units-below" onToggle={(e) => setUnitsOpen(e.currentTarget.open)}>
          <summary>{t("unitsBelow")}</summary>
          <Show when={unitsOpen()}>
            <UnitsBelow />
          </Show>
        </details>
      </Show>
      <ul class="tree" style={{ "padding-left": 0 }}>
        <For each={children().get(null)}>{(o) => <Node org={o} />}</For>
      </ul>
      <Feedback error={action.error()} notice={action.notice()} />
      {/* Keyed: each selected org gets fresh forms, so no field keeps another org's value. */}
      <Show when={canAdmin() && current()} keyed>
        {(o) => {
          const org = () => o;
          // Only what may stand here (the Worker refuses the rest): a group under a branch, any other under a
          // committee; a group or a school holds nothing, so it offers no new child at all.
          const childKinds = ORG_KINDS.filter((k) => parentKindOf(k) === o.kind);
          return (
            <div class="card" style={{ display: "block" }}>
              <h2>{org().name}</h2>
              <Show when={childKinds.length > 0}>
                <ActionForm
                  action={action}
                  submit={t("create")}
                  feedback={false}
                  onSubmit={async (f, form) => {
                    await call(
                      api.orgs.$post({
                        json: {
                          parentId: org().id,
                          name: String(f.get("name")),
                          kind: f.get("kind") as OrgKind,
                          orgType: f.get("orgType") as OrgType,
                          timeZone: String(f.get("timeZone")),
                        },
                      }),
                    );
                    form.reset();
                  }}
                >
                  <h3>{t("addChild")}</h3>
                  <Field label={t("name")} name="name">
                    <input id="org-name" name="name" value="" autocomplete="off" required />
                  </Field>
                  <div class="row">
                    <Field label={t("kind")} name="kind">
                      <select
                        id="org-kind"
                        name="kind"
                        value={childKinds.includes("branch") ? "branch" : childKinds[0]}
                      >
                        <For each={childKinds}>{(k) => <option value={k}>{t(`kind_${k}`)}</option>}</For>
                      </select>
                    </Field>
                    <Field label={t("type")} name="orgType">
                      <select id="org-type" name="orgType">
                        <For each={ORG_TYPES}>{(k) => <option value={k}>{t(`type_${k}`)}</option>}</For>
                      </select>
                    </Field>
                  </div>
                  <Field label={t("timeZone")} name="timeZone">
                    <ZoneSelect id="org-tz" value={org().timeZone ?? DEFAULT_TIME_ZONE} />
                  </Field>
                </ActionForm>
              </Show>
              <ActionForm
                action={action}
                submit={t("saveOrg")}
                primary={false}
                feedback={false}
                onSubmit={(f) =>
                  call(
                    api.orgs[":id"].$patch({
                      param: { id: org().id },
                      json: { name: String(f.get("rename")), timeZone: String(f.get("ownTimeZone")) },
                    }),
                  )
                }
              >
                <h3>{t("editOrg")}</h3>
                <Field label={t("name")} name="rename">
                  <input id="org-rename" name="rename" value={org().name} required />
                </Field>
                <Field label={t("timeZone")} name="timeZone">
                  <ZoneSelect id="org-own-tz" name="ownTimeZone" value={org().timeZone} />
                </Field>
              </ActionForm>
              <Show when={org().parentId}>
                <ActionForm
                  action={action}
                  submit={t("moveHere")}
                  primary={false}
                  feedback={false}
                  onSubmit={(f) =>
                    call(
                      api.orgs[":id"].move.$post({
                        param: { id: org().id },
                        json: { parentId: String(f.get("parentId")) },
                      }),
                    )
                  }
                >
                  <Field label={t("move")} name="parentId">
                    <select id="org-move" name="parentId" value={org().parentId ?? ""}>
                      <For
                        each={(orgs() ?? []).filter(
                          (o) => o.kind === parentKindOf(org().kind) && !o.path.startsWith(org().path),
                        )}
                      >
                        {(o) => <option value={o.id}>{o.name}</option>}
                      </For>
                    </select>
                  </Field>
                </ActionForm>
                <button
                  type="button"
                  onClick={async () => {
                    if (await confirmAction(t("confirmArchive", { name: org().name }))) {
                      action.run(() => call(api.orgs[":id"].archive.$post({ param: { id: org().id } })));
                    }
                  }}
                >
                  {t("archive")}
                </button>
              </Show>
              <AuditList orgId={org().id} />
            </div>
          );
        }}
      </Show>
    </section>
  );
}
