import { createSignal, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { rosterMessages } from "./messages";

export function AddMemberForm(props: { orgId: string; onAdded: () => void }) {
  const t = useT(rosterMessages);
  const [error, setError] = createSignal<unknown>(null);
  const [ok, setOk] = createSignal(false);
  const optional = (v: FormDataEntryValue | null) => (v && String(v).trim() ? String(v).trim() : null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    setError(null);
    setOk(false);
    try {
      await call(
        api.orgs[":id"].members.$post({
          param: { id: props.orgId },
          json: {
            username: String(f.get("username")),
            displayName: String(f.get("displayName")),
            phone: optional(f.get("phone")),
            gender: optional(f.get("gender")) as "male" | "female" | null,
            joinedPartyOn: optional(f.get("joinedPartyOn")),
            password: optional(f.get("password")) ?? undefined,
          },
        }),
      );
      formEl.reset();
      setOk(true);
      props.onAdded();
    } catch (err) {
      setError(err);
    }
  };
  const FieldError = (p: { name: string }) => (
    <Show when={fieldText(error(), p.name)}>
      <p class="field-error">{fieldText(error(), p.name)}</p>
    </Show>
  );
  return (
    <form class="form card" style={{ display: "grid" }} onSubmit={submit} novalidate>
      <h2>{t("add")}</h2>
      <label for="m-username">{t("username")}</label>
      <input id="m-username" name="username" autocomplete="off" required />
      <FieldError name="username" />
      <label for="m-name">{t("name")}</label>
      <input id="m-name" name="displayName" required />
      <FieldError name="displayName" />
      <label for="m-phone">{t("phone")}</label>
      <input id="m-phone" name="phone" inputmode="tel" />
      <FieldError name="phone" />
      <label for="m-gender">{t("gender")}</label>
      <select id="m-gender" name="gender">
        <option value="">—</option>
        <option value="male">{t("male")}</option>
        <option value="female">{t("female")}</option>
      </select>
      <label for="m-joined">{t("joined")}</label>
      <input id="m-joined" name="joinedPartyOn" type="date" />
      <FieldError name="joinedPartyOn" />
      <label for="m-password">{t("initialPassword")}</label>
      <input id="m-password" name="password" type="password" autocomplete="new-password" />
      <FieldError name="password" />
      <Feedback error={error()} notice={ok() ? t("added") : undefined} />
      <button type="submit" class="primary">
        {t("addSubmit")}
      </button>
    </form>
  );
}
