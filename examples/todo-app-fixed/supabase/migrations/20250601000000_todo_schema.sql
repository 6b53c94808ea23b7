-- The server side of the to-do app: Supabase (Postgres). PowerSync replicates these tables.
create table public.profile (
  id uuid primary key references auth.users (id) on delete cascade,
  name text not null,
  email text
);

create table public.todo_list (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  owner_id uuid not null references public.profile (id),
  theme_color text not null,
  theme_icon text
);

create table public.todo (
  id uuid primary key default gen_random_uuid(),
  list_id uuid not null references public.todo_list (id) on delete cascade,
  title text not null,
  description text,
  completed boolean not null default false
);

alter table public.profile enable row level security;
alter table public.todo_list enable row level security;
alter table public.todo enable row level security;

create policy "own profile" on public.profile for all using (auth.uid() = id);
create policy "own lists" on public.todo_list for all using (auth.uid() = owner_id);
create policy "todos of own lists" on public.todo for all
  using (exists (select 1 from public.todo_list l where l.id = list_id and l.owner_id = auth.uid()));

create publication powersync for table public.profile, public.todo_list, public.todo;
