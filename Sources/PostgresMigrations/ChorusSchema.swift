/// The Chorus schema in PostgreSQL (ARCHITECTURE.md §5): identity and money.
///
/// Roles and statuses are text with CHECK constraints rather than enum types: adding a value
/// is then one `ALTER TABLE`, and clients read them as plain text. Money is integer minor
/// units. Constraint names are explicit because the gateway maps them to user errors.
public enum ChorusSchema {
    public static let migrations: [Migration] = [
        // An applied migration's text is checksummed and never edited, so the SQL comment on
        // the outbox below keeps its old citation; the saga is ARCHITECTURE.md §6, "Writes".
        Migration(version: 1, name: "users, doctors, consultations, payments, outbox", sql: """
            CREATE FUNCTION chorus_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END
            $$;

            CREATE TABLE users (
                id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                email      text NOT NULL,
                phone      text,
                role       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT users_email_key UNIQUE (email),
                CONSTRAINT users_email_check CHECK (position('@' IN email) > 1),
                CONSTRAINT users_role_check CHECK (role IN ('PATIENT', 'DOCTOR', 'ADMIN'))
            );
            CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
                FOR EACH ROW EXECUTE FUNCTION chorus_set_updated_at();
            CREATE INDEX users_role_idx ON users (role);

            CREATE TABLE doctors (
                user_id          uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
                specialty        text NOT NULL,
                license_number   text NOT NULL,
                consultation_fee integer NOT NULL,
                available        boolean NOT NULL DEFAULT true,
                created_at       timestamptz NOT NULL DEFAULT now(),
                updated_at       timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT doctors_license_number_key UNIQUE (license_number),
                CONSTRAINT doctors_consultation_fee_check CHECK (consultation_fee >= 0)
            );
            CREATE TRIGGER doctors_set_updated_at BEFORE UPDATE ON doctors
                FOR EACH ROW EXECUTE FUNCTION chorus_set_updated_at();
            CREATE INDEX doctors_specialty_idx ON doctors (specialty);

            CREATE TABLE consultations (
                id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                patient_id   uuid NOT NULL REFERENCES users (id),
                doctor_id    uuid NOT NULL REFERENCES doctors (user_id),
                scheduled_at timestamptz NOT NULL,
                status       text NOT NULL DEFAULT 'SCHEDULED',
                amount_paid  integer NOT NULL DEFAULT 0,
                created_at   timestamptz NOT NULL DEFAULT now(),
                updated_at   timestamptz NOT NULL DEFAULT now(),
                completed_at timestamptz,
                CONSTRAINT consultations_status_check
                    CHECK (status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
                CONSTRAINT consultations_amount_paid_check CHECK (amount_paid >= 0),
                CONSTRAINT consultations_completed_at_check
                    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
                CONSTRAINT consultations_patient_is_not_doctor_check CHECK (patient_id <> doctor_id)
            );
            CREATE TRIGGER consultations_set_updated_at BEFORE UPDATE ON consultations
                FOR EACH ROW EXECUTE FUNCTION chorus_set_updated_at();
            CREATE INDEX consultations_patient_scheduled_idx ON consultations (patient_id, scheduled_at);
            CREATE INDEX consultations_doctor_scheduled_idx ON consultations (doctor_id, scheduled_at);
            CREATE INDEX consultations_status_idx ON consultations (status);

            CREATE TABLE payments (
                id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                consultation_id uuid NOT NULL REFERENCES consultations (id),
                amount          integer NOT NULL,
                currency        text NOT NULL DEFAULT 'EUR',
                status          text NOT NULL DEFAULT 'PENDING',
                created_at      timestamptz NOT NULL DEFAULT now(),
                updated_at      timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT payments_amount_check CHECK (amount > 0),
                CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
                CONSTRAINT payments_status_check
                    CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED'))
            );
            CREATE TRIGGER payments_set_updated_at BEFORE UPDATE ON payments
                FOR EACH ROW EXECUTE FUNCTION chorus_set_updated_at();
            CREATE INDEX payments_consultation_idx ON payments (consultation_id);

            -- The consultation-completion saga (DESIGN.md §4): the status change and its event
            -- commit together; a worker applies the event to MongoDB and marks it processed.
            CREATE TABLE outbox (
                id           bigserial PRIMARY KEY,
                aggregate    text NOT NULL,
                aggregate_id uuid NOT NULL,
                kind         text NOT NULL,
                payload      jsonb NOT NULL,
                created_at   timestamptz NOT NULL DEFAULT now(),
                available_at timestamptz NOT NULL DEFAULT now(),
                processed_at timestamptz,
                attempts     integer NOT NULL DEFAULT 0,
                last_error   text,
                CONSTRAINT outbox_attempts_check CHECK (attempts >= 0)
            );
            -- One event of a kind per aggregate: completing twice cannot enqueue twice.
            CREATE UNIQUE INDEX outbox_event_key ON outbox (aggregate, aggregate_id, kind);
            CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE processed_at IS NULL;
            """),
    ]
}
