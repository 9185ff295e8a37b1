import { A } from "@solidjs/router";
import { DataTable } from "../../components/DataTable";
import { formatDateTime, formatNumber, formatPercent, formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { messages } from "./messages";

interface AttemptRow {
  id: string;
  quizTitle: string;
  number: number;
  state: string;
  startedAt: number;
  submittedAt: number | null;
  // Present only where the quiz's review options show the score now.
  score?: number | null;
  maxScore?: number;
  percent?: number | null;
  passed?: boolean | null;
  pending?: number;
}

/** A member's own attempts: each with its result as far as the review options show it, and its review. */
export function AttemptsTable(props: { rows: AttemptRow[] | undefined; withQuiz?: boolean; empty?: string }) {
  const t = useT(messages);
  const result = (a: AttemptRow) => {
    if (a.state !== "closed") return t("inProgress");
    if (a.maxScore === undefined) return t("notReleased");
    const score = `${t("scoreOf", { s: formatScore(a.score), m: formatScore(a.maxScore) })}（${formatPercent((a.percent ?? 0) / 100)}）`;
    if (a.pending) return `${score} · ${t("pending", { n: formatNumber(a.pending, 0) })}`;
    return `${score} · ${a.passed ? t("passed") : t("failed")}`;
  };
  return (
    <DataTable
      caption={t("history")}
      rows={props.rows}
      empty={props.empty}
      columns={[
        ...(props.withQuiz ? [{ header: t("quiz"), cell: (a: AttemptRow) => a.quizTitle }] : []),
        { header: t("attemptNo"), cell: (a) => t("attemptN", { n: formatNumber(a.number, 0) }) },
        { header: t("submittedAt"), cell: (a) => formatDateTime(a.submittedAt ?? a.startedAt) },
        { header: t("result"), cell: result },
        {
          header: t("actions"),
          cell: (a) => <A href={`/quizzes/attempt/${a.id}`}>{a.state === "open" ? t("resume") : t("review")}</A>,
        },
      ]}
    />
  );
}
