// The group's own notes (members only), with both texts side by side when someone else saved
// in between.

import { SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { useT } from "#app/i18n/index.ts";
import { type ActionResult, Result, Section, type SessionData } from "./shared.tsx";

export function NotesSection({
  session,
  result,
}: Pick<SessionData, "session"> & { result: ActionResult | undefined }) {
  const t = useT();
  const conflict = result?.intent === "notities" ? result.conflict : undefined;
  return (
    <Section id="notities" title={t("sessie.notes.title")}>
      <p className="text-sm text-muted">{t("sessie.notes.private")}</p>
      <Result result={result} intent="notities" />
      {session.notes === null ? <p>{t("sessie.notes.membersOnly")}</p> : null}
      {session.notes !== null && conflict ? (
        <div role="alert" className="space-y-2 rounded border-2 border-accent p-3">
          <p className="font-medium text-accent">{t("sessie.notes.conflict")}</p>
          <h3 className="font-semibold">{t("sessie.notes.theirs")}</h3>
          <pre className="whitespace-pre-wrap rounded border border-line p-3 text-sm">
            {conflict.theirs || "—"}
          </pre>
        </div>
      ) : null}
      {session.notes === null ? null : (
        <Form
          method="post"
          className="space-y-3"
          key={conflict ? `c${conflict.theirsVersion}` : `v${session.notesVersion}`}
        >
          <input type="hidden" name="intent" value="notities" />
          <input
            type="hidden"
            name="baseVersion"
            value={conflict ? conflict.theirsVersion : session.notesVersion}
          />
          <div className="space-y-1">
            <label htmlFor="veld-notes" className="block font-medium">
              {conflict ? t("sessie.notes.mine") : t("sessie.notes.label")}
            </label>
            <textarea
              id="veld-notes"
              name="notes"
              rows={10}
              defaultValue={conflict ? conflict.mine : session.notes}
              className="block w-full rounded border border-muted px-3 py-2"
            />
          </div>
          <SubmitButton>{conflict ? t("sessie.notes.saveMerged") : t("sessie.notes.submit")}</SubmitButton>
        </Form>
      )}
    </Section>
  );
}
