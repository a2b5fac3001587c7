-- Platform settings: small facts about this installation, one text value per key
-- (e.g. demo.seeded_at, written once the demo platform is complete). Never secrets: those are
-- sealed with the master key or kept in the key store.
CREATE TABLE platform_settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
