import { useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api, call } from "../../api";
import { Feedback } from "../../components/Feedback";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { creditParams } from "./labels";
import { courseMessages } from "./messages";

/** A printable certificate of one credited completion (see the print rules in styles.css). */
export default function CertificatePage() {
  const t = useT(courseMessages);
  const params = useParams();
  const [cert] = createResource(
    () => params.id,
    (id) => call(api.completions[":id"].certificate.$get({ param: { id } })),
  );
  return (
    <section class="page">
      <Feedback error={cert.error} />
      <Show when={cert()}>
        {(c) => (
          <>
            <article class="certificate">
              <h1>{t("certHeading")}</h1>
              <p class="cert-body">
                {t("certBody", {
                  name: c().memberName,
                  date: formatDate(c().completedAt),
                  school: c().schoolName,
                  course: c().courseTitle,
                  ...creditParams(t, c().hours),
                })}
              </p>
              <p>{t("certOrg", { org: c().orgName })}</p>
              <p class="cert-school">{c().schoolName}</p>
              <p class="muted cert-id">No. {c().id}</p>
            </article>
            <p class="no-print">
              <button type="button" class="primary" onClick={() => window.print()}>
                {t("print")}
              </button>
            </p>
          </>
        )}
      </Show>
    </section>
  );
}
