import { Children, isValidElement, useEffect, useId, useState, type ReactNode } from "react";
import { PRODUCT_FEATURES } from "#app/content/product-features";
import { useLessonContext } from "./LessonContext";

/** Numbered steps: <Steps><Step title="…">…</Step></Steps>. */
export function Steps({ children }: { children?: ReactNode }) {
  return (
    <ol className="my-6 space-y-4 border-l-2 border-brand-100 pl-6 dark:border-slate-700 [counter-reset:step]">
      {children}
    </ol>
  );
}
export function Step({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <li className="relative list-none [counter-increment:step] before:absolute before:-left-[2.1rem] before:flex before:h-6 before:w-6 before:items-center before:justify-center before:rounded-full before:bg-brand-600 before:text-xs before:font-bold before:text-white before:content-[counter(step)]">
      <p className="m-0 font-semibold">{title}</p>
      <div className="[&>p]:my-1">{children}</div>
    </li>
  );
}

/** A checklist learners can tick while they work (not saved; the lesson completion is). */
export function Checklist({ items, title }: { items: string[]; title?: string }) {
  const id = useId();
  return (
    <fieldset className="my-5 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <legend className="px-1 font-semibold">{title ?? "Checklist"}</legend>
      {items.map((item, i) => (
        <label key={item} htmlFor={`${id}-${i}`} className="flex items-start gap-2 py-1">
          <input id={`${id}-${i}`} type="checkbox" className="mt-1" /> <span>{item}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Tabs: without JavaScript every panel shows with its heading; with it, one panel at a time. */
export function Tabs({ children }: { children?: ReactNode }) {
  const tabs = Children.toArray(children).filter(isValidElement) as {
    props: { label: string; children?: ReactNode };
  }[];
  const [active, setActive] = useState(0);
  const [enhanced, setEnhanced] = useState(false);
  const id = useId();
  useEffect(() => setEnhanced(true), []);
  if (!enhanced)
    return (
      <div className="my-5 space-y-4">
        {tabs.map((t) => (
          <section key={t.props.label}>
            <h4 className="font-semibold">{t.props.label}</h4>
            {t.props.children}
          </section>
        ))}
      </div>
    );
  return (
    <div className="my-5">
      <div role="tablist" className="flex gap-1 border-b border-slate-200 dark:border-slate-700">
        {tabs.map((t, i) => (
          <button
            key={t.props.label}
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === active}
            aria-controls={`${id}-panel-${i}`}
            tabIndex={i === active ? 0 : -1}
            type="button"
            onClick={() => setActive(i)}
            onKeyDown={(e) => {
              if (e.key === "ArrowRight") setActive((active + 1) % tabs.length);
              if (e.key === "ArrowLeft") setActive((active - 1 + tabs.length) % tabs.length);
            }}
            className={`rounded-t-md px-3 py-2 text-sm font-medium ${i === active ? "border-b-2 border-brand-600 text-brand-700 dark:text-white" : "text-slate-600 dark:text-slate-300"}`}
          >
            {t.props.label}
          </button>
        ))}
      </div>
      {tabs.map((t, i) => (
        <div
          key={t.props.label}
          role="tabpanel"
          id={`${id}-panel-${i}`}
          aria-labelledby={`${id}-tab-${i}`}
          hidden={i !== active}
          className="pt-3"
        >
          {t.props.children}
        </div>
      ))}
    </div>
  );
}
export function Tab({ children }: { label: string; children?: ReactNode }) {
  return <>{children}</>;
}

/** Deep link into the customer's product for a feature key from product-features.ts. */
export function FeatureLink({ feature, children }: { feature: string; children?: ReactNode }) {
  const { productUrl } = useLessonContext();
  const f = PRODUCT_FEATURES.find((x) => x.key === feature);
  if (!f) return <>{children}</>;
  return (
    <a href={`${productUrl}${f.path}`} target="_blank" rel="noopener noreferrer" className="font-medium">
      {children ?? `Open ${f.label}`} <span aria-hidden>↗</span>
      <span className="sr-only"> (opens Beacon in a new tab)</span>
    </a>
  );
}
