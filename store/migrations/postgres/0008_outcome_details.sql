-- What the outflow counties report beside a return and an election (twin
-- of ../0008_outcome_details.sql): the post taken up on going home and
-- the votes of an election, NULL when not reported.
ALTER TABLE returns ADD COLUMN post TEXT NOT NULL DEFAULT '';
ALTER TABLE elections ADD COLUMN votes INTEGER CHECK (votes IS NULL OR votes >= 0);
