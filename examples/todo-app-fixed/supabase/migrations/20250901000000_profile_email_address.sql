-- The profile's address gets a clearer name on the server.
alter table public.profile rename column email to email_address;
