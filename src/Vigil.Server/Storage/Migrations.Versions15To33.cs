namespace Vigil.Server.Storage;

internal static partial class Migrations
{
    /// <summary>
    /// Versions 15–33 (wave 2: plans, incidents, vendors, the status page, the web UI, the cluster), in the order they
    /// shipped.
    /// </summary>
    private static Migration[] Versions15To33() =>
    [
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
