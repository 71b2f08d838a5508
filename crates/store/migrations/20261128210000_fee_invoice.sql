-- A bill's platform-fee invoice (Huawei → seller) as the server reports it, and whether
-- the bill is a joint-operation one (those are invoiced seller → Huawei instead).
ALTER TABLE bills ADD COLUMN fee_invoice TEXT;          -- JSON, null until requested
ALTER TABLE bills ADD COLUMN joint_operation INTEGER NOT NULL DEFAULT 0;
