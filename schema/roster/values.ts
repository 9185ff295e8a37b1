export const TRANSFER_SIDES = ["out", "in"] as const;
export const TRANSFER_STATES = ["sent", "delivered", "pending", "accepted", "copied", "done", "refused"] as const;
