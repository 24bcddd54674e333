-- The outbox purge deletes delivered and given-up mails by the time they finished (docs/mail.md).
create index mail_outbox_finished_idx on mail_outbox (finished_at);
