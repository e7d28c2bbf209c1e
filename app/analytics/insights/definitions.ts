/** Definitions shown as help next to each content-insights figure (shared by server and browser). */
export const INSIGHT_DEFINITIONS = {
  enrolled: "Learners who opened at least one lesson of the course.",
  started: "Enrolled learners who completed at least one lesson.",
  completed: "Learners who completed every current lesson of the course.",
  completionRate: "Completed ÷ enrolled.",
  medianTime: "Median time from opening the first lesson to completing the last one, over learners who completed.",
  rating: "Average lesson rating (1–5) across the course's lessons.",
  nps: "Course NPS: % of learners answering 9–10 minus % answering 0–6 to “How likely are you to recommend this course?”.",
  dropOff:
    "Learners who reached this lesson but never reached the next one (for the last lesson: did not complete it).",
  videoStarted:
    "Learners who played any part of this video (n for the two figures beside it). Staff and previews are never counted.",
  videoMedian:
    "Median share of the video each of those learners actually played (seeking past a part does not count it).",
  videoReached: "Share of those learners who watched at least the lesson's requireWatch per cent of the video.",
  firstTry: "Share of learners whose first attempt answered this question correctly.",
} as const;
