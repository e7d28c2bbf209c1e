import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireAccountAccess, requireLearner } from "#app/auth/gate.server";
import { publicUrl } from "#app/utils/public-url.server";
import { getDb } from "#app/utils/db.server";
import { getLearnerAccount } from "#app/learning/catalog.server";
import { getTeamProgress } from "#app/learning/team.server";
import { inviteColleague, listPendingInvitations, revokeInvitation } from "#app/learning/invitations.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { InvitePanel } from "#app/components/learning/InvitePanel";
import { TeamTable } from "#app/components/learning/TeamTable";
import { AssignmentSummary } from "#app/components/learning/AssignmentSummary";
import { accountAssignmentCounts } from "#app/learning/assignment-status.server";

export const meta: MetaFunction = () => [{ title: "My team · Uplift Academy" }];

/** Only a customer admin, and only for their OWN account: the account id never comes from the request. */
async function requireTeamAdmin(request: Request) {
  const user = await requireLearner(request);
  requireAccountAccess(user, user.accountId, { adminOfAccount: true });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireTeamAdmin(request);
  const db = await getDb();
  const [team, pending, account, assignments] = await Promise.all([
    getTeamProgress(db, user.accountId),
    listPendingInvitations(db, user.accountId),
    getLearnerAccount(db, user.accountId),
    accountAssignmentCounts(db, user.accountId),
  ]);
  return json({ team, pending, accountName: account?.name ?? "", assignments: assignments.total });
}

/** The same words for an unknown id, another account's invitation and one already accepted, expired or withdrawn. */
const NOT_PENDING = "This invitation is no longer pending: it was accepted, withdrawn or has expired.";

const InviteForm = z.object({
  email: z
    .string({ required_error: "Enter a valid email address." })
    .trim()
    .email("Enter a valid email address.")
    .max(254, "Enter a valid email address."),
});

const WithdrawForm = z.object({
  invitationId: z.string({ required_error: NOT_PENDING }).uuid(NOT_PENDING),
});

type Invited = { email: string; expiresAt: string };

/**
 * The action's one reply: which form posted, its conform result (the invite form: the email's error and
 * the address typed; a withdraw button: the form error when the invitation is not pending) and the
 * invitation just sent.
 */
const reply = (
  intent: "invite" | "revoke",
  result: SubmissionResult<string[]>,
  opts: { status?: number; invited?: Invited } = {},
) => json({ intent, result, invited: opts.invited ?? null }, { status: opts.status ?? 200 });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTeamAdmin(request);
  const form = await request.formData();
  const db = await getDb();
  if (form.get("intent") === "revoke") {
    const withdraw = parseWithZod(form, { schema: WithdrawForm });
    if (withdraw.status !== "success") return reply("revoke", withdraw.reply(), { status: 400 });
    // Only this account's pending invitations match (invitations.server.ts): another account's id is "not pending".
    const revoked = await revokeInvitation(db, user, withdraw.value.invitationId);
    if (!revoked.ok) return reply("revoke", withdraw.reply({ formErrors: [NOT_PENDING] }), { status: 404 });
    return reply("revoke", withdraw.reply());
  }
  const submission = parseWithZod(form, { schema: InviteForm });
  if (submission.status !== "success") return reply("invite", submission.reply(), { status: 400 });
  // The link goes by email only, built from PUBLIC_URL (never this request's Host), and the answer is the
  // same whether or not the address already has an account (invitations.server.ts).
  const sent = await inviteColleague(db, user, submission.value.email, { baseUrl: publicUrl() });
  return reply("invite", submission.reply({ resetForm: true }), {
    invited: { email: sent.email, expiresAt: sent.expiresAt },
  });
}

export default function TeamPage() {
  const { team, pending, accountName, assignments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const completions = team.members.reduce((n, m) => n + m.coursesCompleted, 0);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold">My team</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {accountName}: {team.members.length} {team.members.length === 1 ? "learner" : "learners"}, {completions}{" "}
          course {completions === 1 ? "completion" : "completions"}.
        </p>
      </div>
      <AssignmentSummary counts={assignments} assignUrl="/assignments/new" />
      <InvitePanel
        invited={actionData?.invited ?? null}
        lastResult={actionData?.intent === "invite" ? actionData.result : null}
        withdrawError={actionData?.intent === "revoke" ? (actionData.result.error?.[""]?.[0] ?? null) : null}
        pending={pending}
      />
      <section className="space-y-3">
        <h2 id="team-progress-heading" className="text-xl font-semibold">
          Who completed what
        </h2>
        <TeamTable team={team} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
