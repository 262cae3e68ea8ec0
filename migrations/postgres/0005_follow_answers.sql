-- A follow the node asked for can be refused ('rejected'), and a delivery can be
-- left unsent because the federation policy blocks its host ('skipped').

ALTER TABLE following DROP CONSTRAINT following_state_check;
ALTER TABLE following ADD CONSTRAINT following_state_check
    CHECK (state IN ('pending', 'accepted', 'rejected'));
ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check
    CHECK (state IN ('pending', 'done', 'failed', 'skipped'));
