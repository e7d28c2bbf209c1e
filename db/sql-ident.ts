/** A PostgreSQL identifier, double-quoted (embedded quotes doubled), for SQL built as text (COPY, temp tables, ANALYZE). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
