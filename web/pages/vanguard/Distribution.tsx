import { For } from "solid-js";
import { useT } from "../../i18n";
import { vanguardMessages } from "./messages";

const BANDS = ["0-59", "60-69", "70-79", "80-89", "90-100", "missing"];

/** Counts per band as plain bars: a distribution, never a ranking. */
export function Distribution(props: { bands: Record<string, number> }) {
  const t = useT(vanguardMessages);
  const max = () => Math.max(1, ...Object.values(props.bands));
  return (
    <table class="distribution">
      <caption>{t("distribution")}</caption>
      <tbody>
        <For each={BANDS}>
          {(b) => (
            <tr>
              <th scope="row">{b === "missing" ? t("band_missing") : b}</th>
              <td>
                <div class="progress" aria-hidden="true">
                  <span style={{ width: `${((props.bands[b] ?? 0) / max()) * 100}%` }} />
                </div>
              </td>
              <td>{props.bands[b] ?? 0}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
