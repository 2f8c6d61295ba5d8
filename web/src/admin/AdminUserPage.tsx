/** Administrators: one person — name and email, active or not, and their grants (add, revoke). */
import { Alert, AlertText, Button, FormGroup, GridContainer, Label, Table, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api, ApiError, type AdminUser, type GrantInput, type UserPatch } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { dateTime, describeGrant } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries, queryKeys } from "../query.ts";
import { EMPTY_GRANT, GrantFields } from "./GrantFields.tsx";

/** Every change answers the person as they now are: the list is updated from it, never refetched per change. */
function useUserChange(onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<AdminUser>) => change(),
    onSuccess: (user) => {
      client.setQueryData(queryKeys.adminUsers(), (all: AdminUser[] | undefined) => all?.map((u) => (u.id === user.id ? user : u)));
      // Who each document waits on follows people's grants and whether they are active.
      void client.invalidateQueries({ queryKey: queryKeys.documentLists() });
      onDone?.();
    },
  });
}

function Account({ user }: { user: AdminUser }) {
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    setName(user.name);
    setEmail(user.email);
  }, [user.name, user.email]);
  const change = useUserChange();
  const run = (patch: UserPatch, message: string) => {
    setSaved(null);
    change.mutate(() => api.updateUser(user.id, patch), { onSuccess: () => setSaved(message) });
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const patch: UserPatch = {};
    if (name.trim() !== user.name) patch.name = name.trim();
    if (email.trim().toLowerCase() !== user.email) patch.email = email.trim();
    if (Object.keys(patch).length) run(patch, "Saved.");
  };
  return (
    <section aria-labelledby="account-heading" data-testid="user-account">
      <h2 id="account-heading">Account</h2>
      <form onSubmit={save} aria-label="Name and email">
        <div className="tip-filters">
          <FormGroup>
            <Label htmlFor="user-name">Name</Label>
            <TextInput id="user-name" name="name" type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="user-email">Email</Label>
            <TextInput id="user-email" name="email" type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormGroup>
          <FormGroup>
            <Button type="submit" disabled={change.isPending || (name.trim() === user.name && email.trim().toLowerCase() === user.email)}>
              Save
            </Button>
          </FormGroup>
        </div>
      </form>
      <p className="margin-top-3" data-testid="user-status">
        {user.active ? "Active: may sign in." : "Deactivated: cannot sign in."}{" "}
        <Button
          type="button"
          outline={user.active}
          secondary={user.active}
          className="margin-left-1"
          disabled={change.isPending}
          onClick={() => run({ active: !user.active }, user.active ? "Deactivated." : "Reactivated.")}
        >
          {user.active ? "Deactivate" : "Reactivate"}
        </Button>
      </p>
      <div aria-live="polite">
        {saved && !change.isPending ? (
          <Alert type="success" slim data-testid="user-saved">
            <AlertText>{saved}</AlertText>
          </Alert>
        ) : null}
      </div>
      {change.isError ? <ErrorAlert error={change.error} heading="Nothing was changed" /> : null}
    </section>
  );
}

function Grants({ user }: { user: AdminUser }) {
  const [grant, setGrant] = useState<GrantInput>(EMPTY_GRANT);
  const change = useUserChange();
  return (
    <section aria-labelledby="grants-heading" className="margin-top-4" data-testid="user-grants">
      <h2 id="grants-heading">Grants</h2>
      {user.grants.length ? (
        <Table bordered compact className="font-body-2xs">
          <caption className="usa-sr-only">The person's grants</caption>
          <thead>
            <tr>
              <th scope="col">Grant</th>
              <th scope="col">
                <span className="usa-sr-only">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {user.grants.map((g) => (
              <tr key={g.id} data-testid="grant-row">
                <th scope="row">{describeGrant(g)}</th>
                <td>
                  <Button
                    type="button"
                    unstyled
                    disabled={change.isPending}
                    onClick={() => change.mutate(() => api.revokeGrant(user.id, g.id))}
                    aria-label={`Revoke ${describeGrant(g)}`}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>No grant: this person can sign in but sees no document.</p>
      )}
      <form
        aria-label="Add a grant"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(() => api.addGrant(user.id, grant));
        }}
      >
        <h3 className="margin-bottom-0">Add a grant</h3>
        <GrantFields idPrefix="add-grant" grant={grant} onChange={setGrant} />
        <Button type="submit" className="margin-top-2" disabled={change.isPending}>
          Add grant
        </Button>
      </form>
      {change.isError ? <ErrorAlert error={change.error} heading="The grants were not changed" /> : null}
    </section>
  );
}

export function AdminUserPage({ id }: { id: string }) {
  const users = useQuery(queries.adminUsers());
  const user = users.data?.find((u) => u.id === id);
  usePageTitle(user ? user.name : "Person");
  return (
    <GridContainer>
      <p className="margin-top-3 margin-bottom-0">
        <Link href="/admin/users" className="usa-link">
          People and grants
        </Link>
      </p>
      {users.isPending ? <p className="text-base-dark">Loading…</p> : null}
      {users.isError ? <ErrorAlert error={users.error} heading="Could not load the people" /> : null}
      {users.data && !user ? <ErrorAlert error={new ApiError(404, "not_found", "There is no such person.")} heading="Person not found" /> : null}
      {user ? (
        <>
          <h1 className="margin-top-1 margin-bottom-0">{user.name}</h1>
          <p className="margin-top-05 text-base-dark font-body-2xs">
            Added {dateTime(user.createdAt)}, last changed {dateTime(user.updatedAt)}
          </p>
          <Account user={user} />
          <Grants user={user} />
        </>
      ) : null}
    </GridContainer>
  );
}
