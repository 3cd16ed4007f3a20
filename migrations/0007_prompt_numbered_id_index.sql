-- The next free id of the form <category>-<n> was the maximum over a scan of every prompt (a GLOB on an expression
-- cannot use an index), a cost that grew with the store on every create. Indexed by the id without its trailing
-- digits, then by length, the largest n of a prefix is the first entry of one index range.
-- (Written by hand: drizzle-kit splits the rtrim() expression at its comma.)
CREATE INDEX `prompts_numbered_id_idx` ON `prompts` (rtrim(`id`, '0123456789'), length(`id`), `id`);
