import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime, formatNumber } from "../../components/format";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { PhaseLines } from "./MyEvaluationsPage";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";

const AUTOSAVE_MS = 800;
const chars = (s: string) => [...s.trim()].length;

export default function AnalysisPage() {
  const t = useT(messages);
  const errText = useErrText();
  const period = usePeriod();
  const params = useParams();
  const param = () => ({ id: params.id! });
  const [form, { refetch }] = createResource(() => call(api["eval-cycles"][":id"].analysis.$get({ param: param() })));
  const [content, setContent] = createSignal<Record<string, string>>({});
  const [reports, setReports] = createSignal<Record<string, string>>({});
  const [savedAt, setSavedAt] = createSignal<number | null>(null);
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const value = (key: string) => (loaded ? content()[key] : form()?.analysis?.content[key]) ?? "";
  const init = () => {
    if (loaded || !form()) return;
    loaded = true;
    setContent({ ...(form()!.analysis?.content ?? {}) });
    setReports({ ...(form()!.analysis?.reports ?? {}) });
  };
  const editable = () => {
    const s = form()?.analysis?.status;
    return s !== "submitted" && s !== "accepted";
  };
  const putDraft = async () => {
    const r = await call(
      api["eval-cycles"][":id"].analysis.$put({ param: param(), json: { content: content(), reports: reports() } }),
    );
    setSavedAt(r.savedAt);
  };
  const autosave = createAction(() => "");
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => autosave.run(putDraft), AUTOSAVE_MS);
  };
  const submission = createAction(
    () => t("submitted"),
    () => {
      loaded = false;
      return refetch();
    },
  );
  const submit = async () => {
    clearTimeout(timer);
    await putDraft();
    await call(api["eval-cycles"][":id"].analysis.submit.$post({ param: param() }));
  };
  /** The server's refusal of one section, with its numbers: how many characters are missing or too many. */
  const sectionError = (s: { key: string; title: string }) => {
    const err = submission.error() ?? autosave.error();
    const d = err instanceof ApiFailure ? err.field(`content.${s.key}`) : undefined;
    const detail = d as { code?: string; min?: number; max?: number; length?: number } | undefined;
    if (detail?.code === "too_short" || detail?.code === "too_long") {
      const n = detail.length ?? chars(value(s.key));
      const min = detail.min ?? 0;
      const max = detail.max ?? 0;
      const d = detail.code === "too_short" ? min - n : n - max;
      return t(`e_${detail.code}`, { section: s.title, d: formatNumber(d, 0), n, min, max });
    }
    return fieldText(err, `content.${s.key}`);
  };
  const reportError = (item: { id: string; text: string }) => {
    const err = submission.error();
    return err instanceof ApiFailure && err.field(`reports.${item.id}`)
      ? t("e_report_required", { item: item.text })
      : undefined;
  };

  return (
    <section class="page">
      <Show when={form.error}>
        <p class="error">{errText(form.error)}</p>
      </Show>
      <Show when={form()}>
        {(f) => {
          init();
          return (
            <>
              <h1>
                {t("analysis")} · {f().cycle.name} {period(f().cycle.label)}
              </h1>
              <PhaseLines windows={f().cycle.windows} />
              <p>
                <span class="tag">{t(`st_${f().analysis?.status ?? "none"}` as MsgKey)}</span>
              </p>
              <Show when={f().analysis?.comment}>
                <p class="warn">
                  {t("comment")}：{f().analysis?.comment}
                </p>
              </Show>
              <ActionForm
                action={submission}
                class="form analysis"
                submit={t("submit")}
                disabled={!editable()}
                text={errText}
                novalidate
                onSubmit={submit}
              >
                <Show when={f().items.length > 0}>
                  <fieldset>
                    <legend>{t("items")}</legend>
                    <For each={f().items}>
                      {(item) => (
                        <Field label={item.text} error={reportError(item)}>
                          <textarea
                            rows="2"
                            disabled={!editable()}
                            value={reports()[item.id] ?? ""}
                            onInput={(e) => {
                              setReports({ ...reports(), [item.id]: e.currentTarget.value });
                              schedule();
                            }}
                          />
                        </Field>
                      )}
                    </For>
                  </fieldset>
                </Show>
                <For each={f().template}>
                  {(s) => {
                    const n = () => chars(value(s.key));
                    return (
                      <div class="section">
                        <Field label={s.title} error={sectionError(s)}>
                          <textarea
                            id={`s-${s.key}`}
                            rows="4"
                            maxlength={s.maxLength}
                            disabled={!editable()}
                            value={value(s.key)}
                            onInput={(e) => {
                              setContent({ ...content(), [s.key]: e.currentTarget.value });
                              schedule();
                            }}
                          />
                        </Field>
                        <p class="muted">{s.guidance}</p>
                        <p class="muted small" classList={{ "field-error": n() < s.minLength || n() > s.maxLength }}>
                          {t("chars", { n: formatNumber(n(), 0), min: s.minLength, max: formatNumber(s.maxLength, 0) })}
                        </p>
                      </div>
                    );
                  }}
                </For>
                <p class="muted" aria-live="polite">
                  {autosave.busy() ? t("saving") : savedAt() ? t("saved", { at: formatDateTime(savedAt()) }) : ""}
                </p>
                <Feedback error={autosave.error()} text={errText} />
              </ActionForm>
            </>
          );
        }}
      </Show>
    </section>
  );
}
