import { createResource, createSignal, For, Show } from "solid-js";
import { PRACTICE_PLACES } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { askText } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";
import { TalentTabs } from "./TalentTabs";

/** A post's applications, read when the card is opened; the committee accepts or declines each with a reason. */
function Applications(props: { postId: string; done: () => unknown }) {
  const t = useT(talentMessages);
  const [detail, { refetch }] = createResource(
    () => props.postId,
    (id) => call(api.talent.posts[":id"].$get({ param: { id } })),
  );
  const { run, error } = createAction(
    () => t("saved"),
    () => {
      refetch();
      props.done();
    },
  );
  const decide = async (id: string, name: string, decision: "accept" | "decline") => {
    const reason = await askText(t(decision === "accept" ? "acceptAsk" : "declineAsk", { name }), t("decisionReason"));
    if (!reason) return;
    await run(() =>
      call(api.talent.applications[":id"].decision.$post({ param: { id }, json: { decision, on: today(), reason } })),
    );
  };
  return (
    <Show when={detail.state === "ready" && detail()}>
      {(d) => (
        <>
          <Feedback error={error()} />
          <Show when={d().applications.length} fallback={<p class="muted">{t("none")}</p>}>
            <ul class="plain">
              <For each={d().applications}>
                {(a) => (
                  <li>
                    <strong>{a.memberName}</strong>{" "}
                    <span class={a.status === "accepted" ? "tag ok" : "tag"}>{t(a.status)}</span>
                    <div>{a.motivation}</div>
                    <Show
                      when={a.status === "applied"}
                      fallback={<div class="muted">{`${a.decidedOn ?? ""} · ${a.reason ?? ""}`}</div>}
                    >
                      <div class="row">
                        <button type="button" class="primary" onClick={() => decide(a.id, a.memberName, "accept")}>
                          {t("accept")}
                        </button>
                        <button type="button" onClick={() => decide(a.id, a.memberName, "decline")}>
                          {t("decline")}
                        </button>
                      </div>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </>
      )}
    </Show>
  );
}

export default function PostsPage() {
  const t = useT(talentMessages);
  const [orgId, setOrgId] = createSignal("");
  // The open card stays open when the list reloads after a decision.
  const [openId, setOpenId] = createSignal("");
  const [posts, { refetch }] = createResource(
    () => orgId() || null,
    (id) => call(api.orgs[":id"].talent.posts.$get({ param: { id } })),
  );
  const publishing = createAction(() => t("published"), refetch);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.orgs[":id"].talent.posts.$post({
        param: { id: orgId() },
        json: {
          title: String(f.get("title")),
          place: String(f.get("place")) as (typeof PRACTICE_PLACES)[number],
          host: String(f.get("host")),
          duties: String(f.get("duties")),
          startsOn: String(f.get("startsOn")),
          endsOn: String(f.get("endsOn")),
        },
      }),
    );
    form.reset();
  };
  return (
    <section class="page">
      <h1>{t("posts")}</h1>
      <TalentTabs />
      <div class="field">
        <OrgPicker roles={["admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Show when={posts.state === "ready" && posts()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="posts">
          <For each={posts()?.items}>
            {(p) => (
              <li class="card">
                <details
                  open={openId() === p.id}
                  onToggle={(e) => {
                    if (e.currentTarget.open) setOpenId(p.id);
                    else if (openId() === p.id) setOpenId("");
                  }}
                >
                  <summary>
                    <strong>{p.title}</strong> <span class="tag">{t("appliedCount", { n: String(p.applied) })}</span>
                  </summary>
                  <div class="muted">{`${p.startsOn} – ${p.endsOn} · ${p.host} · ${t(p.place)} · ${p.orgName}`}</div>
                  <Applications postId={p.id} done={refetch} />
                </details>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h2>{t("publish")}</h2>
      <ActionForm action={publishing} onSubmit={submit} submit={t("publish")} novalidate>
        <Field label={t("termTitle")} name="title">
          <input id="post-title" name="title" maxlength="200" required />
        </Field>
        <Field label={t("place")} name="place">
          <select id="post-place" name="place">
            <For each={PRACTICE_PLACES}>{(p) => <option value={p}>{t(p)}</option>}</For>
          </select>
        </Field>
        <Field label={t("host")} name="host">
          <input id="post-host" name="host" maxlength="200" required />
        </Field>
        <Field label={t("duties")} name="duties">
          <textarea id="post-duties" name="duties" rows="2" maxlength="2000" required />
        </Field>
        <div class="row">
          <Field label={t("startsOn")} name="startsOn">
            <input id="post-starts" name="startsOn" type="date" min={today()} required />
          </Field>
          <Field label={t("endsOn")} name="endsOn">
            <input id="post-ends" name="endsOn" type="date" required />
          </Field>
        </div>
      </ActionForm>
    </section>
  );
}
