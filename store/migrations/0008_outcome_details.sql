-- What the outflow counties report beside a return and an election: the
-- post a returnee took up on going home (任职情况, free text, '' when
-- none) and the votes of an election (得票数, NULL when not reported).
ALTER TABLE returns ADD COLUMN post TEXT NOT NULL DEFAULT '';
ALTER TABLE elections ADD COLUMN votes INTEGER CHECK (votes IS NULL OR votes >= 0);
