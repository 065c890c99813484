-- issue 3: near-duplicate stories. Each article's MinHash signature (128 × 32 bits over word 3-shingles) and its LSH
-- band keys; a new article looks up earlier ones sharing a band (GIN on the array) within the story window, so every
-- replica and every source sees the same clusters. Rows from before this migration have no signature.
ALTER TABLE seen_articles ADD COLUMN minhash BYTEA;
ALTER TABLE seen_articles ADD COLUMN lsh_bands BIGINT[];
CREATE INDEX seen_articles_lsh_bands_idx ON seen_articles USING GIN (lsh_bands);
CREATE INDEX seen_articles_first_seen_idx ON seen_articles (first_seen_at);
