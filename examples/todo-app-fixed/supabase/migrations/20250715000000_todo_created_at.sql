-- Milliseconds since the epoch, as the app's Instant converter stores them.
alter table public.todo add column created_at bigint not null default (extract(epoch from now()) * 1000)::bigint;
