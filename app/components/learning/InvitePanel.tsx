import { Form, useNavigation } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";
import { ConformField } from "#app/components/ui/ConformField";

export interface InvitePanelProps {
  invited: { email: string; expiresAt: string } | null;
  /** The invite action's conform result: the email's error and the address typed, or a reset after sending. */
  lastResult: SubmissionResult<string[]> | null;
  /** The withdraw button's form error (the invitation was no longer pending), if the last post was one. */
  withdrawError: string | null;
  pending: { id: string; email: string; expiresAt: string; invitedBy: string | null }[];
}

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** Invite a colleague by email (the link goes only by email, so the page never tells who has an account); pending invitations can be withdrawn. */
export function InvitePanel({ invited, lastResult, withdrawError, pending }: InvitePanelProps) {
  const navigation = useNavigation();
  const inviting = navigation.state !== "idle" && navigation.formData?.get("intent") === "invite";
  const revoking =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "revoke"
      ? navigation.formData.get("invitationId")
      : null;
  // Validated on the server (the action's schema); the reply resets the form once the invitation is sent.
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  return (
    <section
      aria-labelledby="invite-heading"
      className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite a colleague
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        They get a link to set their name and password and join your team's academy, whatever their email domain.
      </p>
      <Form
        method="post"
        {...getFormProps(form)}
        noValidate
        className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <input type="hidden" name="intent" value="invite" />
        <div className="flex-1">
          <ConformField label="Work email" meta={fields.email} type="email" autoComplete="off" required />
        </div>
        <button type="submit" className={`${buttonClass} sm:mt-6`} disabled={inviting}>
          {inviting ? "Sending…" : "Send invitation"}
        </button>
      </Form>
      {invited ? (
        <div
          role="status"
          className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
        >
          <p>
            <strong>Invitation sent to {invited.email}.</strong> The link in the email works once and expires on{" "}
            {day.format(new Date(invited.expiresAt))}.
          </p>
        </div>
      ) : null}
      {withdrawError ? (
        <p
          role="alert"
          className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {withdrawError}
        </p>
      ) : null}
      {pending.length ? (
        <div className="mt-6">
          <h3 className="text-sm font-semibold">Pending invitations</h3>
          <ul className="mt-2 divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {pending.map((p) => (
              <li
                key={p.id}
                className={`flex flex-wrap items-center gap-3 py-2 ${revoking === p.id ? "opacity-50" : ""}`}
              >
                <span className="min-w-0 flex-1">
                  <span className="[overflow-wrap:anywhere]">{p.email}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    Expires {day.format(new Date(p.expiresAt))}
                    {p.invitedBy ? ` · invited by ${p.invitedBy}` : ""}
                  </span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={p.id} />
                  <button type="submit" className={`${secondaryButtonClass} py-1 text-sm`}>
                    Withdraw<span className="sr-only"> the invitation for {p.email}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
