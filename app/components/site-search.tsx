import { useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { Form } from "#app/components/link.tsx";
import { useLocalizedPath, useT } from "#app/i18n/index.ts";
import type { SearchResult } from "#search/types.ts";

/**
 * The search box in the header. Without JavaScript it is a plain GET form to /kennisbank. With
 * it, suggestions appear as you type (debounced), following the ARIA combobox pattern: arrow keys
 * move through the options, Enter opens one, Escape closes the list.
 */
export function SiteSearch() {
  const t = useT();
  const fetcher = useFetcher<SearchResult>();
  const navigate = useNavigate();
  const localized = useLocalizedPath();
  const id = useId();
  const listId = `${id}-lijst`;
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const hits = value.trim().length >= 2 ? (fetcher.data?.hits ?? []) : [];
  const options = [
    ...hits.map((h) => ({ key: h.slug, label: h.title, to: `/kennisbank/${h.slug}` })),
    ...(value.trim()
      ? [
          {
            key: "__alle",
            label: t("search.header.all", { q: value.trim() }),
            to: `/kennisbank?q=${encodeURIComponent(value.trim())}`,
          },
        ]
      : []),
  ];
  const expanded = open && options.length > 0;

  function go(to: string) {
    setOpen(false);
    setActive(-1);
    // Aborted by a newer navigation: expected, not an error.
    Promise.resolve(navigate(localized(to))).catch(() => undefined);
  }

  return (
    <Form method="get" action="/kennisbank" role="search" className="relative">
      <label htmlFor={`${id}-invoer`} className="sr-only">
        {t("search.header.label")}
      </label>
      <input
        id={`${id}-invoer`}
        type="search"
        name="q"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-optie-${active}` : undefined}
        placeholder={t("search.header.placeholder")}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          setActive(-1);
          setOpen(true);
          clearTimeout(timer.current);
          if (next.trim().length >= 2) {
            timer.current = setTimeout(
              () => fetcher.load(localized(`/api/search?limit=6&q=${encodeURIComponent(next)}`)),
              150,
            );
          }
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (options.length ? (i + 1) % options.length : -1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
          } else if (event.key === "Escape") {
            if (open) {
              event.preventDefault();
              setOpen(false);
              setActive(-1);
            }
          } else if (event.key === "Enter" && expanded && active >= 0 && options[active]) {
            event.preventDefault();
            go(options[active].to);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-48 rounded border border-muted px-2 py-1 text-sm sm:w-56"
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t("search.header.suggestions")}
        hidden={!expanded}
        className="absolute right-0 z-40 mt-1 w-80 rounded border border-line bg-paper shadow-lg"
      >
        {options.map((option, i) => (
          <div
            key={option.key}
            id={`${id}-optie-${i}`}
            role="option"
            aria-selected={i === active}
            tabIndex={-1}
            onMouseDown={(event) => {
              event.preventDefault();
              go(option.to);
            }}
            onKeyDown={() => {}}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand text-paper" : "text-ink"} ${option.key === "__alle" ? "border-t border-line italic" : ""}`}
          >
            {option.label}
          </div>
        ))}
      </div>
      <span className="sr-only" aria-live="polite">
        {expanded ? t("search.header.count", { count: hits.length }) : ""}
      </span>
    </Form>
  );
}
