import { Callout } from "./Callout";
import { Checklist, FeatureLink, Step, Steps, Tab, Tabs } from "./Blocks";
import { Video } from "./Video";
import { QuizSlot } from "./Quiz";

/** Components every lesson may use without importing them (<Quiz> is compiled into <QuizSlot />). */
export const mdxComponents = { Callout, Checklist, FeatureLink, Step, Steps, Tab, Tabs, Video, QuizSlot };
