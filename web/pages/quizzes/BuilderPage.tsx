import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { useT } from "../../i18n";
import { orgsWithRole } from "../../session";
import { messages } from "./messages";

type Slot = {
  questionId?: string;
  categoryId?: string;
  count?: number;
  includeSubcategories?: boolean;
  points: number;
  label: string;
};
const TIMES = ["during", "immediately", "open", "closed"] as const;
const ITEMS = ["score", "correctness", "answer", "feedback"] as const;
const LABEL = { during: "during", immediately: "immediately", open: "open", closed: "afterClose" } as const;
const ITEM_LABEL = {
  score: "showScore",
  correctness: "showCorrectness",
  answer: "showAnswer",
  feedback: "showFeedback",
} as const;
const toLocal = (ms: number | null | undefined) =>
  ms ? new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : "";

export default function BuilderPage() {
  const t = useT(messages);
  const params = useParams();
  const isNew = () => params.id === "new";
  const [quiz] = createResource(
    () => (isNew() ? null : params.id),
    (id) => call(api.quizzes[":id"].$get({ param: { id: id as string } })),
  );
  const [banks] = createResource(() => call(api.banks.$get()));
  const [bankId, setBankId] = createSignal("");
  const [bank] = createResource(bankId, (id) => call(api.banks[":id"].$get({ param: { id } })));
  const [qs] = createResource(bankId, (id) =>
    call(api.banks[":id"].questions.$get({ param: { id }, query: { limit: "200" } })),
  );
  const [slots, setSlots] = createSignal<Slot[]>([]);
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [review, setReview] = createSignal<Record<string, Record<string, boolean>>>({
    during: { score: false, correctness: false, answer: false, feedback: false },
    immediately: { score: true, correctness: true, answer: false, feedback: false },
    open: { score: true, correctness: false, answer: false, feedback: false },
    closed: { score: true, correctness: true, answer: true, feedback: true },
  });
  const [error, setError] = createSignal<unknown>(null);
  const [ok, setOk] = createSignal(false);
  let loaded = false;
  const q = () => {
    const x = quiz();
    if (x && !loaded) {
      loaded = true;
      setSlots(
        (x.slots as Slot[]).map((s) => ({
          ...s,
          label: s.questionId ?? t("random", { n: s.count ?? 1, c: s.categoryId ?? "" }),
        })),
      );
      setReview(x.review as never);
    }
    return x;
  };
  const addFixed = () => {
    const names = new Map((qs()?.items ?? []).map((x) => [x.id, x.name]));
    setSlots([...slots(), ...[...picked()].map((id) => ({ questionId: id, points: 1, label: names.get(id) ?? id }))]);
    setPicked(new Set<string>());
  };
  const addRandom = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const cat = bank()?.categories.find((c) => c.id === f.get("cat"));
    const n = Number(f.get("count") || 1);
    setSlots([
      ...slots(),
      {
        categoryId: String(f.get("cat")),
        count: n,
        includeSubcategories: f.get("sub") === "on",
        points: Number(f.get("points") || 1),
        label: t("random", { n, c: cat?.name ?? "" }),
      },
    ]);
  };
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const ms = (k: string) => (f.get(k) ? new Date(String(f.get(k))).getTime() : null);
    const body = {
      title: String(f.get("title")),
      description: String(f.get("description") ?? ""),
      slots: slots().map(({ label: _l, ...s }) => s),
      openAt: ms("openAt"),
      closeAt: ms("closeAt"),
      timeLimitSec: f.get("limit") ? Number(f.get("limit")) * 60 : null,
      attemptsAllowed: Number(f.get("attempts") ?? 1),
      gradingMethod: String(f.get("method")) as "highest",
      passPercent: Number(f.get("pass") ?? 60),
      shuffleQuestions: f.get("shuffleQ") === "on",
      shuffleOptions: f.get("shuffleO") === "on",
      review: review() as never,
      published: f.get("published") === "on",
    };
    setError(null);
    try {
      if (isNew())
        await call(
          api.quizzes.$post({
            json: { ...body, ownerOrgId: String(f.get("owner")), audienceOrgId: String(f.get("audience")) },
          }),
        );
      else await call(api.quizzes[":id"].$patch({ param: { id: params.id as string }, json: body }));
      setOk(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="page">
      <h1>{isNew() ? t("newQuiz") : t("edit")}</h1>
      <Show when={isNew() || q()}>
        <form class="form" onSubmit={save}>
          <label for="qz-title">{t("title")}</label>
          <input id="qz-title" name="title" required value={q()?.title ?? ""} />
          <label for="qz-desc">{t("description")}</label>
          <textarea id="qz-desc" name="description" value={q()?.description ?? ""} />
          <Show when={isNew()}>
            <label for="qz-owner">{t("owner")}</label>
            <select id="qz-owner" name="owner">
              <For each={orgsWithRole("school", "admin")}>{(m) => <option value={m.orgId}>{m.orgName}</option>}</For>
            </select>
            <label for="qz-aud">{t("audience")}</label>
            <input id="qz-aud" name="audience" required />
          </Show>
          <label for="qz-open">{t("openAt")}</label>
          <input id="qz-open" name="openAt" type="datetime-local" value={toLocal(q()?.openAt)} />
          <label for="qz-close">{t("closeAt")}</label>
          <input id="qz-close" name="closeAt" type="datetime-local" value={toLocal(q()?.closeAt)} />
          <label for="qz-limit">{t("timeLimit")}</label>
          <input
            id="qz-limit"
            name="limit"
            type="number"
            min="1"
            value={q()?.timeLimitSec ? Math.round((q()?.timeLimitSec ?? 0) / 60) : ""}
          />
          <label for="qz-att">{t("attemptsAllowed")}</label>
          <input id="qz-att" name="attempts" type="number" min="0" value={q()?.attemptsAllowed ?? 1} />
          <label for="qz-method">{t("gradingMethod")}</label>
          <select id="qz-method" name="method" value={q()?.gradingMethod ?? "highest"}>
            <For each={["highest", "last", "first", "average"] as const}>
              {(m) => <option value={m}>{t(m)}</option>}
            </For>
          </select>
          <label for="qz-pass">{t("passPercent")}</label>
          <input id="qz-pass" name="pass" type="number" min="0" max="100" value={q()?.passPercent ?? 60} />
          <label>
            <input type="checkbox" name="shuffleQ" checked={q()?.shuffleQuestions ?? false} /> {t("shuffleQuestions")}
          </label>
          <label>
            <input type="checkbox" name="shuffleO" checked={q()?.shuffleOptions ?? true} /> {t("shuffleOptions")}
          </label>
          <label>
            <input type="checkbox" name="published" checked={q()?.published ?? false} /> {t("published")}
          </label>
          <fieldset>
            <legend>{t("reviewMatrix")}</legend>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th />
                    <For each={ITEMS}>{(i) => <th>{t(ITEM_LABEL[i])}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={TIMES}>
                    {(time) => (
                      <tr>
                        <th>{t(LABEL[time])}</th>
                        <For each={ITEMS}>
                          {(item) => (
                            <td>
                              <input
                                type="checkbox"
                                aria-label={`${t(LABEL[time])} ${t(ITEM_LABEL[item])}`}
                                checked={review()[time]?.[item] ?? false}
                                onChange={(e) =>
                                  setReview({
                                    ...review(),
                                    [time]: { ...review()[time], [item]: e.currentTarget.checked },
                                  })
                                }
                              />
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </fieldset>
          <h2>{t("slots")}</h2>
          <ol>
            <For each={slots()}>
              {(s, i) => (
                <li>
                  {s.label} ·{" "}
                  <input
                    type="number"
                    min="0.5"
                    step="0.5"
                    aria-label={t("points")}
                    value={s.points}
                    onChange={(e) =>
                      setSlots(slots().map((x, k) => (k === i() ? { ...x, points: Number(e.currentTarget.value) } : x)))
                    }
                  />{" "}
                  <button type="button" onClick={() => setSlots(slots().filter((_, k) => k !== i()))}>
                    {t("remove")}
                  </button>
                </li>
              )}
            </For>
          </ol>
          <Feedback error={error()} />
          <Show when={ok()}>
            <p class="ok">{t("created")}</p>
          </Show>
          <button type="submit" class="primary">
            {t("save")}
          </button>
        </form>
      </Show>
      <label for="qz-bank">{t("bank")}</label>
      <select id="qz-bank" onChange={(e) => setBankId(e.currentTarget.value)}>
        <option value="" />
        <For each={banks()?.items ?? []}>{(b) => <option value={b.id}>{b.name}</option>}</For>
      </select>
      <Show when={bankId()}>
        <ul>
          <For each={qs()?.items ?? []}>
            {(x) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    checked={picked().has(x.id)}
                    onChange={(e) => {
                      const s = new Set(picked());
                      if (e.currentTarget.checked) s.add(x.id);
                      else s.delete(x.id);
                      setPicked(s);
                    }}
                  />{" "}
                  {x.name}
                </label>
              </li>
            )}
          </For>
        </ul>
        <button type="button" onClick={addFixed}>
          {t("addFixed")}
        </button>
        <form class="form" onSubmit={addRandom}>
          <label for="rd-cat">{t("category")}</label>
          <select id="rd-cat" name="cat">
            <For each={bank()?.categories ?? []}>
              {(c) => (
                <option value={c.id}>
                  {c.name} ({c.questions})
                </option>
              )}
            </For>
          </select>
          <label for="rd-count">{t("count")}</label>
          <input id="rd-count" name="count" type="number" min="1" value="5" />
          <label for="rd-points">{t("points")}</label>
          <input id="rd-points" name="points" type="number" min="0.5" step="0.5" value="1" />
          <label>
            <input type="checkbox" name="sub" checked /> {t("sub")}
          </label>
          <button type="submit">{t("addRandom")}</button>
        </form>
      </Show>
    </section>
  );
}
