import { useT } from "#app/i18n/useT";
const styles: Record<string, string> = {
  onboarding: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  adoption: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  expansion: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
};

export function StageBadge({ stage }: { stage: string }) {
  const t = useT();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${styles[stage] ?? ""}`}>
      {styles[stage] ? t(`stage.${stage}`) : stage}
    </span>
  );
}
