import { Callout } from "./Callout";

/** Components every lesson may use without importing them. */
export const mdxComponents = { Callout };
export const MDX_COMPONENT_NAMES = Object.keys(mdxComponents);
