using System.Net;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary>Makes hosts known to a real server the way agents do: a token per host, then a report over HTTP.</summary>
internal static class PoolAgents
{
    /// <summary>Each host reports once: its <c>/data</c> mount check passes unless it is in <paramref name="failing"/>.</summary>
    public static async Task ReportAsync(VigilInstance vigil, IEnumerable<string> hosts, params string[] failing)
    {
        foreach (var host in hosts)
        {
            var token = await AgentRoot.CreateTokenAsync(vigil, host);
            var response = await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report(host, "boot-" + host, dataMounted: !failing.Contains(host)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
