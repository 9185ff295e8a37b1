import { children, createContext, createEffect, createUniqueId, type JSX, Show, useContext } from "solid-js";
import { lazyErrors } from "./Feedback";

/** The failure of the form a field sits in (see ActionForm), so a field finds its own error by name. */
export const FormError = createContext<() => unknown>(() => null);

/**
 * A label, one control and the error for it. The control gets the id the label points to (unless it has
 * one) and aria-describedby/aria-invalid pointing at the error while there is one.
 * The error is `error` when given, else the server's error for `name` in the enclosing ActionForm.
 */
export function Field(props: { label: string; name?: string; error?: string; children: JSX.Element }) {
  const formError = useContext(FormError);
  const errorId = createUniqueId();
  const control = children(() => props.children);
  const element = () => control.toArray().find((c): c is HTMLElement => c instanceof HTMLElement);
  const id = () => {
    const el = element();
    if (el && !el.id) el.id = createUniqueId();
    return el?.id;
  };
  const message = () =>
    props.error ?? (props.name && formError() ? lazyErrors()?.fieldText(formError(), props.name) : undefined);
  createEffect(() => {
    const el = element();
    if (!el) return;
    if (message()) {
      el.setAttribute("aria-describedby", errorId);
      el.setAttribute("aria-invalid", "true");
    } else {
      el.removeAttribute("aria-describedby");
      el.removeAttribute("aria-invalid");
    }
  });
  return (
    <div class="field">
      <label for={id()}>{props.label}</label>
      {control()}
      <Show when={message()}>
        <p class="field-error" id={errorId}>
          {message()}
        </p>
      </Show>
    </div>
  );
}
