import type { InputHTMLAttributes, ReactNode } from "react";

// How every form shows its errors (decision 017): the server's `parseForm` (app/lib/forms.ts)
// keys messages by field name; a control gets `aria-invalid` and an `aria-describedby` naming
// its hint (`<id>-hint`) and its error (`<id>-fout`), and the error is a `FieldError` with that id.

export type FieldErrors = Partial<Record<string, string>>;

/** ids for a field's hint and error, and the aria-describedby that names them. */
export function fieldIds(id: string, hint?: unknown, error?: string | null) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

/**
 * Name, id and aria attributes of the control for field `name`, its error taken from the
 * action's errors: `<input {...fieldProps("email", errors)} />` with `<FieldError id="veld-email" …>`.
 */
export function fieldProps(
  name: string,
  errors: FieldErrors | null | undefined,
  { id = `veld-${name}`, hint }: { id?: string; hint?: unknown } = {},
) {
  return { id, name, ...fieldIds(id, hint, errors?.[name]) };
}

/** A field's error below its control (or group), with the id that its aria-describedby names. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <p id={`${id}-fout`} className="text-sm font-medium text-accent">
      {error}
    </p>
  ) : null;
}

/** Label, hint, the control itself and the error below it: the frame every field shares. */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A labelled input with its error wired up for screen readers (aria-invalid, aria-describedby). */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `veld-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        {...fieldIds(id, hint, error)}
        className="block w-full max-w-md rounded border border-muted px-3 py-2 aria-[invalid=true]:border-accent"
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  children,
  defaultValue,
  id: givenId,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  defaultValue?: string;
  id?: string;
}) {
  const id = givenId ?? `veld-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        {...fieldIds(id, hint, error)}
        className="block w-full max-w-md rounded border border-muted bg-paper px-3 py-2"
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** A message above a form after a failed submit; focused so that screen readers announce it. */
export function FormMessage({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "ok" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={
        tone === "error"
          ? "rounded border border-accent bg-paper p-3 font-medium text-accent"
          : "rounded border border-brand bg-wash p-3 text-ink"
      }
    >
      {children}
    </div>
  );
}

/** What a submit button takes: the text, the form field it sends, and a fuller accessible name. */
interface ButtonProps {
  children: ReactNode;
  name?: string;
  value?: string;
  /** For a button repeated per row ("Bevestigen: Bram Bakker"). */
  label?: string;
  id?: string;
  /**
   * The ids whose text names the button, instead of `label`: when part of the name is in another
   * language (a Dutch article title on an English page), it keeps its `lang` there.
   */
  labelledBy?: string;
}

export function SubmitButton({ children, name, value, label, id, labelledBy }: ButtonProps) {
  return (
    <button
      type="submit"
      id={id}
      name={name}
      value={value}
      aria-label={label}
      aria-labelledby={labelledBy}
      className="rounded bg-brand px-4 py-2 font-medium text-paper hover:bg-brand-dark"
    >
      {children}
    </button>
  );
}

export function DangerButton({ children, name, value, label }: ButtonProps) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      aria-label={label}
      className="rounded border border-accent px-4 py-2 font-medium text-accent hover:bg-accent hover:text-paper"
    >
      {children}
    </button>
  );
}
