namespace Vigil.Server.Storage;

/// <summary>
/// The schema, as an ordered list of versioned changes applied once each. Append new versions at
/// the end; never edit one that has shipped. Instants are BIGINT unix milliseconds (UTC).
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
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
        new(15, "outbox: a group's newest notification supersedes older undelivered ones", """
            ALTER TABLE outbox ADD COLUMN group_state BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE outbox ADD COLUMN superseded_by BIGINT NULL;
            CREATE INDEX outbox_pending_group_state ON outbox (receiver, integration_index, group_key, id)
                WHERE group_state = 1 AND state = 'pending';
            """),
        new(25, "agent actions and their events", """
            CREATE TABLE agent_actions (
                id TEXT NOT NULL PRIMARY KEY,
                host TEXT NOT NULL,
                action TEXT NOT NULL,
                reason TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                state TEXT NOT NULL,
                nonce TEXT NOT NULL UNIQUE,
                requested_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                awaits_boot BIGINT NOT NULL,
                boot_id_before TEXT NULL,
                envelope TEXT NOT NULL,
                delivered_at BIGINT NULL,
                started_at BIGINT NULL,
                finished_at BIGINT NULL,
                exit_code BIGINT NULL,
                output TEXT NULL,
                refusal TEXT NULL,
                detail TEXT NULL,
                new_boot_id TEXT NULL
            );
            CREATE INDEX agent_actions_host_state ON agent_actions (host, state);
            CREATE INDEX agent_actions_state ON agent_actions (state);
            CREATE TABLE agent_action_events (
                id {id},
                action_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX agent_action_events_action ON agent_action_events (action_id, id);
            """),
        new(17, "the PagerDuty key group a page's alerts came in through", """
            ALTER TABLE pages ADD COLUMN pagerduty_key_group TEXT NULL;
            """),
        new(18, "maintenance plans stored through the API", """
            CREATE TABLE plan_definitions (
                name TEXT NOT NULL PRIMARY KEY,
                yaml TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL
            );
            """),
        new(21, "incidents, what is linked to them and their recorded timeline", """
            CREATE TABLE incidents (
                id {id},
                title TEXT NOT NULL,
                severity TEXT NOT NULL,
                status TEXT NOT NULL,
                summary TEXT NOT NULL,
                root_cause TEXT NOT NULL,
                customer_impact TEXT NOT NULL,
                roles TEXT NOT NULL,
                corrections TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                opened_by TEXT NOT NULL,
                resolved_at BIGINT NULL,
                updated_at BIGINT NOT NULL,
                open_key TEXT NULL UNIQUE
            );
            CREATE INDEX incidents_opened_at ON incidents (opened_at);
            CREATE TABLE incident_links (
                incident_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                ref TEXT NOT NULL,
                label TEXT NOT NULL,
                labels TEXT NOT NULL,
                customer BIGINT NOT NULL,
                started_at BIGINT NULL,
                ended_at BIGINT NULL,
                linked_at BIGINT NOT NULL,
                PRIMARY KEY (incident_id, kind, ref)
            );
            CREATE INDEX incident_links_ref ON incident_links (kind, ref);
            CREATE TABLE incident_entries (
                id {id},
                incident_id BIGINT NOT NULL,
                at BIGINT NOT NULL,
                source TEXT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                text TEXT NOT NULL,
                link TEXT NULL
            );
            CREATE INDEX incident_entries_incident ON incident_entries (incident_id, id);
            """),
        new(19, "plan runs", """
            CREATE TABLE plan_runs (
                id TEXT NOT NULL PRIMARY KEY,
                plan_name TEXT NOT NULL,
                state TEXT NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                body TEXT NOT NULL
            );
            CREATE INDEX plan_runs_state ON plan_runs (state);
            CREATE INDEX plan_runs_created ON plan_runs (created_at);
            """),
        new(20, "plan run events: step starts and outcomes, halts, state changes", """
            CREATE TABLE plan_run_events (
                seq {id},
                run_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                host TEXT NULL,
                step BIGINT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX plan_run_events_run ON plan_run_events (run_id, seq);
            CREATE INDEX plan_run_events_at ON plan_run_events (at);
            """),
        new(26, "plan run hosts in their own rows: a change of a few hosts writes those hosts, not the whole run", """
            CREATE TABLE plan_run_hosts (
                run_id TEXT NOT NULL,
                position BIGINT NOT NULL,
                host TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            ALTER TABLE plan_runs ADD COLUMN hosts_in_rows BIGINT NOT NULL DEFAULT 0;
            """),
        new(27, "action items of incidents, and postmortem sections a person rewrote", """
            CREATE TABLE action_items (
                id {id},
                incident_id BIGINT NOT NULL,
                text TEXT NOT NULL,
                owner TEXT NOT NULL,
                due_date TEXT NULL,
                done BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                done_by TEXT NULL,
                done_at BIGINT NULL
            );
            CREATE INDEX action_items_incident ON action_items (incident_id, id);
            CREATE TABLE postmortem_sections (
                incident_id BIGINT NOT NULL,
                section TEXT NOT NULL,
                text TEXT NOT NULL,
                edited_by TEXT NOT NULL,
                edited_at BIGINT NOT NULL,
                PRIMARY KEY (incident_id, section)
            );
            """),
        new(23, "vendor tickets: states with who and when, promises kept from the configuration, missed deadlines", """
            CREATE TABLE vendor_tickets (
                id {id},
                incident_id BIGINT NOT NULL,
                vendor TEXT NOT NULL,
                summary TEXT NOT NULL,
                state TEXT NOT NULL,
                response_within_ms BIGINT NULL,
                on_site_within_ms BIGINT NULL,
                opened_at BIGINT NOT NULL,
                opened_by TEXT NOT NULL,
                acknowledged_at BIGINT NULL,
                acknowledged_by TEXT NULL,
                engaged_at BIGINT NULL,
                engaged_by TEXT NULL,
                resolved_at BIGINT NULL,
                resolved_by TEXT NULL,
                response_missed_at BIGINT NULL,
                on_site_missed_at BIGINT NULL
            );
            CREATE INDEX vendor_tickets_incident ON vendor_tickets (incident_id);
            CREATE INDEX vendor_tickets_state ON vendor_tickets (state);
            """),
        new(24, "public incident updates (the status page)", """
            CREATE TABLE public_updates (
                id {id},
                incident_id BIGINT NOT NULL,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                status TEXT NOT NULL,
                body TEXT NOT NULL,
                components TEXT NOT NULL
            );
            CREATE INDEX public_updates_incident ON public_updates (incident_id, id);
            CREATE INDEX public_updates_at ON public_updates (at);
            """),
        new(28, "web UI users: a unique name, a password hash, a role, an optional person, a disabled flag", """
            CREATE TABLE ui_users (
                name TEXT NOT NULL PRIMARY KEY,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                person TEXT NULL,
                disabled BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            """),
        new(29, "agent actions: when the agent acknowledged receipt (a delivered request never acknowledged is handed over again)", """
            ALTER TABLE agent_actions ADD COLUMN received_at BIGINT NULL;
            """),
        new(30, "cluster: the nodes sharing this database (a heartbeat each) and the leases that share out their work", """
            CREATE TABLE nodes (
                name TEXT NOT NULL PRIMARY KEY,
                instance TEXT NOT NULL,
                address TEXT NOT NULL,
                version TEXT NOT NULL,
                config_hash TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                heartbeat_at BIGINT NOT NULL
            );
            CREATE TABLE leases (
                kind TEXT NOT NULL,
                lease_key TEXT NOT NULL,
                owner TEXT NOT NULL,
                owner_instance TEXT NOT NULL,
                acquired_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (kind, lease_key)
            );
            """),
        new(31, "cluster: a change to silences, windows, overrides, tokens or UI users notifies every node (PostgreSQL)", "")
        {
            // One notice per table per transaction (PostgreSQL folds equal ones), delivered at commit, never on rollback.
            PostgresOnly = """
                CREATE FUNCTION vigil_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('vigil_changes', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER silences_changed AFTER INSERT OR UPDATE OR DELETE ON silences
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
                CREATE TRIGGER maintenance_windows_changed AFTER INSERT OR UPDATE OR DELETE ON maintenance_windows
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
                CREATE TRIGGER schedule_overrides_changed AFTER INSERT OR UPDATE OR DELETE ON schedule_overrides
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
                CREATE TRIGGER api_tokens_changed AFTER INSERT OR UPDATE OR DELETE ON api_tokens
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
                CREATE TRIGGER ui_users_changed AFTER INSERT OR UPDATE OR DELETE ON ui_users
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
                """,
        },
        new(32, "cluster: how far each node has folded the shared ingest log (the log is truncated only below every live node's)", """
            ALTER TABLE nodes ADD COLUMN folded_seq BIGINT NOT NULL DEFAULT 0;
            """),
        new(33, "web UI, cluster: the keys that sign sessions (shared by the nodes), and a notice to every node's open pages when pages, incidents, plan runs or agent actions change (PostgreSQL)", """
            CREATE TABLE ui_keys (
                name TEXT NOT NULL PRIMARY KEY,
                xml TEXT NOT NULL,
                stored_at BIGINT NOT NULL
            );
            """)
        {
            PostgresOnly = """
                CREATE FUNCTION vigil_notify_ui() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('vigil_ui', TG_ARGV[0]);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER pages_ui AFTER INSERT OR UPDATE OR DELETE ON pages
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Pages');
                CREATE TRIGGER page_events_ui AFTER INSERT OR UPDATE OR DELETE ON page_events
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Pages');
                CREATE TRIGGER incidents_ui AFTER INSERT OR UPDATE OR DELETE ON incidents
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Incidents');
                CREATE TRIGGER incident_entries_ui AFTER INSERT OR UPDATE OR DELETE ON incident_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Incidents');
                CREATE TRIGGER vendor_tickets_ui AFTER INSERT OR UPDATE OR DELETE ON vendor_tickets
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Incidents');
                CREATE TRIGGER public_updates_ui AFTER INSERT OR UPDATE OR DELETE ON public_updates
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Incidents');
                CREATE TRIGGER plan_runs_ui AFTER INSERT OR UPDATE OR DELETE ON plan_runs
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Plans');
                CREATE TRIGGER plan_run_hosts_ui AFTER INSERT OR UPDATE OR DELETE ON plan_run_hosts
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Plans');
                CREATE TRIGGER agent_actions_ui AFTER INSERT OR UPDATE OR DELETE ON agent_actions
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_ui('Hosts');
                """,
        },
    ];
}
