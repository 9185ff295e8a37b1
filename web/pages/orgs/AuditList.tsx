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
  const action = (code: string) =>
    code in auditMessages["zh-CN"] ? ta(code as keyof (typeof auditMessages)["zh-CN"]) : code;
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
          { header: t("action"), cell: (e) => action(e.action) },
          { header: t("entity"), cell: (e) => e.entityId.slice(0, 8) },
        ]}
      />
    </details>
  );
}
