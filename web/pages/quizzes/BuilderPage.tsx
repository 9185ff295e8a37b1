import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm, requireFilled } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatNumber } from "../../components/format";
import { SearchPicker } from "../../components/SearchPicker";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { orgsWithRole } from "../../session";
import { messages } from "./messages";
import { type Slot, SlotSources } from "./SlotSources";

type Review = Record<(typeof TIMES)[number], Record<(typeof ITEMS)[number], boolean>>;
const TIMES = ["during", "immediately", "open", "closed"] as const;
const ITEMS = ["score", "correctness", "answer", "feedback"] as const;
const LABEL = { during: "during", immediately: "immediately", open: "open", closed: "afterClose" } as const;
const ITEM_LABEL = {
  score: "showScore",
  correctness: "showCorrectness",
  answer: "showAnswer",
  feedback: "showFeedback",
} as const;
const DEFAULT_REVIEW: Review = {
  during: { score: false, correctness: false, answer: false, feedback: false },
  immediately: { score: true, correctness: true, answer: false, feedback: false },
  open: { score: true, correctness: false, answer: false, feedback: false },
  closed: { score: true, correctness: true, answer: true, feedback: true },
};
const toLocal = (ms: number | null | undefined) =>
  ms ? new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : "";

/** Builds or edits a quiz: everything is chosen by name (owner, audience, bank, questions), never by id. */
export default function BuilderPage() {
  const t = useT(messages);
  const params = useParams();
  const navigate = useNavigate();
  const isNew = () => params.id === "new";
  const [quiz] = createResource(
    () => (isNew() ? false : params.id),
    (id) => call(api.quizzes[":id"].$get({ param: { id } })),
  );
  const [audiences] = createResource(() => call(api.quizzes.audiences.$get()));
  const owners = () => orgsWithRole("school", "admin").map((m) => ({ id: m.orgId, label: m.orgName }));
  const [owner, setOwner] = createSignal("");
  const [audience, setAudience] = createSignal("");
  const ownerId = () => quiz()?.ownerOrgId ?? (owner() || owners()[0]?.id || "");
  const audienceId = () => audience() || quiz()?.audienceOrgId || "";
  const audienceItems = () =>
    (audiences()?.items ?? [])
      .filter((o) => o.owners.includes(ownerId()))
      .map((o) => ({ id: o.id, label: o.name, depth: o.depth }));
  const [slots, setSlots] = createSignal<Slot[]>([]);
  const [review, setReview] = createSignal<Review>(DEFAULT_REVIEW);
  let loaded = "";
  const q = () => {
    const x = quiz();
    if (x && loaded !== x.id) {
      loaded = x.id;
      const names = x.sourceNames;
      setSlots(
        x.slots.map((s) => ({
          ...s,
          label: s.questionId
            ? (names.questions[s.questionId] ?? t("missingQuestion"))
            : t("random", { n: s.count ?? 1, c: names.categories[s.categoryId ?? ""] ?? "" }),
        })),
      );
      setReview(x.review as Review);
    }
    return x;
  };
  const action = createAction(() => t("created"));
  const save = async (f: FormData, form: HTMLFormElement) => {
    requireFilled(form, slots().length ? [] : ["slots"]);
    const ms = (k: string) => (f.get(k) ? new Date(String(f.get(k))).getTime() : null);
    const body = {
      title: String(f.get("title")),
      description: String(f.get("description") ?? ""),
      audienceOrgId: audienceId(),
      slots: slots().map(({ label: _l, ...s }) => s),
      openAt: ms("openAt"),
      closeAt: ms("closeAt"),
      timeLimitSec: f.get("timeLimitSec") ? Math.round(Number(f.get("timeLimitSec")) * 60) : null,
      attemptsAllowed: Number(f.get("attemptsAllowed") ?? 1),
      gradingMethod: String(f.get("gradingMethod")) as "highest",
      passPercent: Number(f.get("passPercent") ?? 60),
      shuffleQuestions: f.get("shuffleQ") === "on",
      shuffleOptions: f.get("shuffleO") === "on",
      review: review(),
      published: f.get("published") === "on",
    };
    if (!isNew()) return call(api.quizzes[":id"].$patch({ param: { id: params.id as string }, json: body }));
    const created = await call(api.quizzes.$post({ json: { ...body, ownerOrgId: ownerId() } }));
    navigate(`/quizzes/build/${created.id}`, { replace: true });
  };
  const slotsError = () => fieldText(action.error(), "slots");
  return (
    <section class="page">
      <h1>{isNew() ? t("newQuiz") : t("edit")}</h1>
      <Show when={isNew() || q()}>
        <ActionForm action={action} onSubmit={save} submit={t("save")} novalidate>
          <Field label={t("title")} name="title">
            <input name="title" required value={q()?.title ?? ""} />
          </Field>
          <Field label={t("description")} name="description">
            <textarea name="description" value={q()?.description ?? ""} />
          </Field>
          <Show when={isNew() && owners().length > 1}>
            <SearchPicker label={t("owner")} items={owners()} value={ownerId()} onChange={setOwner} required />
          </Show>
          <SearchPicker
            label={t("audience")}
            name="audienceOrgId"
            items={audienceItems()}
            value={audienceId()}
            onChange={setAudience}
            required
          />
          <Field label={t("openAt")} name="openAt">
            <input name="openAt" type="datetime-local" value={toLocal(q()?.openAt)} />
          </Field>
          <Field label={t("closeAt")} name="closeAt">
            <input name="closeAt" type="datetime-local" value={toLocal(q()?.closeAt)} />
          </Field>
          <Field label={t("timeLimit")} name="timeLimitSec">
            <input
              name="timeLimitSec"
              type="number"
              min="1"
              value={q()?.timeLimitSec ? formatNumber((q()?.timeLimitSec ?? 0) / 60, 0) : ""}
            />
          </Field>
          <Field label={t("attemptsAllowed")} name="attemptsAllowed">
            <input name="attemptsAllowed" type="number" min="0" value={q()?.attemptsAllowed ?? 1} />
          </Field>
          <Field label={t("gradingMethod")} name="gradingMethod">
            <select name="gradingMethod" value={q()?.gradingMethod ?? "highest"}>
              <For each={["highest", "last", "first", "average"] as const}>
                {(m) => <option value={m}>{t(m)}</option>}
              </For>
            </select>
          </Field>
          <Field label={t("passPercent")} name="passPercent">
            <input name="passPercent" type="number" min="0" max="100" value={q()?.passPercent ?? 60} />
          </Field>
          <label class="choice">
            <input type="checkbox" name="shuffleQ" checked={q()?.shuffleQuestions ?? false} />
            <span>{t("shuffleQuestions")}</span>
          </label>
          <label class="choice">
            <input type="checkbox" name="shuffleO" checked={q()?.shuffleOptions ?? true} />
            <span>{t("shuffleOptions")}</span>
          </label>
          <label class="choice">
            <input type="checkbox" name="published" checked={q()?.published ?? false} />
            <span>{t("published")}</span>
          </label>

          <h2>{t("slots")}</h2>
          <SlotSources onAdd={(added) => setSlots([...slots(), ...added])} />
          <Show when={slots().length} fallback={<p class="muted">{t("noSlots")}</p>}>
            <ol class="slots" aria-describedby={slotsError() ? "slots-error" : undefined}>
              <For each={slots()}>
                {(s, i) => (
                  <li>
                    <span class="slot-name">{`${i() + 1}. ${s.label}`}</span>
                    <input
                      type="number"
                      min="0.5"
                      step="0.5"
                      aria-label={`${s.label} ${t("points")}`}
                      value={s.points}
                      onChange={(e) =>
                        setSlots(
                          slots().map((x, k) => (k === i() ? { ...x, points: Number(e.currentTarget.value) } : x)),
                        )
                      }
                    />
                    <button type="button" onClick={() => setSlots(slots().filter((_, k) => k !== i()))}>
                      {t("remove")}
                    </button>
                  </li>
                )}
              </For>
            </ol>
          </Show>
          <Show when={slotsError()}>
            <p class="field-error" id="slots-error">
              {t("slotsRequired")}
            </p>
          </Show>

          <fieldset>
            <legend>{t("reviewMatrix")}</legend>
            <DataTable
              rows={TIMES}
              columns={[
                { header: t("reviewWhen"), cell: (time) => t(LABEL[time]) },
                ...ITEMS.map((item) => ({
                  header: t(ITEM_LABEL[item]),
                  cell: (time: (typeof TIMES)[number]) => (
                    <input
                      type="checkbox"
                      class="review-check"
                      aria-label={`${t(LABEL[time])} ${t(ITEM_LABEL[item])}`}
                      checked={review()[time][item]}
                      onChange={(e) =>
                        setReview({ ...review(), [time]: { ...review()[time], [item]: e.currentTarget.checked } })
                      }
                    />
                  ),
                })),
              ]}
            />
          </fieldset>
        </ActionForm>
      </Show>
    </section>
  );
}
