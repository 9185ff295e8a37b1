import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useOrgLifeText } from "./text";

const loadTalks = (id: string) => call(api.orgs[":id"].orglife.talks.$get({ param: { id }, query: {} }));
type Talk = Awaited<ReturnType<typeof loadTalks>>["items"][number];

/** 谈心谈话: date, people and topic for whoever keeps the branch; what was said only for its own committee. */
export function Talks(props: { orgId: string; members: { userId: string; name: string }[] }) {
  const { t } = useOrgLifeText();
  const [talks, { refetch }] = createResource(() => props.orgId, loadTalks);
  const action = createAction(() => t("saved"), refetch);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].orglife.talks.$post({
        param: { id: props.orgId },
        json: {
          talkedOn: String(f.get("talkedOn") ?? ""),
          participants: f.getAll("participants").map(String),
          topic: String(f.get("topic") ?? ""),
          content: String(f.get("content") ?? ""),
        },
      }),
    );
    form.reset();
  };
  return (
    <section>
      <h2>{t("talks")}</h2>
      <Feedback error={talks.error} />
      <Show when={!talks.error && talks()}>
        {(list) => (
          <>
            <p class="muted">
              {t("talksCount", { n: list().items.length })}
              <Show when={!list().content}> · {t("contentHidden")}</Show>
            </p>
            <DataTable
              rows={list().items}
              empty={t("none")}
              columns={[
                { header: t("talkedOn"), cell: (r) => r.talkedOn },
                { header: t("participants"), cell: (r) => r.participants.map((p) => p.name).join("、") },
                { header: t("topic"), cell: (r) => r.topic },
                ...(list().content
                  ? [{ header: t("content"), cell: (r: Talk) => ("content" in r ? String(r.content) : "") }]
                  : []),
              ]}
            />
            <Show when={list().content}>
              <details class="card-details">
                <summary>{t("addTalk")}</summary>
                <ActionForm action={action} onSubmit={submit} submit={t("save")} novalidate>
                  <Field label={t("talkedOn")} name="talkedOn">
                    <input name="talkedOn" type="date" value={today()} required />
                  </Field>
                  <fieldset class="people-picker">
                    <legend>{t("participants")}</legend>
                    <For each={props.members}>
                      {(m) => (
                        <label class="check">
                          <input type="checkbox" name="participants" value={m.userId} /> {m.name}
                        </label>
                      )}
                    </For>
                  </fieldset>
                  <Field label={t("topic")} name="topic">
                    <input name="topic" required maxlength="200" />
                  </Field>
                  <Field label={t("content")} name="content">
                    <textarea name="content" rows="3" maxlength="5000" />
                  </Field>
                </ActionForm>
              </details>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
