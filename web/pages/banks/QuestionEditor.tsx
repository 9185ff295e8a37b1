import { createResource, createSignal, Show } from "solid-js";
import { api, call } from "../../api";
import { useT } from "../../i18n";
import { failureText, fieldText } from "../../i18n/errors";
import { bankMessages as messages } from "./messages";

const EMPTY_BODY = '{ "type": "single", "options": [ { "text": "", "fraction": 1 }, { "text": "", "fraction": 0 } ] }';

/** Edits one question (a new version on save) or creates one; the answer settings are JSON. */
export function QuestionEditor(props: {
  bankId: string;
  id: string | null;
  categories: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useT(messages);
  const [q] = createResource(
    () => props.id,
    (id) => call(api.questions[":id"].$get({ param: { id } })),
  );
  const [error, setError] = createSignal<unknown>(null);
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(String(f.get("body")));
    } catch {
      setError(new Error("JSON"));
      return;
    }
    const json = {
      categoryId: String(f.get("category")),
      name: String(f.get("name")),
      stem: String(f.get("stem")),
      format: "markdown" as const,
      body: body as never,
      generalFeedback: String(f.get("general") ?? ""),
      defaultPoints: Number(f.get("points") || 1),
      difficulty: Number(f.get("difficulty") || 3),
      tags: String(f.get("tags") ?? "")
        .split(/[,，\s]+/)
        .filter(Boolean),
    };
    try {
      if (props.id)
        await call(
          api.questions[":id"].$patch({ param: { id: props.id }, json: { ...json, expectedVersion: q()?.version } }),
        );
      else await call(api.banks[":id"].questions.$post({ param: { id: props.bankId }, json }));
      props.onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Show when={!props.id || q()}>
      <form class="form card" onSubmit={save}>
        <label for="qe-name">{t("name")}</label>
        <input id="qe-name" name="name" required value={q()?.name ?? ""} />
        <label for="qe-cat">{t("category")}</label>
        <select id="qe-cat" name="category" value={q()?.categoryId ?? props.categories[0]?.id}>
          {props.categories.map((c) => (
            <option value={c.id}>{c.name}</option>
          ))}
        </select>
        <label for="qe-stem">{t("stem")}</label>
        <textarea id="qe-stem" name="stem" rows={4} required value={q()?.current.stem ?? ""} />
        <label for="qe-body">{t("body")}</label>
        <textarea
          id="qe-body"
          name="body"
          rows={8}
          value={q() ? JSON.stringify(q()?.current.body, null, 1) : EMPTY_BODY}
        />
        <Show when={error()}>
          <p class="field-error">{fieldText(error(), "body") || failureText(error())}</p>
        </Show>
        <label for="qe-general">{t("generalFeedback")}</label>
        <textarea id="qe-general" name="general" rows={3} value={q()?.current.generalFeedback ?? ""} />
        <label for="qe-points">{t("points")}</label>
        <input
          id="qe-points"
          name="points"
          type="number"
          min="0.5"
          step="0.5"
          value={q()?.current.defaultPoints ?? 1}
        />
        <label for="qe-diff">{t("difficulty")}</label>
        <input id="qe-diff" name="difficulty" type="number" min="1" max="5" value={q()?.difficulty ?? 3} />
        <label for="qe-tags">{t("tags")}</label>
        <input id="qe-tags" name="tags" value={(q()?.tags ?? []).join(", ")} />
        <button type="submit" class="primary">
          {t("save")}
        </button>
      </form>
    </Show>
  );
}
