import type { SerializeFrom } from "@remix-run/node";
import type { ReportPageModel } from "./page-model.server";

/** The report as the page receives it (JSON-serialised loader data). */
export type ReportView = SerializeFrom<ReportPageModel>;
