/**
 * A vote of the branch general meeting passes when "for" exceeds half of the full members entitled to vote
 * (细则 art. 22 for admissions; the same rule for 劝其退党 and 除名). Used by development and follow-ups.
 */
export const votePasses = (forVotes: number, entitled: number) => forVotes * 2 > entitled;
