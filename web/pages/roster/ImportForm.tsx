import { createSignal, For, Show } from "solid-js";
import { ApiFailure, api, call, type ErrorDetail } from "../../api";
import { Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { errorText } from "../../i18n/errors";
import { rosterMessages } from "./messages";

/** Sends the file's bytes as they are: the server decodes UTF-8 or GB18030 and reports row by row. */
export function ImportForm(props: { orgId: string; onImported: () => void }) {
  const t = useT(rosterMessages);
  const [error, setError] = createSignal<unknown>(null);
  const [done, setDone] = createSignal<number | null>(null);
  const rows = () => {
    const err = error();
    return err instanceof ApiFailure && err.code === "import_rejected" ? (err.details as ErrorDetail[]) : [];
  };
  const upload = async (file: File) => {
    setError(null);
    setDone(null);
    try {
      const result = await call(
        api.orgs[":id"].members.import.$post(
          { param: { id: props.orgId } },
          { init: { body: await file.arrayBuffer(), headers: { "Content-Type": "text/csv" } } },
        ),
      );
      setDone(result.imported);
      props.onImported();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="card" style={{ display: "block" }}>
      <h2>{t("importTitle")}</h2>
      <p class="muted">{t("importHelp")}</p>
      <Field label={t("importFile")}>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) upload(file);
            e.currentTarget.value = "";
          }}
        />
      </Field>
      <Show when={done() !== null}>
        <p class="ok" role="status">
          {t("imported", { n: done() ?? 0 })}
        </p>
      </Show>
      <Feedback error={error()} />
      <Show when={rows().length}>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("row")}</th>
                <th>{t("column")}</th>
                <th>{t("problem")}</th>
                <th>{t("value")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <td>{r.row}</td>
                    <td>{r.column}</td>
                    <td>{errorText(r.code)}</td>
                    <td>{r.value}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
