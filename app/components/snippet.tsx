const entities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m] ?? m);

/** Splits a search snippet (escaped text with <mark>…</mark>) into parts, so React renders it as text. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: decode(snippet.slice(last, m.index)), marked: false });
    parts.push({ text: decode(m[1] ?? ""), marked: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: decode(snippet.slice(last)), marked: false });
  return parts.filter((p) => p.text);
}

export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((p, i) =>
        p.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sequence of text parts
          <mark key={i} className="bg-amber-100 text-ink">
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sequence of text parts
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
