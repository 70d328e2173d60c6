/** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export const ratingLevels = [5, 4, 3, 2, 1] as const
export type RatingLevel = (typeof ratingLevels)[number]

/** Stored levels are 1–5 (a check constraint); the guard lets the type say so. */
export function isRatingLevel(level: number): level is RatingLevel {
  return Number.isInteger(level) && level >= 1 && level <= 5
}

/** The message key naming a level: 非常满意 … 非常不满意. */
export function levelKey(level: RatingLevel) {
  return `timeline.levels.${level}` as const
}

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
  const counts: Record<RatingLevel, number> = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 }
  for (const level of levels) if (isRatingLevel(level)) counts[level]++
  const total = levels.filter(isRatingLevel).length
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
