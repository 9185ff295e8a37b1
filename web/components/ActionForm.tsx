import type { JSX } from "solid-js";
import { ApiFailure } from "../api";
import { type Action, Feedback } from "./Feedback";
import { FormError } from "./Field";

/**
 * A form bound to a createAction: submitting runs `onSubmit` with the form's data through the action,
 * the Fields inside show the server's errors by name, and the outcome (alert or status) appears above
 * the submit button, which is disabled while the action runs. `feedback={false}` when the page shows the
 * outcome elsewhere.
 */
export function ActionForm(props: {
  action: Action;
  onSubmit: (data: FormData, form: HTMLFormElement) => Promise<unknown>;
  submit: string;
  primary?: boolean;
  disabled?: boolean;
  feedback?: boolean;
  /** A feature's own error texts (defaults to the generic failureText). */
  text?: (err: unknown) => string;
  class?: string;
  /** Leave checking to the server (the fields' errors come back by name). */
  novalidate?: boolean;
  children: JSX.Element;
}) {
  return (
    <FormError.Provider value={props.action.error}>
      <form
        class={props.class ?? "form"}
        novalidate={props.novalidate}
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          props.action.run(() => props.onSubmit(new FormData(form), form));
        }}
      >
        {props.children}
        {props.feedback !== false && (
          <Feedback error={props.action.error()} notice={props.action.notice()} text={props.text} />
        )}
        <button
          type="submit"
          class={props.primary === false ? undefined : "primary"}
          disabled={props.disabled || props.action.busy()}
        >
          {props.submit}
        </button>
      </form>
    </FormError.Provider>
  );
}

/** A form value trimmed, or null when left empty (for optional fields). */
export const optionalText = (v: FormDataEntryValue | null) => (v && String(v).trim() ? String(v).trim() : null);

/**
 * For a form that leaves checking to the page (novalidate): fails like the server would, naming every
 * required control left empty (and `alsoEmpty`: lists the page keeps), so each Field shows its error beside
 * the control instead of a browser tooltip.
 */
export function requireFilled(form: HTMLFormElement, alsoEmpty: string[] = []) {
  const controls = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[required]");
  const empty = [...controls]
    .filter((c) => c.name && !c.disabled && !String(c.value).trim())
    .map((c) => c.name)
    .concat(alsoEmpty)
    .map((path) => ({ path, code: "required", message: "required" }));
  if (empty.length) throw new ApiFailure(400, "invalid_input", "required fields are empty", empty);
}
