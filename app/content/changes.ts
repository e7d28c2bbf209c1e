/**
 * What a content sync changed, for the publish page, the CLI and the audit log: compares the rows
 * published before with the ones being written (by content hash and status, not by timestamps).
 */
export interface PublishedItem { id: string; title: string; contentHash: string; status?: string; archived: boolean }

export interface ContentChange {
  kind: "course" | "lesson";
  id: string;
  title: string;
  change: "added" | "updated" | "archived" | "restored" | "published" | "unpublished";
}

export function diffPublished(kind: ContentChange["kind"], before: PublishedItem[], after: PublishedItem[]): ContentChange[] {
  const old = new Map(before.map((b) => [b.id, b]));
  const next = new Set(after.map((a) => a.id));
  const changes: ContentChange[] = [];
  for (const a of after) {
    const b = old.get(a.id);
    const item = { kind, id: a.id, title: a.title };
    if (!b) changes.push({ ...item, change: "added" });
    else if (b.archived) changes.push({ ...item, change: "restored" });
    else if (b.status !== a.status && a.status === "published") changes.push({ ...item, change: "published" });
    else if (b.status !== a.status) changes.push({ ...item, change: "unpublished" });
    else if (b.contentHash !== a.contentHash || b.title !== a.title) changes.push({ ...item, change: "updated" });
  }
  for (const b of before) if (!b.archived && !next.has(b.id)) changes.push({ kind, id: b.id, title: b.title, change: "archived" });
  return changes;
}

/** One line per change, e.g. "course added: Alerts that matter (alerts-that-matter)". */
export function describeChange(c: ContentChange): string {
  return `${c.kind} ${c.change}: ${c.title} (${c.id})`;
}
