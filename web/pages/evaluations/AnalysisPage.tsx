import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { PhaseLines } from "./MyEvaluationsPage";
import { type MsgKey, messages, useErrText } from "./messages";

const AUTOSAVE_MS = 800;

export default function AnalysisPage() {
  const t = useT(messages);
  const errText = useErrText();
  const params = useParams();
  const param = () => ({ id: params.id! });
  const [form, { refetch }] = createResource(() => call(api["eval-cycles"][":id"].analysis.$get({ param: param() })));
  const [content, setContent] = createSignal<Record<string, string>>({});
  const [reports, setReports] = createSignal<Record<string, string>>({});
  const [savedAt, setSavedAt] = createSignal<number | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
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
  const save = async () => {
    setSaving(true);
    try {
      const r = await call(
        api["eval-cycles"][":id"].analysis.$put({ param: param(), json: { content: content(), reports: reports() } }),
      );
      setSavedAt(r.savedAt);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_MS);
  };
  const submit = async () => {
    clearTimeout(timer);
    await save();
    try {
      await call(api["eval-cycles"][":id"].analysis.submit.$post({ param: param() }));
      setError(null);
      loaded = false;
      await refetch();
    } catch (err) {
      setError(err);
    }
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
                {t("analysis")} · {f().cycle.name} {f().cycle.label}
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
              <form
                class="form analysis"
                onSubmit={(e) => {
                  e.preventDefault();
                  submit();
                }}
              >
                <Show when={f().items.length > 0}>
                  <fieldset>
                    <legend>{t("items")}</legend>
                    <For each={f().items}>
                      {(item) => (
                        <>
                          <label for={`r-${item.id}`}>{item.text}</label>
                          <textarea
                            id={`r-${item.id}`}
                            rows="2"
                            disabled={!editable()}
                            value={reports()[item.id] ?? ""}
                            onInput={(e) => {
                              setReports({ ...reports(), [item.id]: e.currentTarget.value });
                              schedule();
                            }}
                          />
                          <Show when={fieldText(error(), `reports.${item.id}`)}>
                            <p class="field-error">{fieldText(error(), `reports.${item.id}`)}</p>
                          </Show>
                        </>
                      )}
                    </For>
                  </fieldset>
                </Show>
                <For each={f().template}>
                  {(s) => {
                    const n = () => [...value(s.key).trim()].length;
                    return (
                      <div class="section">
                        <label for={`s-${s.key}`}>{s.title}</label>
                        <p class="muted" id={`g-${s.key}`}>
                          {s.guidance}
                        </p>
                        <textarea
                          id={`s-${s.key}`}
                          aria-describedby={`g-${s.key} c-${s.key}`}
                          rows="4"
                          maxlength={s.maxLength}
                          disabled={!editable()}
                          value={value(s.key)}
                          onInput={(e) => {
                            setContent({ ...content(), [s.key]: e.currentTarget.value });
                            schedule();
                          }}
                        />
                        <p
                          id={`c-${s.key}`}
                          class="muted small"
                          classList={{ "field-error": n() < s.minLength || n() > s.maxLength }}
                        >
                          {t("chars", { n: n(), min: s.minLength, max: s.maxLength })}
                        </p>
                      </div>
                    );
                  }}
                </For>
                <p class="muted" aria-live="polite">
                  {saving() ? t("saving") : savedAt() ? t("saved", { at: formatDateTime(savedAt()) }) : ""}
                </p>
                <Feedback error={error()} text={errText} />
                <Show when={editable()}>
                  <button type="submit" class="primary">
                    {t("submit")}
                  </button>
                </Show>
              </form>
            </>
          );
        }}
      </Show>
    </section>
  );
}
