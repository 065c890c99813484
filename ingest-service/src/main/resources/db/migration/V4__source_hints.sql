-- issue 3: per-source language and country hints, carried into RawArticle.source
ALTER TABLE sources ADD COLUMN language VARCHAR(3);
ALTER TABLE sources ADD COLUMN country VARCHAR(2);
