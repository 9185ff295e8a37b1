import { For, type JSX, Show } from "solid-js";
import { formatDay } from "../../components/format";
import { useT } from "../../i18n";
import { pledgeMessages } from "./pledgeMessages";

interface Pledge {
  text: string;
  status: "proposed" | "approved" | "rejected";
  updates: { note: string; at: number }[];
}

/** One pledge with its status and the member's progress notes (践诺); actions go in as children. */
export function PledgeCard(props: { pledge: Pledge; who: string; children?: JSX.Element }) {
  const t = useT(pledgeMessages);
  return (
    <li class="card pledge">
      <div class="row">
        <strong>{props.who}</strong>
        <span class="tag">{t(`status_${props.pledge.status}`)}</span>
      </div>
      <p class="pledge-text">{props.pledge.text}</p>
      <Show when={props.pledge.status === "approved"}>
        <details>
          <summary>
            {t("progress")} ({props.pledge.updates.length})
          </summary>
          <Show when={props.pledge.updates.length} fallback={<p class="muted">{t("noProgress")}</p>}>
            <ul class="plain">
              <For each={props.pledge.updates}>
                {(u) => (
                  <li>
                    <span class="muted">{formatDay(u.at)}</span> {u.note}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </details>
      </Show>
      {props.children}
    </li>
  );
}
