import { createSignal, Show } from "solid-js";
import { ApiFailure, api, call, type ErrorDetail } from "../../api";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { FileInput } from "../../components/FileInput";
import { useT } from "../../i18n";
import { errorText } from "../../i18n/errors";
import { rosterMessages } from "./messages";

/** Sends the file's bytes as they are: the server decodes UTF-8 or GB18030 and reports row by row. */
export function ImportForm(props: { orgId: string; onImported: () => void }) {
  const t = useT(rosterMessages);
  const [imported, setImported] = createSignal(0);
  const action = createAction(() => t("imported", { n: imported() }), props.onImported);
  const rows = () => {
    const err = action.error();
    return err instanceof ApiFailure && err.code === "import_rejected" ? (err.details as ErrorDetail[]) : [];
  };
  const upload = (file: File) =>
    action.run(async () => {
      const result = await call(
        api.orgs[":id"].members.import.$post(
          { param: { id: props.orgId } },
          { init: { body: await file.arrayBuffer(), headers: { "Content-Type": "text/csv" } } },
        ),
      );
      setImported(result.imported);
    });
  return (
    <div class="card" style={{ display: "block" }}>
      <h2>{t("importTitle")}</h2>
      <p class="muted">{t("importHelp")}</p>
      <Field label={t("importFile")}>
        <FileInput
          id="import-file"
          accept=".csv,text/csv,.xlsx"
          onFile={(input) => {
            const file = input.files?.[0];
            if (file) upload(file);
            input.value = "";
          }}
        />
      </Field>
      <Feedback error={action.error()} notice={action.notice()} />
      <Show when={rows().length}>
        <DataTable
          rows={rows()}
          columns={[
            { header: t("row"), cell: (r) => r.row },
            { header: t("column"), cell: (r) => r.column },
            { header: t("problem"), cell: (r) => errorText(r.code) },
            { header: t("value"), cell: (r) => r.value },
          ]}
        />
      </Show>
    </div>
  );
}
