import { createEffect, on, Show } from "solid-js";
import { api, call } from "../../api";
import { askText, confirmAction } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDate } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { transferMessages } from "./transfer-messages";

type Letter = Awaited<ReturnType<typeof fetchPage>>["items"][number];
const fetchPage = (id: string, offset: number) =>
  call(api.orgs[":id"].transfers.$get({ param: { id }, query: { offset: String(offset), limit: "20" } }));

/**
 * The org's transfers to and from other organisations: letters out (with where the member went, once
 * done) and letters in, which the receiving branch's secretary accepts (回执) or refuses with a reason.
 */
export function TransfersPanel(props: { orgId: string; changes: number; onChanged: () => void }) {
  const t = useT(transferMessages);
  const list = createPagedList((offset) => fetchPage(props.orgId, offset));
  const action = createAction(
    () => t("done"),
    () => Promise.all([list.load(), props.onChanged()]),
  );
  createEffect(on([() => props.orgId, () => props.changes], () => list.load()));

  const Actions = (p: { letter: Letter }) => (
    <>
      <Show
        when={
          p.letter.side === "in" &&
          (p.letter.state === "pending" || p.letter.state === "accepted" || p.letter.state === "copied")
        }
      >
        <button
          type="button"
          class="primary"
          onClick={async () => {
            if (await confirmAction(t("confirmAccept", { name: p.letter.displayName }), t("accept"))) {
              action.run(() => call(api.transfers[":id"].accept.$post({ param: { id: p.letter.id } })));
            }
          }}
        >
          {p.letter.state === "pending" ? t("accept") : t("finish")}
        </button>
      </Show>
      <Show when={p.letter.side === "in" && p.letter.state === "pending"}>
        <button
          type="button"
          onClick={async () => {
            const reason = await askText(t("refuseWhy", { name: p.letter.displayName }), t("reason"));
            if (reason?.trim()) {
              action.run(() =>
                call(api.transfers[":id"].refuse.$post({ param: { id: p.letter.id }, json: { reason } })),
              );
            }
          }}
        >
          {t("refuse")}
        </button>
      </Show>
      <Show when={p.letter.side === "out" && p.letter.state === "sent"}>
        <button
          type="button"
          onClick={() => action.run(() => call(api.transfers[":id"].deliver.$post({ param: { id: p.letter.id } })))}
        >
          {t("deliver")}
        </button>
      </Show>
    </>
  );

  return (
    <Show when={list.items().length > 0}>
      <section class="card" style={{ display: "block", "margin-bottom": "1rem" }} aria-label={t("title")}>
        <h2>{t("title")}</h2>
        <Feedback error={action.error() ?? list.error()} notice={action.notice()} />
        <DataTable
          empty=""
          rows={list.items()}
          columns={[
            {
              header: t("member"),
              cell: (l) => (
                <>
                  {l.displayName} <span class="tag">{t(l.side === "in" ? "in" : "out")}</span>
                </>
              ),
            },
            {
              header: t("route"),
              cell: (l) => `${l.from.tenant} ${l.from.orgName} → ${l.to.tenant} ${l.to.orgName}`,
            },
            {
              header: t("state"),
              cell: (l) => (
                <>
                  {t(`state_${l.side}_${l.state}` as "state_in_pending")}
                  <Show when={l.refusal}>
                    <span class="muted">（{l.refusal}）</span>
                  </Show>
                </>
              ),
            },
            { header: t("sentOn"), cell: (l) => formatDate(l.sentAt) },
            { header: t("actions"), cell: (l) => <Actions letter={l} /> },
          ]}
        />
        <Pager next={list.next()} onMore={list.more} />
      </section>
    </Show>
  );
}
