import { useEffect, useRef, useState } from "react";

/** The fields a draft keeps: the free text a long edit would lose. */
const kept = ["title", "summary", "body", "uncertain", "sources", "related", "note"] as const;

/** A field the form has once, that a person types in or chooses (no hidden field, no list row). */
function singleField(form: HTMLFormElement, name: string): boolean {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement) return el.type !== "hidden" && el.type !== "checkbox";
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/**
 * Autosaves the editor's text in the browser (localStorage) while typing, offers it back after a
 * lost connection or a closed tab, and warns before leaving with unsaved changes. Only where
 * JavaScript runs; the key includes the version the edit started from, so an old draft never
 * lands on a newer text unnoticed.
 */
export function useDraft(key: string) {
  const [saved, setSaved] = useState<Record<string, string> | null>(null);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      setSaved(raw ? (JSON.parse(raw) as Record<string, string>) : null);
    } catch {
      setSaved(null);
    }
    const warn = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, [key]);

  return {
    saved,
    /** Called on every change: stores the text after a short pause. */
    changed(form: HTMLFormElement) {
      dirty.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const data = new FormData(form);
        const draft: Record<string, string> = {};
        for (const k of kept) draft[k] = String(data.get(k) ?? "");
        // The fact box's single fields too (lists and ticked boxes come back with the version).
        for (const [k, v] of data.entries()) {
          if (k.startsWith("carrier.") && typeof v === "string" && singleField(form, k)) draft[k] = v;
        }
        try {
          window.localStorage.setItem(key, JSON.stringify(draft));
        } catch {
          // A full or blocked storage: the edit goes on without autosave.
        }
      }, 800);
    },
    /** Puts the saved draft back into the form. */
    restore(form: HTMLFormElement) {
      if (!saved) return;
      for (const k of kept) {
        const el = form.elements.namedItem(k);
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = saved[k] ?? "";
      }
      for (const [k, v] of Object.entries(saved)) {
        if (!k.startsWith("carrier.") || !singleField(form, k)) continue;
        const el = form.elements.namedItem(k);
        if (
          el instanceof HTMLInputElement ||
          el instanceof HTMLTextAreaElement ||
          el instanceof HTMLSelectElement
        ) {
          // Through the native setter, so that React's controlled source fields notice.
          const proto = Object.getPrototypeOf(el) as object;
          Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, v);
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
      setSaved(null);
      form.dispatchEvent(new Event("input", { bubbles: true }));
    },
    discard() {
      window.localStorage.removeItem(key);
      setSaved(null);
    },
    /** Sending: nothing unsaved any more; the draft goes once the server has it. */
    sending() {
      dirty.current = false;
      clearTimeout(timer.current);
      window.localStorage.removeItem(key);
    },
  };
}
