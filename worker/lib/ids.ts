import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** Random, unguessable text id (120 bits). */
export function newId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
