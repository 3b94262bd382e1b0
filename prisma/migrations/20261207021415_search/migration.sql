-- Search (issue 23): a tsvector generated from the text by PostgreSQL itself, so that every
-- write that changes a body or a title (post, edit, import, an account's deletion) keeps it
-- exact, with no second write to forget. The text is NFKC-normalised (full and half width
-- alike) and lower-cased; runs of Han, kana and hangul give each character and each pair of
-- neighbours (a word of two characters is one lexeme; longer ones are found as a phrase of
-- pairs, <->), at the position of their first character; other letters and digits give whole
-- words. Runs are kept apart by a gap, so no phrase matches across punctuation.
-- docs/decisions/014-search.md says why pairs rather than a segmenter.
CREATE FUNCTION yilun_search_vector(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  WITH t AS (
    SELECT r.m[1] AS tok, r.ord
    FROM regexp_matches(lower(normalize(coalesce(doc, ''), NFKC)), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+|[a-z0-9\u00c0-\u02af\u0370-\u03ff\u0400-\u04ff]+', 'g') WITH ORDINALITY AS r(m, ord)
  ),
  w AS (
    SELECT tok, ord, tok ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]' AS cjk FROM t
  ),
  p AS (
    SELECT tok, cjk, CASE WHEN cjk THEN char_length(tok) ELSE 1 END AS len,
           sum(CASE WHEN cjk THEN char_length(tok) ELSE 1 END + 1) OVER (ORDER BY ord) - CASE WHEN cjk THEN char_length(tok) ELSE 1 END - 1 AS start
    FROM w
  ),
  lex AS (
    SELECT left(tok, 200) AS lexeme, start + 1 AS pos FROM p WHERE NOT cjk
    UNION ALL
    SELECT substr(tok, i, 1), start + i FROM p, generate_series(1, len) AS i WHERE cjk
    UNION ALL
    SELECT substr(tok, i, 2), start + i FROM p, generate_series(1, len - 1) AS i WHERE cjk
  )
  SELECT coalesce(string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':' || least(pos, 16383), ' '), '')::tsvector FROM lex
$fn$;

-- AlterTable
ALTER TABLE "articles" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (yilun_search_vector(title || ' ' || summary)) STORED;

-- AlterTable
ALTER TABLE "comments" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (yilun_search_vector(body)) STORED;

-- CreateIndex
CREATE INDEX "articles_search_vector_idx" ON "articles" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "comments_search_vector_idx" ON "comments" USING GIN ("search_vector");
