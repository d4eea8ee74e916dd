using System.Net;
using System.Text.RegularExpressions;

namespace Vigil.Bench.Ui;

/// <summary>An HTTP client signed in to the web UI the way a browser is: the sign-in form with its anti-forgery
/// token and the admin token, then the session cookie on every request.</summary>
internal static partial class UiSessionClient
{
    public static async Task<HttpClient> SignInAsync(Uri url, string adminToken, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        var login = await client.GetStringAsync("ui/login").ConfigureAwait(false);
        var token = TokenField().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-token",
            ["__RequestVerificationToken"] = token,
            ["Return"] = "/ui",
            ["Token"] = adminToken,
        });
        using var response = await client.PostAsync("ui/login", form).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing in to the UI failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
