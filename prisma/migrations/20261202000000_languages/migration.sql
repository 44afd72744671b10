-- A user's own language for the pages; null follows the browser.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;

-- Notifications keep a message key and its parameters, rendered in each reader's language.
-- Rows written before have neither and keep showing their stored English text.
ALTER TABLE "Notification" ADD COLUMN "key" TEXT,
ADD COLUMN "params" JSONB;
