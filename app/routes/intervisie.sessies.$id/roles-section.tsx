// The method's roles and who holds them; the group's managers assign them here.

import { SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { useT } from "#app/i18n/index.ts";
import { type ActionResult, Result, Section, type SessionData, useRoleName } from "./shared.tsx";

export function RolesSection({
  session,
  method,
  roleHolders,
  members,
  me,
  result,
}: Pick<SessionData, "session" | "method" | "roleHolders" | "members" | "me"> & {
  result: ActionResult | undefined;
}) {
  const t = useT();
  const roleName = useRoleName();
  return (
    <Section id="rollen" title={t("sessie.roles.title")}>
      {method ? (
        <ul className="list-disc pl-5">
          {method.roles.map((role) => (
            <li key={role}>
              {roleName(role)}: {roleHolders[role] || t("sessie.roles.open")}
            </li>
          ))}
        </ul>
      ) : null}
      {me.canManage && method && !session.cancelled ? (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="rollen" />
          <Result result={result} intent="rollen" />
          <fieldset className="space-y-3">
            <legend className="font-medium">{t("sessie.roles.legend")}</legend>
            {method.roles.map((role) => (
              <SelectField
                key={role}
                label={roleName(role)}
                name={`rol-${role}`}
                defaultValue={session.roles[role] ?? ""}
              >
                <option value="">{t("sessie.roles.nobody")}</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </SelectField>
            ))}
          </fieldset>
          <SubmitButton>{t("sessie.roles.submit")}</SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}
