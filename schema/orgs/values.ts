export const ORG_KINDS = ["committee", "branch", "group", "school"] as const;
export const ORG_TYPES = [
  "unit",
  "regional",
  "industry",
  "network",
  "non_public",
  "social",
  "village",
  "community",
  "school",
  "institution",
  "enterprise",
] as const;
export const ROLES = ["member", "secretary", "school", "admin"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export type OrgType = (typeof ORG_TYPES)[number];
export type Role = (typeof ROLES)[number];

/** Where an org may be moved: a party group under a branch, any other org under a committee. */
export const parentKindOf = (kind: OrgKind): OrgKind => (kind === "group" ? "branch" : "committee");
