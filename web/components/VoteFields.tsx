import { Field } from "./Field";

/** The counted vote of a branch general meeting: entitled, for, against, abstain (names the API reads). */
export function VoteFields(props: { labels: { entitled: string; for: string; against: string; abstain: string } }) {
  return (
    <>
      <Field label={props.labels.entitled} name="entitled">
        <input name="entitled" type="number" min="0" step="1" required />
      </Field>
      <div class="row">
        <Field label={props.labels.for} name="for">
          <input name="for" type="number" min="0" step="1" required />
        </Field>
        <Field label={props.labels.against} name="against">
          <input name="against" type="number" min="0" step="1" value="0" required />
        </Field>
        <Field label={props.labels.abstain} name="abstain">
          <input name="abstain" type="number" min="0" step="1" value="0" required />
        </Field>
      </div>
    </>
  );
}
