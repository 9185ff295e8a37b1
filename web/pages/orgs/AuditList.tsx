import { createResource } from "solid-js";
import { api, call } from "../../api";
import { DataTable } from "../../components/DataTable";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { auditMessages } from "./auditMessages";
import { orgMessages } from "./messages";

/** The latest writes in an org's subtree: who changed what, when. */
export function AuditList(props: { orgId: string }) {
  const t = useT(orgMessages);
  const ta = useT(auditMessages);
  type Key = keyof (typeof auditMessages)["zh-CN"];
  const named = (key: string) => key in auditMessages["zh-CN"];
  // The kind of record, never its id; an action without a name reads as a change of that kind.
  const entity = (kind: string) => ta(named(`entity_${kind}`) ? (`entity_${kind}` as Key) : "entity_other");
  const action = (code: string, kind: string) =>
    named(code) ? ta(code as Key) : ta("changed", { what: entity(kind) });
  const [entries] = createResource(
    () => props.orgId,
    async (id) => (await call(api.orgs[":id"].audit.$get({ param: { id }, query: { limit: "20" } }))).items,
  );
  return (
    <details>
      <summary>{t("audit")}</summary>
      <DataTable
        rows={entries()}
        columns={[
          { header: t("when"), cell: (e) => formatDateTime(e.at) },
          { header: t("action"), cell: (e) => action(e.action, e.entity) },
          { header: t("entity"), cell: (e) => entity(e.entity) },
        ]}
      />
    </details>
  );
}
