import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** 160 random bits, URL-safe. */
export const newRatingToken = () => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));

export const hashText = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** Tokens are only ever stored as this hash. */
export const tokenHash = (token: string) => hashText(`rating-token:${token}`);

export const looksLikeToken = (token: string) => /^[a-z2-7]{32}$/.test(token);
