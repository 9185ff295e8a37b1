import { createResource, createSignal, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { SearchPicker } from "../../components/SearchPicker";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { orgsWithRole } from "../../session";
import { commendationMessages } from "./messages";

/**
 * A branch's secretary nominates a member of the branch; in a branch round the committee nominates a
 * branch of its subtree. Chosen by name, never by id; a refusal says which record stands in the way.
 */
export function NominateForm(props: {
  round: { id: string; orgId: string; target: "member" | "branch"; committee: boolean };
  onDone: () => unknown;
}) {
  const t = useT(commendationMessages);
  const [subject, setSubject] = createSignal("");
  const [branchId, setBranchId] = createSignal("");
  const [orgs] = createResource(async () => {
    const inRound = (path: string) => path.includes(`/${props.round.orgId}/`);
    const all = (await call(api.orgs.$get())).items.filter((o) => o.kind === "branch" && inRound(o.path));
    const mine = orgsWithRole("secretary").map((m) => m.orgId);
    return props.round.target === "branch" ? all : all.filter((o) => mine.includes(o.id));
  });
  const branchChoice = () => branchId() || orgs()?.[0]?.id || "";
  const [members] = createResource(
    () => (props.round.target === "member" ? branchChoice() || undefined : undefined),
    (id) => call(api.orgs[":id"].members.$get({ param: { id }, query: { limit: "200" } })),
  );
  const nominating = createAction(() => t("saved"), props.onDone);
  const text = (err: unknown) =>
    err instanceof ApiFailure && err.code === "not_eligible" && Array.isArray(err.details)
      ? `${t("blocked")}：${(err.details as { reason: "veto" | "open_followup" | "lagging" }[]).map((b) => t(`b_${b.reason}`)).join("；")}`
      : failureText(err);
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.commendations[":id"].nominees.$post({
        param: { id: props.round.id },
        json: { subjectId: subject(), statement: String(f.get("statement") ?? "") },
      }),
    );
    form.reset();
    setSubject("");
  };
  const mayNominate = () => (props.round.target === "branch" ? props.round.committee : (orgs()?.length ?? 0) > 0);
  return (
    <Show when={mayNominate()}>
      <h2>{props.round.target === "branch" ? t("nominateBranch") : t("nominateMember")}</h2>
      <ActionForm action={nominating} onSubmit={submit} submit={t("nominate")} text={text} novalidate>
        <Show
          when={props.round.target === "member"}
          fallback={
            <SearchPicker
              label={t("pickBranch")}
              name="subjectId"
              required
              items={orgs()?.map((o) => ({ id: o.id, label: o.name }))}
              value={subject()}
              onChange={setSubject}
            />
          }
        >
          <Show when={(orgs()?.length ?? 0) > 1}>
            <SearchPicker
              label={t("pickBranch")}
              items={orgs()?.map((o) => ({ id: o.id, label: o.name }))}
              value={branchChoice()}
              onChange={setBranchId}
            />
          </Show>
          <SearchPicker
            label={t("pickMember")}
            name="subjectId"
            required
            items={members()?.items.map((m) => ({ id: m.id, label: m.displayName }))}
            value={subject()}
            onChange={setSubject}
          />
        </Show>
        <Field label={t("statement")} name="statement">
          <textarea name="statement" rows="3" maxlength="2000" required />
        </Field>
      </ActionForm>
    </Show>
  );
}
