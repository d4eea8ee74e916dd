namespace Vigil.Server.Storage;

internal static partial class Migrations
{
    /// <summary>
    /// Versions 1–12 (wave 1: the alert path, silences and windows, hosts, people, pages, heartbeats), in the order they
    /// shipped.
    /// </summary>
    private static Migration[] Versions1To12() =>
    [
        new(1, "ingest log and alert snapshot", """
            CREATE TABLE ingest_log (
                seq {id},
                kind TEXT NOT NULL,
                payload {blob} NOT NULL,
                received_at BIGINT NOT NULL
            );
            CREATE TABLE alert_snapshot (
                part BIGINT NOT NULL PRIMARY KEY,
                payload {blob} NOT NULL
            );
            CREATE TABLE checkpoint (
                id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
                applied_seq BIGINT NOT NULL
            );
            INSERT INTO checkpoint (id, applied_seq) VALUES (1, 0);
            """),
        new(2, "notification log", """
            CREATE TABLE notification_log (
                group_key TEXT NOT NULL,
                receiver TEXT NOT NULL,
                integration_index BIGINT NOT NULL,
                firing TEXT NOT NULL,
                resolved TEXT NOT NULL,
                sent_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (group_key, receiver, integration_index)
            );
            CREATE INDEX notification_log_expires_at ON notification_log (expires_at);
            """),
        new(3, "outbox and delivery attempts", """
            CREATE TABLE outbox (
                id {id},
                receiver TEXT NOT NULL,
                integration TEXT NOT NULL,
                integration_index BIGINT NOT NULL,
                target_url TEXT NOT NULL,
                group_key TEXT NOT NULL,
                payload {blob} NOT NULL,
                created_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                lease_owner TEXT NULL,
                lease_until BIGINT NULL,
                delivered_at BIGINT NULL,
                last_error TEXT NULL,
                dedup_key TEXT NULL UNIQUE
            );
            CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
            CREATE INDEX outbox_receiver ON outbox (receiver, id);
            CREATE TABLE delivery_attempts (
                id {id},
                outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
                attempted_at BIGINT NOT NULL,
                duration_ms BIGINT NOT NULL,
                status_code BIGINT NULL,
                error TEXT NULL
            );
            CREATE INDEX delivery_attempts_outbox ON delivery_attempts (outbox_id, id);
            """),
        new(4, "api tokens", """
            CREATE TABLE api_tokens (
                id {id},
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT NULL,
                revoked_at BIGINT NULL
            );
            """),
        new(5, "audit log", """
            CREATE TABLE audit_log (
                id {id},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                client_address TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT NOT NULL,
                object_id TEXT NOT NULL,
                before_json TEXT NULL,
                after_json TEXT NULL
            );
            CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
            """),
        new(6, "silences", """
            CREATE TABLE silences (
                id TEXT NOT NULL PRIMARY KEY,
                matchers TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                comment TEXT NOT NULL,
                creator_identity TEXT NOT NULL,
                approved_by TEXT NULL,
                approved_at BIGINT NULL
            );
            CREATE INDEX silences_ends_at ON silences (ends_at);
            """),
        new(7, "maintenance windows and their events", """
            CREATE TABLE maintenance_windows (
                id TEXT NOT NULL PRIMARY KEY,
                targets TEXT NOT NULL,
                expected TEXT NOT NULL,
                start_at BIGINT NOT NULL,
                end_at BIGINT NULL,
                cron TEXT NULL,
                duration_ms BIGINT NULL,
                time_zone TEXT NULL,
                watcher TEXT NOT NULL,
                backup TEXT NOT NULL,
                announcement TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                ended_at BIGINT NULL,
                done_at BIGINT NULL
            );
            CREATE TABLE maintenance_events (
                id {id},
                window_id TEXT NOT NULL,
                occurrence_start BIGINT NOT NULL,
                kind TEXT NOT NULL,
                at BIGINT NOT NULL,
                detail TEXT NULL,
                UNIQUE (window_id, occurrence_start, kind)
            );
            CREATE INDEX maintenance_events_window ON maintenance_events (window_id, id);
            """),
        new(11, "hosts, their reboots and agent tokens", """
            CREATE TABLE hosts (
                host TEXT NOT NULL PRIMARY KEY,
                boot_id TEXT NOT NULL,
                first_seen_at BIGINT NOT NULL,
                last_report_at BIGINT NOT NULL,
                interval_ms BIGINT NOT NULL,
                uptime_ms BIGINT NOT NULL,
                checks TEXT NOT NULL,
                post_boot_failing TEXT NOT NULL,
                down_raised BIGINT NOT NULL,
                non_routine_raised BIGINT NOT NULL,
                pending_reboot_id BIGINT NULL,
                agent_version TEXT NULL
            );
            CREATE TABLE host_reboots (
                id {id},
                host TEXT NOT NULL,
                previous_boot_id TEXT NOT NULL,
                boot_id TEXT NOT NULL,
                last_report_before BIGINT NOT NULL,
                first_report_after BIGINT NOT NULL,
                verified_at BIGINT NULL
            );
            CREATE INDEX host_reboots_host ON host_reboots (host, id);
            CREATE TABLE agent_tokens (
                id {id},
                host TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL
            );
            """),
        new(9, "pages, their events, used links", """
            CREATE TABLE pages (
                id {id},
                page_key TEXT NOT NULL,
                open_key TEXT NULL UNIQUE,
                group_key TEXT NOT NULL,
                receiver TEXT NOT NULL,
                policy TEXT NOT NULL,
                team TEXT NOT NULL,
                dedup_key TEXT NULL,
                title TEXT NOT NULL,
                details TEXT NOT NULL,
                state TEXT NOT NULL,
                level BIGINT NOT NULL,
                round BIGINT NOT NULL,
                step BIGINT NOT NULL,
                rotation BIGINT NOT NULL,
                next_step_at BIGINT NULL,
                created_at BIGINT NOT NULL,
                acknowledged_at BIGINT NULL,
                acknowledged_by TEXT NULL,
                resolved_at BIGINT NULL,
                resolved_by TEXT NULL
            );
            CREATE INDEX pages_next_step_at ON pages (next_step_at);
            CREATE INDEX pages_dedup_key ON pages (dedup_key);
            CREATE INDEX pages_acknowledged_at ON pages (acknowledged_at);
            CREATE TABLE page_events (
                id {id},
                page_id BIGINT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX page_events_page ON page_events (page_id, id);
            CREATE INDEX outbox_group_key ON outbox (group_key);
            CREATE TABLE page_links_used (
                nonce TEXT NOT NULL PRIMARY KEY,
                page_id BIGINT NOT NULL,
                used_at BIGINT NOT NULL
            );
            """),
        new(8, "schedule overrides and server secrets", """
            CREATE TABLE schedule_overrides (
                id TEXT NOT NULL PRIMARY KEY,
                schedule TEXT NOT NULL,
                person TEXT NOT NULL,
                start_at BIGINT NOT NULL,
                end_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                note TEXT NOT NULL
            );
            CREATE INDEX schedule_overrides_schedule ON schedule_overrides (schedule, end_at);
            CREATE TABLE server_secrets (
                name TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
        new(12, "the schedule a maintenance window's watcher must be on call in", """
            ALTER TABLE maintenance_windows ADD COLUMN schedule TEXT NULL;
            """),
        new(10, "heartbeats and their last pings", """
            CREATE TABLE heartbeats (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                period_ms BIGINT NULL,
                grace_ms BIGINT NOT NULL,
                cron TEXT NULL,
                time_zone TEXT NULL,
                labels TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE heartbeat_pings (
                id TEXT NOT NULL PRIMARY KEY,
                first_seen_at BIGINT NOT NULL,
                last_ping_at BIGINT NULL,
                last_start_at BIGINT NULL,
                last_fail_at BIGINT NULL
            );
            """),
    ];
}
