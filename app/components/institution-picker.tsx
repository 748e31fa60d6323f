import { z } from "zod";
import { institutionTypeLabel, useLocale, useT } from "#app/i18n/index.ts";
import { normaliseInstitutionName } from "#app/modules/auth/institution-name.ts";
import { institutionTypes } from "#app/modules/taxonomy.ts";
import { Field, SelectField } from "./forms.tsx";

/**
 * Form fields `institution` ("" for none, an id, or "nieuw") with `newInstitutionName` and
 * `newInstitutionType` for a proposal. Parsed into `{ institution?: InstitutionChoice }`.
 */
export const institutionChoiceSchema = z
  .object({
    institution: z.string().optional().default(""),
    newInstitutionName: z
      .string()
      .transform(normaliseInstitutionName)
      .pipe(z.string().max(200, "form.institution.nameLong"))
      .optional()
      .default(""),
    newInstitutionType: z.enum(institutionTypes).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.institution === "nieuw" && !v.newInstitutionName) {
      ctx.addIssue({
        code: "custom",
        path: ["newInstitutionName"],
        message: "form.institution.name",
      });
    }
    if (v.institution && v.institution !== "nieuw" && !/^\d+$/.test(v.institution)) {
      ctx.addIssue({ code: "custom", path: ["institution"], message: "form.institution.choose" });
    }
  })
  .transform((v) => ({
    institution:
      v.institution === "nieuw"
        ? { newName: v.newInstitutionName, newType: v.newInstitutionType ?? "Onbekend" }
        : v.institution
          ? { id: Number(v.institution) }
          : undefined,
  }));

export function InstitutionPicker({
  institutions,
  errors,
  current,
}: {
  institutions: { id: number; name: string }[];
  errors: Record<string, string | undefined>;
  current?: number | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <fieldset className="space-y-3 rounded border border-line p-4">
      <legend className="px-1 font-medium">{t("auth.institution.legend")}</legend>
      <SelectField
        label={t("auth.institution.choose")}
        name="institution"
        defaultValue={current ? String(current) : ""}
        hint={t("auth.institution.hint")}
        error={errors.institution}
      >
        <option value="">{t("auth.institution.none")}</option>
        {institutions.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
        <option value="nieuw">{t("auth.institution.new")}</option>
      </SelectField>
      <Field
        label={t("auth.institution.newName")}
        name="newInstitutionName"
        error={errors.newInstitutionName}
      />
      <SelectField label={t("auth.institution.newType")} name="newInstitutionType" defaultValue="Archief">
        {institutionTypes
          .filter((type) => type !== "Onbekend")
          .map((type) => (
            <option key={type} value={type}>
              {institutionTypeLabel(locale, type)}
            </option>
          ))}
      </SelectField>
    </fieldset>
  );
}
