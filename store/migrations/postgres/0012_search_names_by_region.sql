-- A region account's searches by name read only its region's name keys
-- (twin of ../0012_search_names_by_region.sql). 0011 lets the search pass
-- over other regions' keys inside the primary key's index; a small region
-- searching a name common elsewhere but rare in it still passed over all
-- of them (喀什地区's 1,089 trainees among 250,000: 21,000 keys of names
-- starting with 王 for 11 of its own, some 30 ms). The name keys (kinds i,
-- j, m, n, p, q: every key from 'i' to 'r') are a quarter of all keys, so
-- this index costs a quarter of what one of all keys by region would; the
-- store names the bounds in its query (searchRange), so that the planner
-- knows a name search may read it. ID number and phone fragments (kinds d
-- and t) still pass over other regions' keys in the primary key's index.
CREATE INDEX trainee_search_names_by_region ON trainee_search (region, key, trainee_id)
    WHERE key >= 'i' AND key < 'r';
