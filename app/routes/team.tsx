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

const InviteForm = z.object({
  email: z
    .string({ required_error: "Enter a valid email address." })
    .trim()
    .email("Enter a valid email address.")
    .max(254, "Enter a valid email address."),
});

type Invited = { email: string; expiresAt: string };

/**
 * The action's one reply: the invite form's conform result (the email's error, the address typed) and
 * the invitation just sent. Withdrawing answers with no result.
 */
const reply = (result: SubmissionResult<string[]> | null, opts: { status?: number; invited?: Invited } = {}) =>
  json({ result, invited: opts.invited ?? null }, { status: opts.status ?? 200 });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTeamAdmin(request);
  const form = await request.formData();
  const db = await getDb();
  if (form.get("intent") === "revoke") {
    const id = z.string().uuid().safeParse(form.get("invitationId"));
    if (!id.success) return reply(null, { status: 400 });
    const ok = await revokeInvitation(db, user, id.data);
    if (!ok) throw new Response("Not found", { status: 404 });
    return reply(null);
  }
  const submission = parseWithZod(form, { schema: InviteForm });
  if (submission.status !== "success") return reply(submission.reply(), { status: 400 });
  // The link goes by email only, built from PUBLIC_URL (never this request's Host), and the answer is the
  // same whether or not the address already has an account (invitations.server.ts).
  const sent = await inviteColleague(db, user, submission.value.email, { baseUrl: publicUrl() });
  return reply(submission.reply({ resetForm: true }), { invited: { email: sent.email, expiresAt: sent.expiresAt } });
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
      <InvitePanel invited={actionData?.invited ?? null} lastResult={actionData?.result ?? null} pending={pending} />
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
