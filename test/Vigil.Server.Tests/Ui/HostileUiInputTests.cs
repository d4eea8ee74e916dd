using System.Net;
using Vigil.Server.Tests.Fuzz;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>Hostile query strings and forms on the Alerts and Silences pages, signed in: clear 4xx or the page, never a 500.</summary>
public sealed class HostileUiInputTests
{
    [Fact]
    public async Task HostileFiltersAndForms_OnAlertsAndSilencesPages_NeverAnswer500_AndChangeNothing()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        using var ui = await UiClient.SignInAsync(vigil);
        var random = new Random(12);
        var values = HostileValues.Strings.Concat(HostileValues.Regexes).Concat(HostileValues.Durations).Concat(HostileValues.Numbers)
            .Concat(Enumerable.Range(0, 20).Select(_ => HostileValues.Matcher(random))).ToList();
        var silencesBefore = await vigil.Http.GetStringAsync("api/v2/silences");
        foreach (var value in values)
        {
            var q = Uri.EscapeDataString(value);
            foreach (var path in new[]
            {
                $"/ui/alerts?filter={q}", $"/ui/alerts?show={q}&page={q}&assigned={q}&receiver={q}", $"/ui/silences?tab={q}&id={q}&done={q}",
                $"/ui/silences/new?fp={q}", $"/ui/silences/new?edit={q}", $"/ui/silences/new?matchers={q}",
            })
            {
                using var get = await ui.Http.GetAsync(path);
                Assert.True((int)get.StatusCode < 500, $"GET {path}: {(int)get.StatusCode}");
            }
            foreach (var (path, handler, fields) in new (string, string, Dictionary<string, string>)[]
            {
                ("/ui/silences/new", "silence-form", new() { ["Matchers"] = value, ["Duration"] = "0s", ["Comment"] = "x", ["Action"] = "create" }),
                ("/ui/silences/new", "silence-form", new() { ["Matchers"] = "alertname=\"HostDown\"", ["Duration"] = value, ["Comment"] = " ", ["Action"] = "create", ["EditId"] = value }),
                ("/ui/silences", "silence-action", new() { ["Act"] = value }),
                ("/ui/silences", "silence-action", new() { ["Act"] = "expire:" + value, ["Return"] = value }),
            })
            {
                using var post = await ui.PostFormAsync(path, handler, fields);
                Assert.True((int)post.StatusCode < 500, $"POST {path} {string.Join(", ", fields)}: {(int)post.StatusCode}");
                Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
            }
        }
        Assert.Equal(silencesBefore, await vigil.Http.GetStringAsync("api/v2/silences"));
    }
}
