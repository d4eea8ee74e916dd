using System.Net;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>A plain HTTP client signed in to the UI (session cookie and anti-forgery token), for requests a browser would not make.</summary>
internal sealed partial class UiClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public static async Task<UiClient> SignInAsync(VigilInstance vigil, string? token = null)
    {
        var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = new Uri(vigil.Url), Timeout = TimeSpan.FromSeconds(60) };
        var client = new UiClient(http);
        using var signIn = await client.PostFormAsync("/ui/login", "login-token", new() { ["Token"] = token ?? vigil.AdminToken });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Posts a Blazor form as the page would: the handler name, the page's anti-forgery token, the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await Http.GetStringAsync(formPage ?? (path.StartsWith("/ui/login", StringComparison.Ordinal) ? "/ui/login" : "/ui/silences"));
        var token = Antiforgery().Match(page);
        Assert.True(token.Success, "no anti-forgery token on the form's page");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        using var content = new FormUrlEncodedContent(body);
        return await Http.PostAsync(path, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    public void Dispose() => Http.Dispose();
}
