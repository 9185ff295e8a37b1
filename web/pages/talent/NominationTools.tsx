import { createSignal, For, Show } from "solid-js";
import { NOMINATION_SOURCES, RESERVE_TRACKS } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { talentMessages } from "./messages";
import { nominationMessages } from "./nominationMessages";

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** 拉网式 beyond the members: a non-member of standing, and one-time links for the masses. */
export function NominationTools(props: { orgId: string; done: () => unknown }) {
  const t = useT(nominationMessages);
  const tt = useT(talentMessages);
  const [links, setLinks] = createSignal<{ n: number; token: string }[]>([]);
  const nominating = createAction(() => t("nomineeSaved"), props.done);
  const issuing = createAction(() => t("issued", { n: links().length }));
  const nominate = async (f: FormData, form: HTMLFormElement) => {
    const contact = String(f.get("contact") ?? "").trim();
    await call(
      api.orgs[":id"].talent.nominees.$post({
        param: { id: props.orgId },
        json: {
          name: String(f.get("name")),
          standing: String(f.get("standing")),
          track: String(f.get("track")) as (typeof RESERVE_TRACKS)[number],
          source: String(f.get("source")) as (typeof NOMINATION_SOURCES)[number],
          reason: String(f.get("reason")),
          on: String(f.get("on")),
          ...(contact ? { contact } : {}),
        },
      }),
    );
    form.reset();
  };
  const issue = async (f: FormData) => {
    const out = await call(
      api.orgs[":id"].talent.links.$post({
        param: { id: props.orgId },
        json: { count: Number(f.get("count")), closesOn: String(f.get("closesOn")) },
      }),
    );
    setLinks(out.items);
  };
  const url = (token: string) => `${location.origin}/nominate/${token}`;
  return (
    <>
      <h2>{t("nonMember")}</h2>
      <ActionForm action={nominating} onSubmit={nominate} submit={t("submitNonMember")} novalidate>
        <Field label={t("name")} name="name">
          <input id="nm-name" name="name" maxlength="100" required />
        </Field>
        <Field label={t("standing")} name="standing">
          <input id="nm-standing" name="standing" maxlength="200" required />
        </Field>
        <Field label={t("contact")} name="contact">
          <input id="nm-contact" name="contact" maxlength="100" />
        </Field>
        <div class="row">
          <Field label={tt("track")} name="track">
            <select id="nm-track" name="track">
              <For each={RESERVE_TRACKS}>{(k) => <option value={k}>{tt(k)}</option>}</For>
            </select>
          </Field>
          <Field label={tt("source")} name="source">
            <select id="nm-source" name="source">
              <For each={NOMINATION_SOURCES}>{(k) => <option value={k}>{tt(k)}</option>}</For>
            </select>
          </Field>
        </div>
        <Field label={tt("on")} name="on">
          <input id="nm-on" name="on" type="date" max={today()} value={today()} required />
        </Field>
        <Field label={tt("reason")} name="reason">
          <textarea id="nm-reason" name="reason" rows="3" maxlength="1000" required />
        </Field>
      </ActionForm>
      <Show when={hasRole("secretary") || hasRole("admin")}>
        <h2>{t("links")}</h2>
        <p class="muted">{t("linksHelp")}</p>
        <ActionForm action={issuing} onSubmit={issue} submit={t("issue")} novalidate>
          <div class="row">
            <Field label={t("count")} name="count">
              <input id="links-count" name="count" type="number" min="1" max="200" value="10" required />
            </Field>
            <Field label={t("closesOn")} name="closesOn">
              <input id="links-closes" name="closesOn" type="date" min={today()} value={inDays(30)} required />
            </Field>
          </div>
        </ActionForm>
        <ol id="nomination-links" style={{ "overflow-wrap": "anywhere" }}>
          <For each={links()}>
            {(l) => (
              <li>
                <a href={url(l.token)}>{url(l.token)}</a>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </>
  );
}
