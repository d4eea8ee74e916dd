using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Server.Tests.Hosts;

/// <summary>Posts agent reports over HTTP as the agent would, for tests that drive a fake clock.</summary>
internal static class ReportClient
{
    public static string Report(string host, string bootId, bool dataMounted = true, double interval = 10) => $$"""
        {"host":"{{host}}","bootId":"{{bootId}}","uptimeSeconds":60,"intervalSeconds":{{interval}},"checks":[
          {"check":"mount","subject":{"mountpoint":"/data"},"passed":{{(dataMounted ? "true" : "false")}},"message":"/data"}]}
        """;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/agents/report")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
