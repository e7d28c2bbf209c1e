import { Link } from "@remix-run/react";
import { buttonClass } from "#app/components/ui/Field";

/** The breadcrumb of every state of /admin/imports/new. */
export function MapColumnsCrumb() {
  return (
    <nav className="text-sm text-slate-600 dark:text-slate-400">
      <Link to="/admin/imports" className="hover:underline">
        Imports
      </Link>{" "}
      / Map columns
    </nav>
  );
}

/**
 * /admin/imports/new opened directly (a bookmark, the address bar): nothing to map yet — say where to start.
 * `gone`: the link names an upload that is no longer kept (imported, or abandoned for a day).
 */
export function UploadFirst({ gone }: { gone: boolean }) {
  return (
    <div className="max-w-2xl space-y-4">
      <MapColumnsCrumb />
      <h1 className="text-3xl font-bold">{gone ? "This upload is no longer here" : "Upload a file first"}</h1>
      <p className="text-slate-700 dark:text-slate-300">
        {gone
          ? "Uploaded files are kept until their import ends, or for a day if never imported. Upload the file again on the Imports page to map its columns."
          : "This page maps the columns of a file you have just uploaded. Choose what the file contains and upload it on the Imports page; you come back here with its columns to map."}
      </p>
      <Link to="/admin/imports" className={buttonClass}>
        Go to Imports and upload a CSV
      </Link>
    </div>
  );
}

/** The uploaded file can never be imported: say why (the upload is already removed). */
export function UnreadableFile({ name, label, problem }: { name: string; label: string; problem: string }) {
  return (
    <div className="space-y-6">
      <MapColumnsCrumb />
      <h1 className="text-3xl font-bold">{label}: this file cannot be imported</h1>
      <div role="alert" className="rounded-md bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
        <p className="font-semibold">{name}</p>
        <p className="mt-1">{problem}</p>
      </div>
      <p>
        <Link to="/admin/imports" className="font-medium text-brand-700 underline dark:text-brand-100">
          Upload another file
        </Link>
      </p>
    </div>
  );
}
