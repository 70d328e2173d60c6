/** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export const ratingLevels = [5, 4, 3, 2, 1] as const
export type RatingLevel = (typeof ratingLevels)[number]

/** 不满意 and 非常不满意 from a reporter need a reason and send the duty to review (复核). */
export function isUnsatisfied(level: number): boolean {
  return level <= 2
}

export interface Distribution {
  total: number
  /** Count per level, 5 down to 1. */
  levels: Record<RatingLevel, number>
  /** Share of 基本满意 or better, 0–100, null with no ratings. */
  satisfaction: number | null
}

export function distribution(levels: number[]): Distribution {
  const counts = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } as Record<RatingLevel, number>
  for (const level of levels) if (level >= 1 && level <= 5) counts[level as RatingLevel]++
  const total = levels.filter((l) => l >= 1 && l <= 5).length
  const satisfied = counts[5] + counts[4] + counts[3]
  return {
    total,
    levels: counts,
    satisfaction: total ? Math.round((satisfied / total) * 100) : null,
  }
}

/** Working days after resolution before the one reminder to reporters who have not rated. */
export const REMINDER_AFTER_DAYS = 3
/** A reopened duty's new deadline, unless the coordinator sets another. */
export const REOPEN_DEADLINE_DAYS = 15
