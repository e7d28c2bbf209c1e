import { createContext, useContext } from "react";

/** Per-lesson data the MDX components read (quiz form state, product base URL, video watching). */
export interface LessonContextValue {
  productUrl: string;
  quiz: null | {
    questions: { id: string; prompt: string; multiple: boolean; options: { id: string; text: string }[] }[];
    feedback: null | {
      attempt: number;
      score: number;
      passed: boolean;
      passMark: number;
      questions: Record<string, { correct: boolean; chosen: string[]; explanation: string | null }>;
    };
    passMark: number;
    canSubmit: boolean;
    /** An author's or admin's try: graded, stored as a preview attempt, never counted. */
    preview?: boolean;
    error: string | null;
  };
  /** Video watching: recorded only for a learner (`track`); shares per video key, in per cent. */
  video?: {
    lessonId: string;
    track: boolean;
    shares: Record<string, number>;
    onShare: (key: string, percent: number) => void;
    /** A watch rule still holds the completion back (a passed quiz alone does not complete the lesson). */
    completionHeld?: boolean;
  };
}
export const LessonContext = createContext<LessonContextValue>({ productUrl: "", quiz: null });
export const useLessonContext = () => useContext(LessonContext);
