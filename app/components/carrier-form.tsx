import { createElement, type ReactNode, useRef, useState } from "react";
import { type MessageKey, useT } from "#app/i18n/index.ts";
import {
  type CarrierFields,
  type CarrierListField,
  type CarrierScalarField,
  carrierFieldOrder,
  splitCites,
} from "#app/modules/kennisbank/carrier-form.ts";
import { parseFactCite } from "#app/modules/kennisbank/claims.ts";
import { degradationRisks, forms, media, riskLevels, sizeKeys } from "#app/modules/kennisbank/model.ts";
import { FieldFrame, fieldIds } from "./forms.tsx";

const idOf = (name: string) => `veld-carrier-${name.replace(/\./g, "-")}`;
const inputClass =
  "block w-full max-w-xl rounded border border-muted px-3 py-2 aria-[invalid=true]:border-accent";

/** A list of free-text values as rows: add and remove with or without JavaScript. */
function ListRows({
  name,
  label,
  rows,
  error,
  lang,
}: {
  name: CarrierListField;
  label: string;
  rows: string[];
  error?: string;
  lang?: string;
}) {
  const t = useT();
  const next = useRef(rows.length);
  const [items, setItems] = useState(() => rows.map((value, id) => ({ id, value })));
  const id = idOf(name);
  const errorId = error ? `${id}-fout` : undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={errorId}>
      <legend className="font-medium">{label}</legend>
      <ul className="space-y-2">
        {items.map((item, i) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <input
              id={i === 0 ? id : undefined}
              name={`carrier.${name}`}
              defaultValue={item.value}
              lang={lang}
              aria-label={t("kb.cf.row", { field: label, n: i + 1 })}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
              className={inputClass}
            />
            <button
              type="submit"
              name="intent"
              value={`rij-weg:${name}:${i}`}
              aria-label={t("kb.cf.removeRowLabel", { n: i + 1, field: label })}
              className="min-h-6 rounded border border-muted px-2 py-1 text-sm"
              onClick={(e) => {
                e.preventDefault();
                setItems((list) => {
                  const kept = list.filter((x) => x.id !== item.id);
                  return kept.length ? kept : [{ id: next.current++, value: "" }];
                });
              }}
            >
              {t("kb.cf.removeRow")}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="submit"
        name="intent"
        value={`rij-erbij:${name}`}
        aria-label={t("kb.cf.addRowLabel", { field: label })}
        className="min-h-6 rounded border border-brand px-3 py-1 text-sm text-brand"
        onClick={(e) => {
          e.preventDefault();
          const added = next.current++;
          const form = e.currentTarget.form;
          setItems((list) => [...list, { id: added, value: "" }]);
          // Focus the new row once React has drawn it.
          requestAnimationFrame(() => {
            const inputs = form?.querySelectorAll<HTMLInputElement>(`input[name="carrier.${name}"]`);
            inputs?.[inputs.length - 1]?.focus();
          });
        }}
      >
        {t("kb.cf.addRow")}
      </button>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-accent">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Where a fact comes from: its citations, and whether it is still to be checked. */
function CiteField({
  field,
  label,
  value,
  error,
  lang,
}: {
  field: string;
  label: string;
  value: string;
  error?: string;
  lang?: string;
}) {
  const t = useT();
  const [text, setText] = useState(value);
  const id = idOf(`cite.${field}`);
  const keys = splitCites(text).map((c) => parseFactCite(c)?.key ?? "?");
  const status = !keys.length ? "noCite" : keys.includes("?") ? "toCheck" : "sourced";
  const statusId = `${id}-status`;
  const described = [statusId, error ? `${id}-fout` : null].filter(Boolean).join(" ");
  return (
    <div className="ml-4 space-y-1 border-l-2 border-line pl-3">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("kb.cf.cite", { field: label })}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          name={`carrier.cite.${field}`}
          value={text}
          lang={lang}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className="block w-full max-w-md rounded border border-muted px-2 py-1 font-mono text-sm aria-[invalid=true]:border-accent"
        />
        <span
          id={statusId}
          className={status === "toCheck" ? "te-controleren text-sm" : "text-sm text-muted"}
        >
          {t(`kb.cf.${status}` as MessageKey)}
        </span>
      </div>
      {error ? (
        <p id={`${id}-fout`} className="text-sm font-medium text-accent">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The fact box of a carrier guide as a form: one labelled field per fact, each with its source. */
export function CarrierFieldset({
  fields,
  errors,
  lang,
}: {
  fields: CarrierFields;
  errors: Record<string, string | undefined>;
  /** The language of the version being edited: its facts and notes are written in it. */
  lang?: string;
}) {
  const t = useT();
  const label = (f: string) => t(`kb.cf.${f}` as MessageKey);
  const err = (f: string) => errors[`carrier.${f}`];
  const cite = (field: string, name = label(field)) => (
    <CiteField
      field={field}
      label={name}
      value={fields.cite[field] ?? ""}
      error={err(`cite.${field}`)}
      lang={lang}
    />
  );
  const text = (f: CarrierScalarField, opts: { hint?: string; area?: boolean; type?: string } = {}) => {
    const id = idOf(f);
    const common = {
      id,
      name: `carrier.${f}`,
      defaultValue: fields.values[f],
      lang,
      ...fieldIds(id, opts.hint, err(f)),
    };
    return (
      <FieldFrame id={id} label={label(f)} hint={opts.hint} error={err(f)}>
        {opts.area ? (
          <textarea rows={3} {...common} className={inputClass} />
        ) : (
          <input
            {...common}
            inputMode={opts.type === "number" ? "numeric" : undefined}
            className={opts.type === "number" ? `${inputClass} max-w-40` : inputClass}
          />
        )}
      </FieldFrame>
    );
  };
  const select = (f: CarrierScalarField, options: readonly string[], optionLabel: (o: string) => string) => {
    const id = idOf(f);
    return (
      <FieldFrame id={id} label={label(f)} error={err(f)}>
        <select
          id={id}
          name={`carrier.${f}`}
          defaultValue={fields.values[f]}
          {...fieldIds(id, undefined, err(f))}
          className="block w-full max-w-md rounded border border-muted bg-paper px-3 py-2 aria-[invalid=true]:border-accent"
        >
          <option value="">{t("kb.cf.choose")}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(o)}
            </option>
          ))}
        </select>
      </FieldFrame>
    );
  };
  // The names in Dutch and in English are in those languages, whichever version this is.
  const list = (f: CarrierListField) => (
    <ListRows
      name={f}
      label={label(f)}
      rows={fields.lists[f]}
      error={err(f)}
      lang={f === "names.nl" ? "nl" : f === "names.en" ? "en" : lang}
    />
  );
  const group = (key: string, ...children: ReactNode[]) =>
    createElement("div", { key, className: "space-y-2" }, ...children);
  const scores = ["1", "2", "3", "4", "5"];
  // The chosen risks first, in their stored order (the page lists them so), then the others.
  const riskOrder = [
    ...fields.risks.filter((r) => (degradationRisks as readonly string[]).includes(r)),
    ...degradationRisks.filter((r) => !fields.risks.includes(r)),
  ];
  const risksError = err("risks");
  // Fields cited in the stored data that the form has no control for: kept as they are.
  const known = new Set<string>(carrierFieldOrder);
  const otherCites = Object.entries(fields.cite).filter(([f]) => !known.has(f));
  return (
    <fieldset className="space-y-5 rounded-lg border border-line p-4" aria-describedby="feitenblok-uitleg">
      <legend className="px-1 text-lg font-semibold">{t("kb.facts.title")}</legend>
      <p id="feitenblok-uitleg" className="text-sm text-muted">
        {t("kb.cf.intro")}
      </p>
      {group(
        "names",
        <>
          {list("names.nl")}
          {list("names.en")}
          {cite("names")}
        </>,
      )}
      {group("aliases", list("aliases"), cite("aliases"))}
      {group(
        "medium",
        select("medium", media, (o) => t(`kb.medium.${o}` as MessageKey)),
        cite("medium"),
      )}
      {group(
        "form",
        select("form", forms, (o) => t(`kb.form.${o}` as MessageKey)),
        cite("form"),
      )}
      {group("size", text("size"), cite("size"))}
      {group(
        "sizeKey",
        select("sizeKey", sizeKeys, (o) => o),
        cite("sizeKey"),
      )}
      {group("markings", list("markings"), cite("markings"))}
      {group("lookalikes", list("lookalikes"), cite("lookalikes"))}
      {group("yearsFrom", text("yearsFrom", { type: "number" }), cite("yearsFrom"))}
      {group("yearsTo", text("yearsTo", { type: "number", hint: t("kb.cf.yearsToHint") }), cite("yearsTo"))}
      {group("recognition", text("recognition", { area: true }), cite("recognition"))}
      {group(
        "risks",
        <>
          <fieldset className="space-y-2" aria-describedby={risksError ? `${idOf("risks")}-fout` : undefined}>
            <legend className="font-medium">{label("risks")}</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {riskOrder.map((r) => (
                <label key={r} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="carrier.risks"
                    value={r}
                    defaultChecked={fields.risks.includes(r)}
                    aria-invalid={risksError ? true : undefined}
                  />
                  {t(`kb.risk.${r}` as MessageKey)}
                </label>
              ))}
            </div>
            {risksError ? (
              <p id={`${idOf("risks")}-fout`} className="text-sm font-medium text-accent">
                {risksError}
              </p>
            ) : null}
          </fieldset>
          {cite("risks")}
        </>,
      )}
      {group(
        "degradationScore",
        select("degradationScore", scores, (o) => o),
        cite("degradationScore"),
      )}
      {group("playback", text("playback", { area: true }), cite("playback"))}
      {group(
        "obsolescenceScore",
        select("obsolescenceScore", scores, (o) => o),
        cite("obsolescenceScore"),
      )}
      {group("handling", list("handling"), cite("handling"))}
      {group("preservationFormat", text("preservationFormat"), cite("preservationFormat"))}
      {group("accessFormat", text("accessFormat"), cite("accessFormat"))}
      {group(
        "riskLevel",
        select("riskLevel", riskLevels, (o) => t(`kb.riskLevel.${o}` as MessageKey)),
        cite("riskLevel"),
      )}
      {group("riskReason", text("riskReason", { area: true }), cite("riskReason"))}
      {group("minutesPerItem", text("minutesPerItem", { type: "number" }), cite("minutesPerItem"))}
      <input type="hidden" name="carrier.citeOrder" value={fields.citeOrder.join(",")} />
      {otherCites.map(([f, v]) => (
        <input key={f} type="hidden" name={`carrier.cite.${f}`} value={v} />
      ))}
    </fieldset>
  );
}
