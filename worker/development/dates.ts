/** The latest of some "YYYY-MM-DD" days (a date string compares as text). */
export const maxDate = (...dates: (string | undefined)[]) =>
  dates.filter((d): d is string => !!d).reduce<string | undefined>((a, b) => (a && a > b ? a : b), undefined);
