-- Tables of the reference servers; bench_reference mirrors the width of a support request row.
CREATE TABLE IF NOT EXISTS bench_reference (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  country_code char(3) NOT NULL,
  status text NOT NULL,
  title text NOT NULL,
  summary text NOT NULL,
  objectives int[] NOT NULL,
  version int NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS bench_reference_write (id bigserial PRIMARY KEY, title text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS bench_reference_audit (id bigserial PRIMARY KEY, entity_id bigint NOT NULL, action text NOT NULL, after jsonb, at timestamptz NOT NULL DEFAULT now());
-- the same rows as the API's requests, so both read paths fetch the same data
INSERT INTO bench_reference (id, reference, country_code, status, title, summary, objectives, version, created_at)
SELECT id, reference, country_code, status, title, summary, objectives, version, created_at FROM support_request
ON CONFLICT (id) DO NOTHING;
