-- issue 3: per-source switch for fetching the article page when a feed item brings too little text
ALTER TABLE sources ADD COLUMN full_text BOOLEAN NOT NULL DEFAULT FALSE;
