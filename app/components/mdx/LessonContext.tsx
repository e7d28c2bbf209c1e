import { createContext, useContext } from "react";

/** Per-lesson data the MDX components read (quiz form state, product base URL). */
export interface LessonContextValue {
  productUrl: string;
  quiz: null | {
    questions: { id: string; prompt: string; multiple: boolean; options: { id: string; text: string }[] }[];
    feedback: null | { attempt: number; score: number; passed: boolean; passMark: number; questions: Record<string, { correct: boolean; chosen: string[]; explanation: string | null }> };
    passMark: number;
    canSubmit: boolean;
    /** An author's or admin's try: graded, stored as a preview attempt, never counted. */
    preview?: boolean;
    error: string | null;
  };
}
export const LessonContext = createContext<LessonContextValue>({ productUrl: "", quiz: null });
export const useLessonContext = () => useContext(LessonContext);
