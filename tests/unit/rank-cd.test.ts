import { describe, expect, it } from "vitest";
import { compileQuery, parseQuery, parseVector, rankCd } from "#search/rank-cd.ts";

const WEIGHTS = [0.05, 0.2, 0.5, 1.0];

describe("rank-cd: reading vectors and queries as PostgreSQL writes them", () => {
  it("reads lexemes with doubled quotes and backslashes, positions and weights", () => {
    const v = parseVector("'a\\\\b':3 'it''s':1A,2B 'zonder'");
    expect(v.lexemes).toEqual(["a\\b", "it's", "zonder"]);
    expect(Array.from(v.pos)).toEqual([3 * 4 + 0, 1 * 4 + 3, 2 * 4 + 2]);
    // cnt_length: every position, and 1 for an entry without positions.
    expect(v.length).toBe(4);
  });

  it("reads words, prefixes, weights, AND, OR, parentheses and phrases", () => {
    expect(parseQuery("'umat':* & ( 'a':AB | 'b' <2> 'c' )")).toEqual({
      op: "&",
      left: { op: "word", text: "umat", prefix: true, weights: 0 },
      right: {
        op: "|",
        left: { op: "word", text: "a", prefix: false, weights: (1 << 3) | (1 << 2) },
        right: {
          op: "<>",
          distance: 2,
          left: { op: "word", text: "b", prefix: false, weights: 0 },
          right: { op: "word", text: "c", prefix: false, weights: 0 },
        },
      },
    });
  });

  it("leaves NOT, and AND or OR inside a phrase, to PostgreSQL", () => {
    expect(parseQuery("'a' & !'b'")).toBeNull();
    expect(parseQuery("( 'a' | 'b' ) <-> 'c'")).toBeNull();
    expect(parseQuery("'a' <-> ( 'b' & 'c' )")).toBeNull();
    expect(parseQuery("'a' &")).toBeNull();
  });

  it("ranks a word in the title above the same word in the body, and nothing for a missing word", () => {
    // Lexemes in the order PostgreSQL writes them (sorted).
    const title = rankCd(WEIGHTS, parseVector("'band':2A 'umatic':1A"), compileQuery("'umatic'")!);
    const body = rankCd(WEIGHTS, parseVector("'band':2 'umatic':1"), compileQuery("'umatic'")!);
    expect(title).toBeGreaterThan(body);
    expect(rankCd(WEIGHTS, parseVector("'band':1"), compileQuery("'umatic'")!)).toBe(0);
  });
});
