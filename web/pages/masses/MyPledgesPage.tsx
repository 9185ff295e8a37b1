import { createResource, For, Show } from "solid-js";
import { MAX_PLEDGES } from "../../../schema/masses/values";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { PledgeCard } from "./PledgeCard";
import { pledgeMessages } from "./pledgeMessages";

/** A member's own pledges of the year: propose one, and record what was done on each (践诺). */
export default function MyPledgesPage() {
  const t = useT(pledgeMessages);
  const year = new Date().getFullYear();
  const [mine, { refetch }] = createResource(() => call(api.my.pledges.$get({ query: { year: String(year) } })));
  const propose = createAction(() => t("proposed"), refetch);
  const full = (e: unknown) =>
    e instanceof ApiFailure && e.code === "quota_exceeded" ? t("e_full", { max: MAX_PLEDGES }) : failureText(e);
  return (
    <section class="page">
      <h1>
        {t("myTitle")} · {year}
      </h1>
      <p class="muted">{t("myIntro", { max: MAX_PLEDGES })}</p>
      <Feedback error={mine.error} />
      <Show when={mine()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards">
          <For each={mine()?.items}>
            {(p) => (
              <PledgeCard pledge={p} who={p.orgName}>
                <Show when={p.status === "approved"}>
                  <Progress id={p.id} onSaved={refetch} />
                </Show>
              </PledgeCard>
            )}
          </For>
        </ul>
      </Show>
      <Show when={mine()?.branches.length}>
        <h2>{t("propose")}</h2>
        <ActionForm
          action={propose}
          submit={t("proposeSubmit")}
          text={full}
          onSubmit={async (f, form) => {
            await call(
              api.my.pledges.$post({
                json: { orgId: String(f.get("orgId")), year, text: String(f.get("text")) },
              }),
            );
            form.reset();
          }}
        >
          <Show
            when={(mine()?.branches.length ?? 0) > 1}
            fallback={<input type="hidden" name="orgId" value={mine()?.branches[0]?.id} />}
          >
            <Field label={t("branch")} name="orgId">
              <select name="orgId">
                <For each={mine()?.branches}>{(b) => <option value={b.id}>{b.name}</option>}</For>
              </select>
            </Field>
          </Show>
          <Field label={t("pledge")} name="text">
            <textarea name="text" rows="2" maxlength="200" required />
          </Field>
        </ActionForm>
      </Show>
    </section>
  );
}

function Progress(props: { id: string; onSaved: () => unknown }) {
  const t = useT(pledgeMessages);
  const save = createAction(() => t("progressSaved"), props.onSaved);
  return (
    <details class="no-print">
      <summary>{t("recordProgress")}</summary>
      <ActionForm
        action={save}
        submit={t("progressSubmit")}
        onSubmit={async (f, form) => {
          await call(
            api.pledges[":id"].progress.$post({ param: { id: props.id }, json: { note: String(f.get("note")) } }),
          );
          form.reset();
        }}
      >
        <Field label={t("progressNote")} name="note">
          <textarea name="note" rows="2" maxlength="500" required />
        </Field>
      </ActionForm>
    </details>
  );
}
