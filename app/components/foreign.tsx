import { Fragment, type ReactNode } from "react";

const MARK = "\u0001";

/**
 * A translated message in which some placeholders are filled with words in another language
 * (a Dutch report title or quote on an English page): those parts get their own `lang`, so a
 * screen reader pronounces them right (WCAG 3.1.2). `format` is the message with each such
 * placeholder filled by `MARK`; `parts` are the words, in the order they appear.
 */
export function withForeign(
  format: (mark: string) => string,
  parts: readonly string[],
  lang: string,
): ReactNode {
  const pieces = format(MARK).split(MARK);
  return pieces.map((piece, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed message
    <Fragment key={i}>
      {piece}
      {i < pieces.length - 1 ? <span lang={lang}>{parts[i]}</span> : null}
    </Fragment>
  ));
}
