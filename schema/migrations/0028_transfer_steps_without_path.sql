-- Hand-written: a transfer step no longer keeps a copy of the old branch's path (an org move left it
-- stale, and it decided who reads the record); the branch is named by fromOrgId and its path is joined.
UPDATE `dev_steps` SET `data` = json_remove(`data`, '$.fromPath')
 WHERE `step` = 'transfer' AND json_extract(`data`, '$.fromPath') IS NOT NULL;
