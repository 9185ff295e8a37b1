import { createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { formatNumber } from "../../components/format";
import { SearchPicker } from "../../components/SearchPicker";
import { useT } from "../../i18n";
import { bankMessages } from "../banks/messages";
import { messages } from "./messages";

/** One slot of a quiz: a fixed question or a draw from a category, with its points. */
export type Slot = {
  questionId?: string;
  categoryId?: string;
  count?: number;
  includeSubcategories?: boolean;
  points: number;
  label: string;
};

/**
 * Where a quiz's questions come from: a bank picked by name, then questions ticked from it, or a number
 * drawn at random from one of its categories. Nothing is read before a bank is chosen.
 */
export function SlotSources(props: { onAdd: (slots: Slot[]) => void }) {
  const t = useT(messages);
  const types = useT(bankMessages);
  const [banks] = createResource(() => call(api.banks.$get()));
  const [bankId, setBankId] = createSignal("");
  // Solid skips a fetch only for false, null or undefined: an empty string would ask for /api/banks//….
  const chosen = () => bankId() || false;
  const [bank] = createResource(chosen, (id) => call(api.banks[":id"].$get({ param: { id } })));
  const [list] = createResource(chosen, (id) =>
    call(api.banks[":id"].questions.$get({ param: { id }, query: { limit: "200" } })),
  );
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [category, setCategory] = createSignal("");
  const [count, setCount] = createSignal(5);
  const [points, setPoints] = createSignal(1);
  const [sub, setSub] = createSignal(true);
  const addFixed = () => {
    const chosen = (list()?.items ?? []).filter((x) => picked().has(x.id));
    props.onAdd(chosen.map((x) => ({ questionId: x.id, points: 1, label: x.name })));
    setPicked(new Set<string>());
  };
  const addRandom = () => {
    const cat = bank()?.categories.find((c) => c.id === category());
    if (!cat) return;
    props.onAdd([
      {
        categoryId: cat.id,
        count: count(),
        includeSubcategories: sub(),
        points: points(),
        label: t("random", { n: count(), c: cat.name }),
      },
    ]);
  };
  return (
    <div class="card slot-sources">
      <SearchPicker
        label={t("bank")}
        items={(banks()?.items ?? []).map((b) => ({ id: b.id, label: b.name }))}
        value={bankId()}
        onChange={setBankId}
      />
      <Show when={bankId()}>
        <fieldset>
          <legend>{t("pickQuestions")}</legend>
          <ul class="plain">
            <For each={list()?.items ?? []} fallback={<li class="muted">{t("bankEmpty")}</li>}>
              {(x) => (
                <li>
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={picked().has(x.id)}
                      onChange={(e) => {
                        const s = new Set(picked());
                        if (e.currentTarget.checked) s.add(x.id);
                        else s.delete(x.id);
                        setPicked(s);
                      }}
                    />
                    <span>
                      {x.name} <span class="muted">· {types(`types_${x.type}` as "types_single")}</span>
                    </span>
                  </label>
                </li>
              )}
            </For>
          </ul>
          <button type="button" disabled={picked().size === 0} onClick={addFixed}>
            {t("addFixed")}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t("addRandom")}</legend>
          <SearchPicker
            label={t("category")}
            items={(bank()?.categories ?? []).map((c) => ({
              id: c.id,
              label: `${c.name}（${formatNumber(c.questions, 0)}）`,
              depth: c.path.split("/").length - 3,
            }))}
            value={category()}
            onChange={setCategory}
          />
          <div class="row">
            <label>
              {t("count")}
              <input type="number" min="1" value={count()} onInput={(e) => setCount(Number(e.currentTarget.value))} />
            </label>
            <label>
              {t("points")}
              <input
                type="number"
                min="0.5"
                step="0.5"
                value={points()}
                onInput={(e) => setPoints(Number(e.currentTarget.value))}
              />
            </label>
          </div>
          <label class="choice">
            <input type="checkbox" checked={sub()} onChange={(e) => setSub(e.currentTarget.checked)} />
            <span>{t("sub")}</span>
          </label>
          <button type="button" disabled={!category()} onClick={addRandom}>
            {t("addRandom")}
          </button>
        </fieldset>
      </Show>
    </div>
  );
}
