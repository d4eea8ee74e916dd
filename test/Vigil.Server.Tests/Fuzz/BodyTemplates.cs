namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// A valid body for each endpoint that reads one (keyed <c>METHOD /route/pattern</c>), so that mutations get past the
/// first check and reach the deeper parsers. <c>$NOW</c>, <c>$LATER</c>, <c>$FAR</c>, <c>$FARTHER</c> and <c>$SILENCE</c>
/// are filled in from the run.
/// An endpoint missing here still gets generic hostile bodies.
/// </summary>
internal static class BodyTemplates
{
    private const string Window = """
        {"targets":["host=\"lb-1\""],"expected":["alertname=\"HostDown\""],"start":"now","duration":"2h","watcher":"alice",
         "backup":"bob","announcement":"patching","schedule":"la"}
        """;

    private const string RecurringWindow = """
        {"targets":["host=~\"app-.*\""],"expected":["alertname=\"HostDown\""],"cron":"0 2 * * SUN","duration":"2h",
         "timeZone":"Europe/Berlin","watcher":"alice"}
        """;

    private const string Silence = """
        {"matchers":[{"name":"alertname","value":"Fuzz.*","isRegex":true,"isEqual":true},{"name":"host","value":"a","isRegex":false}],
         "startsAt":"$NOW","endsAt":"$LATER","createdBy":"fuzz","comment":"fuzzing"}
        """;

    // A plan as JSON {"yaml": ...}: mutations of the JSON reach the YAML reader through the string.
    private const string JsonPlan = """
        {"yaml":"name: fuzz-plan\nhosts: [web-1]\nserial: [1, \"50%\"]\nwindow: {watcher: alice, backup: bob}\nsteps:\n  - gate: oncall\n  - gate: no_firing\n    matchers: ['severity=critical']\n  - agent: restart\n  - wait: duration\n    duration: 5s\n"}
        """;

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/plans/runs"] =
        [
            """{"name":"nightly","dryRun":true}""",
            """{"yaml":"name: fuzz\nhosts: [a]\nsteps:\n  - gate: pool_min_healthy\n","dryRun":true}""",
        ],
        ["POST /api/v2/alerts"] =
        [
            """[{"labels":{"alertname":"Fuzz","host":"a"},"annotations":{"summary":"s"},"startsAt":"$NOW","endsAt":"$LATER","generatorURL":"http://x/"}]""",
            """[{"labels":{"alertname":"Fuzz","severity":"critical"}},{"labels":{"alertname":"Other"},"endsAt":"$NOW"}]""",
        ],
        ["POST /api/v2/silences"] = [Silence, Silence.Replace("{\"matchers\"", "{\"id\":\"$SILENCE\",\"matchers\"", StringComparison.Ordinal)],
        ["POST /api/v1/silences/preview"] =
        [
            """{"matchers":["alertname=~\"Fuzz.*\"","host=\"a\""]}""",
            """{"matchers":[{"name":"alertname","value":"Fuzz","isRegex":false,"isEqual":true}]}""",
        ],
        ["POST /api/v1/maintenance"] = [Window, RecurringWindow],
        ["PUT /api/v1/maintenance/{id}"] = [Window, RecurringWindow],
        ["PATCH /api/v1/maintenance/{id}"] = ["""{"duration":"3h"}""", """{"end":"$LATER","announcement":"x"}""", """{"targets":["host=\"lb-2\""]}"""],
        ["POST /api/v1/heartbeats"] =
        [
            """{"name":"fuzz","period":"1h","grace":"5m","labels":{"team":"infra"}}""",
            """{"name":"fuzz-cron","cron":"0 3 * * *","timeZone":"Europe/Berlin","grace":"10m"}""",
        ],
        ["POST /api/v1/schedules/{name}/overrides"] = ["""{"person":"bob","from":"$FAR","to":"$FARTHER","note":"swap"}"""],
        ["POST /api/v1/plans"] = [JsonPlan, JsonPlan.Replace("fuzz-plan", "fuzz-plan-2", StringComparison.Ordinal)],
        ["POST /api/v1/plans/validate"] = [JsonPlan],
        ["POST /api/v1/incidents"] =
        [
            """{"title":"Site down","severity":"SEV1","commander":"alice","summary":"s","customerImpact":"all","planRuns":["run-1"]}""",
            """{"title":"Slow","severity":"SEV3","status":"identified","alerts":[],"pages":[],"windows":[]}""",
        ],
        ["PATCH /api/v1/incidents/{id}"] =
        [
            """{"status":"monitoring","severity":"SEV2","summary":"x","rootCause":"y","customerImpact":"z","title":"t"}""",
            """{"times":{"impactStartedAt":"$NOW","mitigatedAt":"$LATER"},"reason":"fix"}""",
        ],
        ["POST /api/v1/incidents/{id}/notes"] = ["""{"text":"vendor on the way"}"""],
        ["POST /api/v1/incidents/{id}/roles"] = ["""{"role":"commander","person":"bob"}""", """{"role":"scribe","person":""}"""],
        ["POST /api/v1/incidents/{id}/resolve"] = ["""{"summary":"s","rootCause":"r"}""", "{}"],
        ["POST /api/v1/incidents/{id}/vendor-tickets"] = ["""{"vendor":"dbhost","summary":"volume will not mount"}"""],
        ["POST /api/v1/incidents/{id}/public-updates"] = ["""{"body":"We are investigating.","status":"investigating","components":["Website"]}""", """{"body":"Fixed."}"""],
        ["POST /api/v1/tokens"] = ["""{"name":"fuzz","scope":"read"}"""],
        ["POST /api/v1/users"] = ["""{"name":"fuzz.user","role":"responder","password":"fuzzing-password-1","person":"bob"}"""],
        ["PATCH /api/v1/users/{name}"] = ["""{"role":"viewer","password":"another-password-2","person":null,"disabled":true}"""],
        ["POST /api/v1/agents/tokens"] = ["""{"host":"web-2"}"""],
        ["POST /api/v1/agents/report"] =
        [
            """
            {"host":"web-1","bootId":"b1","uptimeSeconds":60,"intervalSeconds":10,"agentVersion":"1.0","checks":[
             {"check":"mount","subject":{"mountpoint":"/data"},"passed":false,"message":"/data","details":{"nofail":"true"}}]}
            """,
        ],
        ["POST /v2/enqueue"] =
        [
            """
            {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"fuzz","payload":{"summary":"s","source":"h",
             "severity":"error","timestamp":"$NOW","component":"c","group":"g","class":"k","custom_details":{"a":[1,{"b":null}]}}}
            """,
            """{"routing_key":"R0UT1NGKEY","event_action":"resolve","dedup_key":"fuzz"}""",
            """{"routing_key":"R0UT1NGKEY","event_action":"acknowledge","dedup_key":"fuzz"}""",
        ],
    };

    /// <summary>Generic bodies for endpoints without a template (new ones are fuzzed before anyone writes theirs).</summary>
    private static readonly string[] Generic = ["""{"name":"x","value":"y","id":"z","matchers":["a=\"b\""],"start":"$NOW","end":"$LATER"}""", "[]", "{}"];

    public static IReadOnlyList<string> For(string key) => Templates.TryGetValue(key, out var t) ? t : Generic;

    public static bool Has(string key) => Templates.ContainsKey(key);
}
