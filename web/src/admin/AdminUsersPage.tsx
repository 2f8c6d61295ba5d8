/** Administrators: everyone with access, their grants, and adding a person (optionally with a first grant). */
import { Alert, AlertText, Button, Checkbox, FormGroup, GridContainer, Label, Table, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { matchesName } from "#shared/assignees.ts";
import { api, type AdminUser, type GrantInput } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { describeGrant, plural } from "../format.ts";
import { usePageTitle } from "../page-title.ts";
import { queries, queryKeys } from "../query.ts";
import { EMPTY_GRANT, GrantFields } from "./GrantFields.tsx";

function UserRow({ user }: { user: AdminUser }) {
  return (
    <tr data-testid={`user-row-${user.email}`}>
      <th scope="row">
        <Link href={`/admin/users/${encodeURIComponent(user.id)}`} className="usa-link">
          {user.name}
        </Link>
      </th>
      <td>{user.email}</td>
      <td>{user.active ? "Active" : <span className="usa-tag bg-base-dark">Deactivated</span>}</td>
      <td>
        {user.grants.length ? (
          <ul className="usa-list usa-list--unstyled">
            {user.grants.map((g) => (
              <li key={g.id}>{describeGrant(g)}</li>
            ))}
          </ul>
        ) : (
          <span className="text-base-dark">No role</span>
        )}
      </td>
    </tr>
  );
}

function AddUser() {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [withGrant, setWithGrant] = useState(true);
  const [grant, setGrant] = useState<GrantInput>(EMPTY_GRANT);
  const create = useMutation({
    mutationFn: () => api.createUser({ name, email, grants: withGrant ? [grant] : [] }),
    onSuccess: async (user) => {
      await Promise.all([client.invalidateQueries({ queryKey: queryKeys.adminUsers() }), client.invalidateQueries({ queryKey: queryKeys.documentLists() })]);
      navigate(`/admin/users/${encodeURIComponent(user.id)}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="add-user-heading" className="margin-top-4 bg-base-lightest padding-2 radius-md" data-testid="add-user">
      <h2 id="add-user-heading" className="margin-top-0">
        Add a person
      </h2>
      <form onSubmit={submit} aria-label="Add a person">
        <div className="tip-filters">
          <FormGroup>
            <Label htmlFor="new-user-name">Name</Label>
            <TextInput id="new-user-name" name="name" type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="new-user-email">Email</Label>
            <TextInput id="new-user-email" name="email" type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormGroup>
        </div>
        <Checkbox
          id="new-user-with-grant"
          name="withGrant"
          className="margin-top-2"
          label="Give a first role now"
          checked={withGrant}
          onChange={(e) => setWithGrant(e.target.checked)}
        />
        {withGrant ? <GrantFields idPrefix="new-user-grant" grant={grant} onChange={setGrant} /> : null}
        {create.isError ? <ErrorAlert error={create.error} heading="The person was not added" /> : null}
        <Button type="submit" className="margin-top-2" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add person"}
        </Button>
      </form>
    </section>
  );
}

export function AdminUsersPage() {
  usePageTitle("People and grants");
  const users = useQuery(queries.adminUsers());
  const [search, setSearch] = useState("");
  const [showInactive, setShowInactive] = useState(true);
  const shown = (users.data ?? []).filter((u) => (showInactive || u.active) && (matchesName(u.name, search) || matchesName(u.email, search)));
  return (
    <GridContainer>
      <h1 className="margin-top-4 margin-bottom-1">People and grants</h1>
      <p className="margin-top-0">
        Who may sign in and what each person may do. A change applies on the person's next request and closes their open documents.{" "}
        <Link href="/admin/users/import" className="usa-link">
          Import people from a CSV file
        </Link>
        .
      </p>
      <div className="tip-filters">
        <FormGroup>
          <Label htmlFor="user-search">Name or email</Label>
          <TextInput id="user-search" name="search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </FormGroup>
        <FormGroup>
          <Checkbox
            id="user-inactive"
            name="inactive"
            label="Show deactivated people"
            checked={showInactive}
            onChange={(e) => setShowInactive(e.target.checked)}
          />
        </FormGroup>
      </div>
      {users.isPending ? <p className="text-base-dark">Loading people…</p> : null}
      {users.isError ? <ErrorAlert error={users.error} heading="Could not load the people" /> : null}
      {users.data ? (
        <>
          <p className="text-bold" aria-live="polite" data-testid="user-count">
            {plural(shown.length, "person", "people")}
            {shown.length !== users.data.length ? ` of ${users.data.length}` : ""}
          </p>
          {shown.length ? (
            <Table bordered compact fullWidth className="font-body-2xs">
              <caption className="usa-sr-only">People, their status and grants</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Grants</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <UserRow key={u.id} user={u} />
                ))}
              </tbody>
            </Table>
          ) : (
            <Alert type="info" slim>
              <AlertText>Nobody matches.</AlertText>
            </Alert>
          )}
        </>
      ) : null}
      <AddUser />
    </GridContainer>
  );
}
