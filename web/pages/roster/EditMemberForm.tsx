import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import type { Action } from "../../components/Feedback";
import { useT } from "../../i18n";
import { rosterMessages } from "./messages";
import { type Profile, ProfileFields, profileFrom } from "./ProfileFields";

/** Edits a member's profile; the outcome is shown by the panel that owns the action. */
export function EditMemberForm(props: { member: Profile & { id: string }; action: Action }) {
  const t = useT(rosterMessages);
  const save = (f: FormData) =>
    call(
      api.users[":id"].$patch({
        param: { id: props.member.id },
        json: profileFrom(f),
      }),
    );
  return (
    <ActionForm action={props.action} onSubmit={save} submit={t("save")} primary={false} feedback={false} novalidate>
      <h3>{t("edit")}</h3>
      <ProfileFields member={props.member} />
    </ActionForm>
  );
}
