import { createSignal } from "solid-js";
import { api, call } from "../api";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { me } from "../session";

/**
 * The large-text mode for older members (长辈版, MIIT 适老化): one class on <html> switches the sizes in
 * styles.css. Kept in localStorage so the login page already shows it, and on the account once logged in.
 */
const STORAGE_KEY = "elder";
const [elder, setElderSignal] = createSignal(
  typeof localStorage !== "undefined" && localStorage.getItem(STORAGE_KEY) === "1",
);
// A choice made before logging in is carried onto the account by the login that follows.
let chosenBeforeLogin = false;

export function applyElder(on: boolean) {
  localStorage.setItem(STORAGE_KEY, on ? "1" : "0");
  document.documentElement.classList.toggle("elder", on);
  setElderSignal(on);
}

export { elder };

/** After a login: the account keeps what was chosen on the login page. */
export async function saveElderChoice() {
  if (chosenBeforeLogin) await call(api.me.$patch({ json: { elder: elder() } })).catch(() => {});
  chosenBeforeLogin = false;
}

/** The on/off switch, in the profile and on the login page. */
export function ElderSwitch() {
  const t = useT(shellMessages);
  return (
    <label class="elder-switch">
      <input
        type="checkbox"
        class="elder-check"
        role="switch"
        checked={elder()}
        aria-checked={elder()}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          applyElder(on);
          if (me()) call(api.me.$patch({ json: { elder: on } })).catch(() => {});
          else chosenBeforeLogin = true;
        }}
      />
      <span>{t("elder")}</span>
    </label>
  );
}
