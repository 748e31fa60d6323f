// Templates in an article, to download as a file of their own (issue 19: the handover file "as an
// article and as a downloadable document"). A template is the first ```markdown block after a
// level-2 heading "Sjabloon: <name>" (or "Template: <name>" in English), as
// db/seed/content/README.md describes. No data access: shared by server and browser code.

export interface ArticleTemplate {
  /** The heading's name, e.g. "overdrachtsdossier AV-collectie". */
  title: string;
  /** A file name for it, e.g. "overdrachtsdossier-av-collectie.md". */
  fileName: string;
  /** The Markdown inside the block, as the reader fills it in. */
  text: string;
}

const HEADING = /^##[ \t]+(?:Sjabloon|Template):[ \t]*(.+?)[ \t]*$/;

/** The article's templates, in order; the n-th is offered at /kennisbank/<slug>/sjabloon/<n>. */
export function articleTemplates(body: string): ArticleTemplate[] {
  const lines = body.split(/\r?\n/);
  const found: ArticleTemplate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const title = HEADING.exec(lines[i] ?? "")?.[1];
    if (!title) continue;
    // The block must follow before the next level-2 heading outside a block.
    let j = i + 1;
    while (j < lines.length && !/^```markdown\s*$/.test(lines[j] ?? "") && !/^## /.test(lines[j] ?? "")) j++;
    if (!/^```markdown\s*$/.test(lines[j] ?? "")) continue;
    const end = lines.findIndex((line, k) => k > j && /^```\s*$/.test(line));
    if (end < 0) continue;
    found.push({ title, fileName: fileNameFor(title), text: `${lines.slice(j + 1, end).join("\n")}\n` });
    i = end;
  }
  return found;
}

function fileNameFor(title: string): string {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "sjabloon"}.md`;
}
