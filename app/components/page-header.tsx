import type { ReactNode } from "react";

export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children?: ReactNode;
}) {
  return (
    <header className="mb-8 max-w-3xl space-y-3">
      <h1>{title}</h1>
      {intro ? <p className="text-lg text-muted">{intro}</p> : null}
      {children}
    </header>
  );
}
