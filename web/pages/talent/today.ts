/** Today in Asia/Shanghai as "YYYY-MM-DD": the default and the latest day of a dated step. */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
