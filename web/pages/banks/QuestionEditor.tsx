import { createResource, createSignal, For, Show } from "solid-js";
import type { QuestionBody } from "../../../schema/banks/types";
import { api, call } from "../../api";
import { ActionForm, requireFilled } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { AnswerFields, emptyBody } from "./AnswerFields";
import { bankMessages as messages } from "./messages";

const TYPES = ["single", "multiple", "truefalse", "fill", "numerical", "matching", "essay"] as const;

/** Edits one question (a new version on save) or creates one; the answers have a form for each type. */
export function QuestionEditor(props: {
  bankId: string;
  id: string | null;
  categories: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useT(messages);
  const [q] = createResource(
    () => props.id ?? false,
    (id) => call(api.questions[":id"].$get({ param: { id } })),
  );
  return (
    <Show when={!props.id || q()} keyed>
      <Form {...props} question={q()} />
    </Show>
  );

  function Form(p: { question: ReturnType<typeof q> }) {
    const [body, setBody] = createSignal<QuestionBody>(
      (p.question?.current.body as QuestionBody | undefined) ?? emptyBody("single"),
    );
    const action = createAction(() => t("saved"), props.onDone);
    const save = async (f: FormData, form: HTMLFormElement) => {
      requireFilled(form);
      const json = {
        categoryId: String(f.get("categoryId")),
        name: String(f.get("name")),
        stem: String(f.get("stem")),
        format: "markdown" as const,
        body: body() as never,
        generalFeedback: String(f.get("generalFeedback") ?? ""),
        defaultPoints: Number(f.get("defaultPoints") || 1),
        difficulty: Number(f.get("difficulty") || 3),
        tags: String(f.get("tags") ?? "")
          .split(/[,，\s]+/)
          .filter(Boolean),
      };
      if (props.id)
        await call(
          api.questions[":id"].$patch({
            param: { id: props.id },
            json: { ...json, expectedVersion: p.question?.version },
          }),
        );
      else await call(api.banks[":id"].questions.$post({ param: { id: props.bankId }, json }));
    };
    return (
      <div class="card">
        <ActionForm action={action} onSubmit={save} submit={t("save")} novalidate>
          <Field label={t("questionType")}>
            <select
              value={body().type}
              onChange={(e) => setBody(emptyBody(e.currentTarget.value as QuestionBody["type"]))}
            >
              <For each={TYPES}>{(type) => <option value={type}>{t(`types_${type}`)}</option>}</For>
            </select>
          </Field>
          <Field label={t("name")} name="name">
            <input name="name" required value={p.question?.name ?? ""} />
          </Field>
          <Field label={t("category")} name="categoryId">
            <select name="categoryId" value={p.question?.categoryId ?? props.categories[0]?.id}>
              <For each={props.categories}>{(c) => <option value={c.id}>{c.name}</option>}</For>
            </select>
          </Field>
          <Field label={t("stem")} name="stem">
            <textarea
              name="stem"
              rows={4}
              required
              placeholder={t("stemHint")}
              value={p.question?.current.stem ?? ""}
            />
          </Field>
          <AnswerFields body={body()} onChange={setBody} />
          <Field label={t("generalFeedback")} name="generalFeedback">
            <textarea name="generalFeedback" rows={3} value={p.question?.current.generalFeedback ?? ""} />
          </Field>
          <div class="row">
            <Field label={t("points")} name="defaultPoints">
              <input
                name="defaultPoints"
                type="number"
                min="0.5"
                step="0.5"
                value={p.question?.current.defaultPoints ?? 1}
              />
            </Field>
            <Field label={t("difficulty")} name="difficulty">
              <input name="difficulty" type="number" min="1" max="5" value={p.question?.difficulty ?? 3} />
            </Field>
          </div>
          <Field label={t("tags")} name="tags">
            <input name="tags" value={(p.question?.tags ?? []).join(", ")} />
          </Field>
        </ActionForm>
        <button type="button" onClick={props.onDone}>
          {t("cancel")}
        </button>
      </div>
    );
  }
}
