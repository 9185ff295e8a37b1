export const SERVICE_CATEGORIES = ["production", "legal_aid", "culture", "volunteer", "assistance", "other"] as const;
export const SERVICE_STATUSES = ["pending", "confirmed", "rejected"] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
