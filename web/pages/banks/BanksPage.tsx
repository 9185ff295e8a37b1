import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, onMount, Show } from "solid-js";
import { ApiFailure, api, apiFetch, call } from "../../api";
import { ActionForm, optionalText, requireFilled } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { FileInput } from "../../components/FileInput";
import { formatNumber } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { SearchPicker } from "../../components/SearchPicker";
import { sheetMessages } from "../../components/SheetDownloads";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { orgsWithRole } from "../../session";
import { bankMessages as messages } from "./messages";
import { QuestionEditor } from "./QuestionEditor";

function BankList() {
  const t = useT(messages);
  const navigate = useNavigate();
  const [banks] = createResource(() => call(api.banks.$get()));
  const [audiences] = createResource(() => call(api.quizzes.audiences.$get()));
  const owners = () => orgsWithRole("school", "admin").map((m) => ({ id: m.orgId, label: m.orgName }));
  const [owner, setOwner] = createSignal("");
  const [practice, setPractice] = createSignal("");
  const ownerId = () => owner() || owners()[0]?.id || "";
  const action = createAction(() => t("created"));
  const create = async (f: FormData, form: HTMLFormElement) => {
    requireFilled(form);
    const bank = await call(
      api.banks.$post({
        json: { ownerOrgId: ownerId(), name: String(f.get("name")), practiceOrgId: optionalText(practice()) },
      }),
    );
    navigate(`/quizzes/banks/${bank.id}`);
  };
  return (
    <>
      <DataTable
        caption={t("banks")}
        rows={banks()?.items}
        empty={banks() ? t("noBanks") : undefined}
        columns={[{ header: t("bankName"), cell: (b) => <A href={`/quizzes/banks/${b.id}`}>{b.name}</A> }]}
      />
      <h2>{t("createBank")}</h2>
      <ActionForm action={action} onSubmit={create} submit={t("save")} novalidate>
        <Show when={owners().length > 1}>
          <SearchPicker label={t("owner")} items={owners()} value={ownerId()} onChange={setOwner} required />
        </Show>
        <Field label={t("bankName")} name="name">
          <input name="name" required />
        </Field>
        <SearchPicker
          label={t("practiceAudience")}
          name="practiceOrgId"
          none={t("practiceNone")}
          items={(audiences()?.items ?? [])
            .filter((o) => o.owners.includes(ownerId()))
            .map((o) => ({ id: o.id, label: o.name, depth: o.depth }))}
          value={practice()}
          onChange={setPractice}
        />
      </ActionForm>
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

interface ImportResult {
  imported?: number;
  errors?: { code: string; message: string }[];
  notes?: { message: string }[];
}

function BankEditor(props: { id: string }) {
  const tSheet = useT(sheetMessages);
  const t = useT(messages);
  const [bank, { refetch: refetchBank }] = createResource(
    () => props.id,
    (id) => call(api.banks[":id"].$get({ param: { id } })),
  );
  const list = createPagedList((offset) =>
    call(api.banks[":id"].questions.$get({ param: { id: props.id }, query: { offset: String(offset) } })),
  );
  onMount(() => void list.load());
  const reload = () => Promise.all([list.load(), refetchBank()]);
  const [result, setResult] = createSignal<ImportResult | null>(null);
  const importing = createAction(() => t("imported", { n: result()?.imported ?? 0 }), reload);
  const importFile = async (f: FormData) => {
    setResult(null);
    const file = f.get("file") as File | null;
    const body = file && file.size > 0 ? await file.arrayBuffer() : String(f.get("text") ?? "");
    const res = await apiFetch(`/api/banks/${props.id}/import?format=${f.get("format")}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "text/plain" },
    }).catch(() => null);
    if (!res) throw new ApiFailure(0, "network", "network error", null);
    const json = (await res.json()) as ImportResult & { error?: { code: string } };
    setResult(json);
    if (json.errors?.length) throw new ApiFailure(res.status, "import_rejected", "", json.errors);
    if (!res.ok) throw new ApiFailure(res.status, json.error?.code ?? "internal", "", null);
  };
  const importText = (err: unknown) =>
    err instanceof ApiFailure && err.code === "import_rejected"
      ? t("importErrors", { n: result()?.errors?.length ?? 0 })
      : failureText(err);
  const [regraded, setRegraded] = createSignal(0);
  const regrading = createAction(() => t("regraded", { n: formatNumber(regraded(), 0) }));
  const regrade = async (id: string, name: string, mode: "newKey" | "fullMarks") => {
    const ask = t(mode === "newKey" ? "confirmRegradeNew" : "confirmRegradeFull", { q: name });
    if (!(await confirmAction(ask, t(mode === "newKey" ? "regradeNew" : "regradeFull")))) return;
    await regrading.run(async () => {
      const r = await call(api.questions[":id"].regrade.$post({ param: { id }, json: { mode } }));
      setRegraded(r.regraded);
    });
  };
  const [editing, setEditing] = createSignal<string | null | undefined>(undefined);
  return (
    <>
      <p>
        <A href="/quizzes/banks">{t("allBanks")}</A>
      </p>
      <h2>{bank()?.name}</h2>
      <p class="row actions">
        <a href={`/api/banks/${props.id}/export?format=gift`} download="bank.gift.txt">
          {t("export")}
        </a>
        <a href={`/api/banks/${props.id}/export?format=csv`} download="bank.csv">
          {t("exportCsv")}
        </a>
        <a href={`/api/banks/${props.id}/export?format=xlsx`} download="bank.xlsx">
          {tSheet("exportExcel")}
        </a>
      </p>
      <p class="muted">{t("exportCsvHint")}</p>

      <h3>{t("questions")}</h3>
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
            void reload();
          }}
        />
      </Show>
      <Feedback error={regrading.error()} notice={regrading.notice()} />
      <Feedback error={list.error()} />
      <DataTable
        caption={t("questions")}
        rows={list.items()}
        empty={list.loaded() ? t("noQuestions") : undefined}
        columns={[
          { header: t("name"), cell: (q) => q.name },
          { header: t("type"), cell: (q) => t(`types_${q.type}` as "types_single") },
          { header: t("version"), cell: (q) => formatNumber(q.version, 0) },
          {
            header: t("actions"),
            cell: (q) => (
              <span class="row actions">
                <button type="button" onClick={() => setEditing(q.id)}>
                  {t("edit")}
                </button>
                <button type="button" onClick={() => regrade(q.id, q.name, "newKey")}>
                  {t("regradeNew")}
                </button>
                <button type="button" onClick={() => regrade(q.id, q.name, "fullMarks")}>
                  {t("regradeFull")}
                </button>
              </span>
            ),
          },
        ]}
      />
      <Pager next={list.next()} onMore={() => void list.more()} />

      <CategoryForm bankId={props.id} categories={bank()?.categories ?? []} onDone={refetchBank} />

      <h3>{t("importTitle")}</h3>
      <p class="muted">{t("importHelp")}</p>
      <ActionForm action={importing} onSubmit={importFile} submit={t("import")} text={importText}>
        <Field label={t("format")}>
          <select name="format">
            <option value="gift">GIFT</option>
            <option value="csv">CSV / Excel (.xlsx)</option>
          </select>
        </Field>
        <Field label={t("file")}>
          <FileInput name="file" accept=".txt,.gift,.csv,.xlsx" />
        </Field>
        <Field label={t("pasteText")}>
          <textarea name="text" rows={6} />
        </Field>
      </ActionForm>
      <Show when={result()?.errors?.length}>
        <ul class="import-problems">
          <For each={result()?.errors}>{(e) => <li>{e.message}</li>}</For>
        </ul>
      </Show>
      <Show when={result()?.notes?.length}>
        <p class="muted">{t("importNotes", { n: formatNumber(result()?.notes?.length ?? 0, 0) })}</p>
        <ul>
          <For each={result()?.notes}>{(n) => <li>{n.message}</li>}</For>
        </ul>
      </Show>
    </>
  );
}

/** A new category, at the top or under one the bank has, chosen by name. */
function CategoryForm(props: {
  bankId: string;
  categories: { id: string; name: string; path: string }[];
  onDone: () => unknown;
}) {
  const t = useT(messages);
  const [parent, setParent] = createSignal("");
  const action = createAction(() => t("created"), props.onDone);
  const create = async (f: FormData, form: HTMLFormElement) => {
    requireFilled(form);
    await call(
      api.banks[":id"].categories.$post({
        param: { id: props.bankId },
        json: { name: String(f.get("name")), parentId: optionalText(parent()) },
      }),
    );
    form.reset();
  };
  return (
    <>
      <h3>{t("newCategory")}</h3>
      <ActionForm action={action} onSubmit={create} submit={t("addCategory")} novalidate>
        <Field label={t("categoryName")} name="name">
          <input name="name" required />
        </Field>
        <SearchPicker
          label={t("parentCategory")}
          none={t("topLevel")}
          items={props.categories.map((c) => ({ id: c.id, label: c.name, depth: c.path.split("/").length - 3 }))}
          value={parent()}
          onChange={setParent}
        />
      </ActionForm>
    </>
  );
}
