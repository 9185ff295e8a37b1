import { For, Index, type JSX, Match, Show, Switch } from "solid-js";
import type { NumericAnswer, QuestionBody } from "../../../schema/banks/types";
import { useT } from "../../i18n";
import { bankMessages as messages } from "./messages";

/** A fresh body of each type: what the editor starts from when the type changes. */
export function emptyBody(type: QuestionBody["type"]): QuestionBody {
  switch (type) {
    case "single":
    case "multiple":
      return {
        type,
        options: [
          { id: "o1", text: "", fraction: 1 },
          { id: "o2", text: "", fraction: 0 },
        ],
      };
    case "truefalse":
      return { type, answer: true };
    case "fill":
      return { type, answers: [{ text: "", fraction: 1 }] };
    case "numerical":
      return { type, answers: [{ value: 0, tolerance: 0, fraction: 1 }] };
    case "matching":
      return {
        type,
        pairs: [
          { left: "", right: "" },
          { left: "", right: "" },
        ],
      };
    default:
      return { type: "essay" };
  }
}

type Choice = Extract<QuestionBody, { type: "single" | "multiple" }>;

/**
 * The rights of a choice question from its ticked options: a single choice gives the ticked one full
 * marks; a multiple choice shares full marks among the ticked ones and takes it all for a wrong one
 * (as the spreadsheet template does). Weights imported from GIFT are kept while nothing is re-ticked.
 */
function tick(b: Choice, index: number, on: boolean): Choice {
  const right = b.options.map((o, k) => (k === index ? on : b.type === "single" ? false : o.fraction > 0));
  const n = right.filter(Boolean).length;
  const share = n ? Math.round((1 / n) * 1e7) / 1e7 : 0;
  return {
    ...b,
    options: b.options.map((o, k) => ({
      ...o,
      fraction: right[k] ? (b.type === "single" ? 1 : share) : b.type === "single" ? 0 : -1,
    })),
  };
}

const nextOptionId = (b: Choice) => {
  const used = new Set(b.options.map((o) => o.id));
  let k = b.options.length + 1;
  while (used.has(`o${k}`)) k++;
  return `o${k}`;
};

/** Rows with a remove button each and an add button below: options, accepted answers, pairs. */
function Rows<T>(props: {
  legend: string;
  items: T[];
  min: number;
  add: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  children: (item: () => T, index: number) => JSX.Element;
}) {
  const t = useT(messages);
  return (
    <fieldset class="answer-rows">
      <legend>{props.legend}</legend>
      <Index each={props.items}>
        {(item, i) => (
          <div class="answer-row">
            {props.children(item, i)}
            <button type="button" disabled={props.items.length <= props.min} onClick={() => props.onRemove(i)}>
              {t("removeRow")}
            </button>
          </div>
        )}
      </Index>
      <button type="button" onClick={props.onAdd}>
        {props.add}
      </button>
    </fieldset>
  );
}

const without = <T,>(xs: T[], i: number) => xs.filter((_, k) => k !== i);
const replace = <T,>(xs: T[], i: number, x: T) => xs.map((y, k) => (k === i ? x : y));

/** The answer settings of one question, as a form for its type (no JSON to write). */
export function AnswerFields(props: { body: QuestionBody; onChange: (b: QuestionBody) => void }) {
  const t = useT(messages);
  const text = (label: string, value: string | undefined, set: (v: string) => void, required = false) => (
    <label>
      {label}
      <input value={value ?? ""} required={required} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
  const num = (label: string, value: number | undefined, set: (v: number | undefined) => void) => (
    <label>
      {label}
      <input
        type="number"
        step="any"
        value={value ?? ""}
        onInput={(e) => set(e.currentTarget.value === "" ? undefined : Number(e.currentTarget.value))}
      />
    </label>
  );
  return (
    <Switch>
      <Match when={props.body.type === "single" || props.body.type === "multiple"}>
        {(() => {
          const b = () => props.body as Choice;
          return (
            <Rows
              legend={t("options")}
              items={b().options}
              min={2}
              add={t("addOption")}
              onAdd={() =>
                props.onChange({ ...b(), options: [...b().options, { id: nextOptionId(b()), text: "", fraction: 0 }] })
              }
              onRemove={(i) => props.onChange({ ...b(), options: without(b().options, i) })}
            >
              {(o, i) => (
                <>
                  {text(
                    t("option", { n: i + 1 }),
                    o().text,
                    (v) => props.onChange({ ...b(), options: replace(b().options, i, { ...o(), text: v }) }),
                    true,
                  )}
                  <label class="choice">
                    <input
                      type={b().type === "single" ? "radio" : "checkbox"}
                      name="right-option"
                      checked={o().fraction > 0}
                      onChange={(e) => props.onChange(tick(b(), i, e.currentTarget.checked))}
                    />
                    <span>{t("optionRight")}</span>
                  </label>
                  {text(t("optionFeedback"), o().feedback, (v) =>
                    props.onChange({ ...b(), options: replace(b().options, i, { ...o(), feedback: v || undefined }) }),
                  )}
                </>
              )}
            </Rows>
          );
        })()}
      </Match>
      <Match when={props.body.type === "truefalse"}>
        {(() => {
          const b = () => props.body as Extract<QuestionBody, { type: "truefalse" }>;
          return (
            <fieldset>
              <legend>{t("tfAnswer")}</legend>
              <For each={[true, false]}>
                {(v) => (
                  <label class="choice">
                    <input
                      type="radio"
                      name="tf-answer"
                      checked={b().answer === v}
                      onChange={() => props.onChange({ ...b(), answer: v })}
                    />
                    <span>{t(v ? "true" : "false")}</span>
                  </label>
                )}
              </For>
              {text(t("feedbackRight"), b().feedbackRight, (v) =>
                props.onChange({ ...b(), feedbackRight: v || undefined }),
              )}
              {text(t("feedbackWrong"), b().feedbackWrong, (v) =>
                props.onChange({ ...b(), feedbackWrong: v || undefined }),
              )}
            </fieldset>
          );
        })()}
      </Match>
      <Match when={props.body.type === "fill"}>
        {(() => {
          const b = () => props.body as Extract<QuestionBody, { type: "fill" }>;
          return (
            <Rows
              legend={t("accepted")}
              items={b().answers}
              min={1}
              add={t("addAnswer")}
              onAdd={() => props.onChange({ ...b(), answers: [...b().answers, { text: "", fraction: 1 }] })}
              onRemove={(i) => props.onChange({ ...b(), answers: without(b().answers, i) })}
            >
              {(a, i) =>
                text(
                  t("acceptedN", { n: i + 1 }),
                  a().text,
                  (v) => props.onChange({ ...b(), answers: replace(b().answers, i, { ...a(), text: v }) }),
                  true,
                )
              }
            </Rows>
          );
        })()}
      </Match>
      <Match when={props.body.type === "numerical"}>
        {(() => {
          const b = () => props.body as Extract<QuestionBody, { type: "numerical" }>;
          const set = (i: number, a: NumericAnswer) => props.onChange({ ...b(), answers: replace(b().answers, i, a) });
          return (
            <Rows
              legend={t("numericAnswers")}
              items={b().answers}
              min={1}
              add={t("addAnswer")}
              onAdd={() =>
                props.onChange({ ...b(), answers: [...b().answers, { value: 0, tolerance: 0, fraction: 1 }] })
              }
              onRemove={(i) => props.onChange({ ...b(), answers: without(b().answers, i) })}
            >
              {(a, i) => {
                const range = () => a().min !== undefined || a().max !== undefined;
                return (
                  <>
                    <label>
                      {t("numMode")}
                      <select
                        value={range() ? "range" : "exact"}
                        onChange={(e) =>
                          set(
                            i,
                            e.currentTarget.value === "range"
                              ? { min: a().value ?? 0, max: a().value ?? 0, fraction: a().fraction }
                              : { value: a().min ?? 0, tolerance: 0, fraction: a().fraction },
                          )
                        }
                      >
                        <option value="exact">{t("numExact")}</option>
                        <option value="range">{t("numRange")}</option>
                      </select>
                    </label>
                    <Show
                      when={range()}
                      fallback={
                        <div class="row">
                          {num(t("value"), a().value, (v) => set(i, { ...a(), value: v }))}
                          {num(t("tolerance"), a().tolerance, (v) => set(i, { ...a(), tolerance: v }))}
                        </div>
                      }
                    >
                      <div class="row">
                        {num(t("min"), a().min, (v) => set(i, { ...a(), min: v }))}
                        {num(t("max"), a().max, (v) => set(i, { ...a(), max: v }))}
                      </div>
                    </Show>
                  </>
                );
              }}
            </Rows>
          );
        })()}
      </Match>
      <Match when={props.body.type === "matching"}>
        {(() => {
          const b = () => props.body as Extract<QuestionBody, { type: "matching" }>;
          return (
            <Rows
              legend={t("pairs")}
              items={b().pairs}
              min={2}
              add={t("addPair")}
              onAdd={() => props.onChange({ ...b(), pairs: [...b().pairs, { left: "", right: "" }] })}
              onRemove={(i) => props.onChange({ ...b(), pairs: without(b().pairs, i) })}
            >
              {(p, i) => (
                <div class="row">
                  {text(t("left", { n: i + 1 }), p().left, (v) =>
                    props.onChange({ ...b(), pairs: replace(b().pairs, i, { ...p(), left: v }) }),
                  )}
                  {text(
                    t("right", { n: i + 1 }),
                    p().right,
                    (v) => props.onChange({ ...b(), pairs: replace(b().pairs, i, { ...p(), right: v }) }),
                    true,
                  )}
                </div>
              )}
            </Rows>
          );
        })()}
      </Match>
      <Match when={props.body.type === "essay"}>
        <p class="muted">{t("essayNote")}</p>
      </Match>
    </Switch>
  );
}
