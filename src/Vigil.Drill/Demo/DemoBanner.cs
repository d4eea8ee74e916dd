namespace Vigil.Drill.Demo;

/// <summary>What <c>vigil demo</c> prints once everything runs: where to look, how to sign in, what to try. Pure.</summary>
internal static class DemoBanner
{
    public static string Text(string serverUrl, string user, string password, string token, string folder, bool keep, string? incident) => $"""

        Vigil demo running: a real Vigil server, and a simulated fleet with the real agent on each host.

          Web UI   {serverUrl}/ui
          Sign in  user {user}, password {password}
          CLI      export VIGIL_URL={serverUrl} VIGIL_TOKEN={token}

          Fleet    lb-1, lb-2 (an HAProxy pair behind the edge HAProxy: pool lb), cache-1, db-1 (/data),
                   web-1..3 (unicorn; pool web); customer probes shop and checkout; alice, bob and carol on the
                   24x7 rotation ops-24x7 (alice this week); {(incident is null ? "the open incident from before" : $"incident {incident} open")}; lb-1's patch window tonight.
          Folder   {folder}{(keep ? " (kept)" : " (removed when the demo stops)")}

        Try, in another terminal (after the export above):
          vigil pools                                 # both pools healthy, read live from the simulated HAProxies
          vigil plan run {DemoConfig.PatchPlan} --follow     # drains lb-1, reboots it, verifies the boot, puts it back
          vigil demo fault lb-2 down                  # power lb-2 off: HostDown pages alice within ~20 s
          vigil plan run {DemoConfig.PatchPlan} --follow     # now refused at its gate: lb-2 cannot carry the shop; alice is paged
          vigil demo fault lb-2 up
          vigil demo fault db-1 no-automount && vigil demo fault db-1 reboot
                                                      # the seed outage: /data not mounted after the boot, checkout down
          vigil hosts action db-1 mount-all --reason "mount /data" --wait
        Pages delivered to people's phones are printed below. Ctrl-C stops everything.

        """;
}
