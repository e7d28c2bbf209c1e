export * from "./identity";
export * from "./learning";
export * from "./customers";
export * from "./analytics";
export * from "./assignments";
export * from "./notifications";
