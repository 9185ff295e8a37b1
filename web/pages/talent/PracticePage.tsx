import { createResource, For, Show } from "solid-js";
import type { TERM_GRADES } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";

/** A member's side of 实践锻炼: apply to an open post, then keep a dated record of the work done. */
export default function PracticePage() {
  const t = useT(talentMessages);
  const [posts, { refetch: reloadPosts }] = createResource(() => call(api.talent.posts.$get()));
  const [terms, { refetch: reloadTerms }] = createResource(() => call(api.talent.my.terms.$get()));
  return (
    <section class="page">
      <h1>{t("myPractice")}</h1>
      <h2>{t("openPosts")}</h2>
      <Show when={posts.state === "ready" && posts()?.items.length} fallback={<p class="muted">{t("noPosts")}</p>}>
        <ul class="cards" id="open-posts">
          <For each={posts()?.items}>
            {(p) => {
              const applying = createAction(() => t("applyDone"), reloadPosts);
              const submit = async (f: FormData) => {
                await call(
                  api.talent.posts[":id"].applications.$post({
                    param: { id: p.id },
                    json: { motivation: String(f.get("motivation")) },
                  }),
                );
              };
              return (
                <li class="card">
                  <strong>{p.title}</strong>
                  <div class="muted">{`${p.startsOn} – ${p.endsOn} · ${p.host} · ${t(p.place)} · ${p.orgName}`}</div>
                  <div>{p.duties}</div>
                  <Show
                    when={p.application}
                    fallback={
                      <Show when={p.startsOn > today()}>
                        <ActionForm action={applying} onSubmit={submit} submit={t("applyTo")} novalidate>
                          <Field label={t("motivation")} name="motivation">
                            <textarea name="motivation" rows="2" maxlength="1000" required />
                          </Field>
                        </ActionForm>
                      </Show>
                    }
                  >
                    {(a) => (
                      <div>
                        <span class={a().status === "accepted" ? "tag ok" : "tag"}>{t(a().status)}</span>{" "}
                        {a().reason ?? ""}
                      </div>
                    )}
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <h2>{t("myTerms")}</h2>
      <Show when={terms.state === "ready" && terms()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="my-terms">
          <For each={terms()?.items}>
            {(term) => {
              const recording = createAction(() => t("entrySaved"), reloadTerms);
              const submit = async (f: FormData, form: HTMLFormElement) => {
                await call(
                  api.talent.terms[":id"].entries.$post({
                    param: { id: term.id },
                    json: { on: String(f.get("on")), work: String(f.get("work")) },
                  }),
                );
                form.reset();
              };
              return (
                <li class="card">
                  <strong>{`${t(term.kind)} · ${term.title}`}</strong>
                  <div class="muted">{`${term.startsOn} – ${term.endsOn} · ${term.host}`}</div>
                  <Show when={term.entries.length} fallback={<p class="muted">{t("noEntries")}</p>}>
                    <ul class="plain">
                      <For each={term.entries}>{(e) => <li>{`${e.on} · ${e.work}`}</li>}</For>
                    </ul>
                  </Show>
                  <Show
                    when={term.closedOn}
                    fallback={
                      <Show when={term.startsOn <= today()}>
                        <ActionForm action={recording} onSubmit={submit} submit={t("addEntry")} novalidate>
                          <Field label={t("on")} name="on">
                            <input name="on" type="date" min={term.startsOn} max={today()} value={today()} required />
                          </Field>
                          <Field label={t("entryWork")} name="work">
                            <textarea name="work" rows="2" maxlength="2000" required />
                          </Field>
                        </ActionForm>
                      </Show>
                    }
                  >
                    <div>
                      <span class="tag ok">{t((term.grade ?? "competent") as (typeof TERM_GRADES)[number])}</span>{" "}
                      {term.assessment}
                    </div>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
