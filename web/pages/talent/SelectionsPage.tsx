import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { talentMessages } from "./messages";
import { TalentTabs } from "./TalentTabs";

export default function SelectionsPage() {
  const t = useT(talentMessages);
  const [orgId, setOrgId] = createSignal("");
  const [items, { refetch }] = createResource(
    () => orgId() || undefined,
    (id) => call(api.orgs[":id"].talent.selections.$get({ param: { id } })),
  );
  const opening = createAction(() => t("saved"), refetch);
  const open = async (f: FormData) => {
    await call(api.orgs[":id"].talent.selections.$post({ param: { id: orgId() }, json: { on: String(f.get("on")) } }));
  };
  return (
    <section class="page">
      <h1>{t("selections")}</h1>
      <TalentTabs />
      <div class="field">
        <OrgPicker roles={["secretary", "admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Show when={items()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="selections">
          <For each={items()?.items}>
            {(s) => (
              <li class="card">
                <A href={`/talent/selections/${s.id}`}>{s.orgName}</A>
                <div class="muted">
                  {t("opened", { date: s.openedOn })} ·{" "}
                  {s.decidedOn ? t("decided", { date: s.decidedOn }) : t("undecided")}
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={hasRole("admin")}>
        <h2>{t("openSelection")}</h2>
        <ActionForm action={opening} onSubmit={open} submit={t("openSelection")} novalidate>
          <Field label={t("on")} name="on">
            <input id="selection-on" name="on" type="date" max={today()} value={today()} required />
          </Field>
        </ActionForm>
      </Show>
    </section>
  );
}
