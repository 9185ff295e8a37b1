import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { orgsWithRole } from "../../session";
import { importMessages } from "./importMessages";
import { bankMessages as messages } from "./messages";
import { QuestionEditor } from "./QuestionEditor";

function BankList() {
  const t = useT(messages);
  const [banks, { refetch }] = createResource(() => call(api.banks.$get()));
  const [error, setError] = createSignal<unknown>(null);
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const practice = String(f.get("practice") ?? "").trim();
      await call(
        api.banks.$post({
          json: { ownerOrgId: String(f.get("owner")), name: String(f.get("name")), practiceOrgId: practice || null },
        }),
      );
      await refetch();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <ul>
        <For each={banks()?.items ?? []}>
          {(b) => (
            <li>
              <A href={`/quizzes/banks/${b.id}`}>{b.name}</A>
            </li>
          )}
        </For>
      </ul>
      <form class="form" onSubmit={create}>
        <h2>{t("createBank")}</h2>
        <label for="bank-owner">{t("owner")}</label>
        <select id="bank-owner" name="owner">
          <For each={orgsWithRole("school", "admin")}>{(m) => <option value={m.orgId}>{m.orgName}</option>}</For>
        </select>
        <label for="bank-name">{t("bankName")}</label>
        <input id="bank-name" name="name" required />
        <label for="bank-practice">{t("practiceAudience")}</label>
        <input id="bank-practice" name="practice" />
        <Feedback error={error()} />
        <button type="submit" class="primary">
          {t("save")}
        </button>
      </form>
    </>
  );
}

export default function BanksPage() {
  const t = useT(messages);
  const params = useParams();
  return (
    <section class="page">
      <h1>{t("banks")}</h1>
      <Show when={params.id} fallback={<BankList />}>
        <BankEditor id={params.id as string} />
      </Show>
    </section>
  );
}

function BankEditor(props: { id: string }) {
  const t = useT(messages);
  const ti = useT(importMessages);
  const problem = (e: { code?: string; message: string }) =>
    e.code && e.code in importMessages.en
      ? `${ti(e.code as keyof typeof importMessages.en)} (${e.message})`
      : e.message;
  const [bank] = createResource(
    () => props.id,
    (id) => call(api.banks[":id"].$get({ param: { id } })),
  );
  const [list, { refetch }] = createResource(
    () => props.id,
    (id) => call(api.banks[":id"].questions.$get({ param: { id }, query: { limit: "200" } })),
  );
  const [result, setResult] = createSignal<{
    imported?: number;
    errors?: { line?: number; row?: number; column?: string; code?: string; message: string }[];
    notes?: { message: string }[];
  } | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [note, setNote] = createSignal("");
  const [editing, setEditing] = createSignal<string | null | undefined>(undefined);
  const importFile = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const file = f.get("file") as File | null;
    const body = file && file.size > 0 ? await file.arrayBuffer() : String(f.get("text") ?? "");
    const res = await fetch(`/api/banks/${props.id}/import?format=${f.get("format")}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "text/plain" },
    });
    setResult(await res.json());
    await refetch();
  };
  const regrade = async (id: string, mode: "newKey" | "fullMarks") => {
    if (!confirm(t(mode === "newKey" ? "regradeNew" : "regradeFull"))) return;
    try {
      const r = await call(api.questions[":id"].regrade.$post({ param: { id }, json: { mode } }));
      setNote(t("regraded", { n: r.regraded }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h2>{bank()?.name}</h2>
      <p>
        <a href={`/api/banks/${props.id}/export?format=gift`} download="bank.gift.txt">
          {t("export")}
        </a>{" "}
        <a href={`/api/banks/${props.id}/export?format=csv`} download="bank.csv">
          {t("exportCsv")}
        </a>
      </p>
      <p class="muted">{t("exportCsvHint")}</p>
      <form class="form" onSubmit={importFile}>
        <h3>{t("importTitle")}</h3>
        <p class="muted">{t("importHelp")}</p>
        <label for="imp-format">{t("format")}</label>
        <select id="imp-format" name="format">
          <option value="gift">GIFT</option>
          <option value="csv">CSV</option>
        </select>
        <label for="imp-file">{t("file")}</label>
        <input id="imp-file" name="file" type="file" accept=".txt,.gift,.csv" />
        <label for="imp-text">{t("pasteText")}</label>
        <textarea id="imp-text" name="text" rows={6} />
        <button type="submit" class="primary">
          {t("import")}
        </button>
      </form>
      <Show when={result()}>
        {(r) => (
          <Show when={r().errors?.length} fallback={<p class="ok">{t("imported", { n: r().imported ?? 0 })}</p>}>
            <p class="error" role="alert">
              {t("importErrors", { n: r().errors?.length ?? 0 })}
            </p>
            <ul>
              <For each={r().errors}>
                {(e) => (
                  <li>
                    {e.row ? t("row", { n: e.row, c: e.column ?? "" }) : t("line", { n: e.line ?? 0 })}: {problem(e)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={result()?.notes?.length}>
        <p class="muted">{t("importNotes", { n: result()?.notes?.length ?? 0 })}</p>
        <ul>
          <For each={result()?.notes}>{(n) => <li>{n.message}</li>}</For>
        </ul>
      </Show>
      <button type="button" onClick={() => setEditing(null)}>
        {t("newQuestion")}
      </button>
      <Show when={editing() !== undefined}>
        <QuestionEditor
          bankId={props.id}
          id={editing() ?? null}
          categories={bank()?.categories ?? []}
          onDone={() => {
            setEditing(undefined);
            void refetch();
          }}
        />
      </Show>
      <Show when={note()}>
        <p class="ok">{note()}</p>
      </Show>
      <Show when={error()}>
        <p class="error">{failureText(error())}</p>
      </Show>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("type")}</th>
              <th>{t("version")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()?.items ?? []}>
              {(q) => (
                <tr>
                  <td>{q.name}</td>
                  <td>{t(`types_${q.type}` as "types_single")}</td>
                  <td>{q.version}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(q.id)}>
                      {t("edit")}
                    </button>{" "}
                    <button type="button" onClick={() => regrade(q.id, "newKey")}>
                      {t("regradeNew")}
                    </button>{" "}
                    <button type="button" onClick={() => regrade(q.id, "fullMarks")}>
                      {t("regradeFull")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  );
}
