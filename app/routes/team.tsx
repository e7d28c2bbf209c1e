import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
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

const TeamAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: z.string().trim().email("Enter a valid email address.").max(254) }),
  z.object({ intent: z.literal("revoke"), invitationId: z.string().uuid() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTeamAdmin(request);
  const parsed = TeamAction.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const email = parsed.error.issues.find((i) => i.path[0] === "email")?.message ?? "Enter a valid email address.";
    return json({ invited: null, emailError: email }, { status: 400 });
  }
  const db = await getDb();
  if (parsed.data.intent === "revoke") {
    const ok = await revokeInvitation(db, user, parsed.data.invitationId);
    if (!ok) throw new Response("Not found", { status: 404 });
    return json({ invited: null, emailError: null });
  }
  // The link goes by email only, built from PUBLIC_URL (never this request's Host), and the answer is the
  // same whether or not the address already has an account (invitations.server.ts).
  const result = await inviteColleague(db, user, parsed.data.email, { baseUrl: publicUrl() });
  return json({ invited: { email: result.email, expiresAt: result.expiresAt }, emailError: null });
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
        emailError={actionData?.emailError ?? null}
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
