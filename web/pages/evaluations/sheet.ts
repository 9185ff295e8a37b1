import { api, call } from "../../api";

/** The cycle's decision sheet as the API answers it: sealed progress while the ballot is open, the tally after. */
const loadSheet = (id: string) => call(api["eval-cycles"][":id"].tally.$get({ param: { id } }));
export type Sheet = Awaited<ReturnType<typeof loadSheet>>;
