using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Templates;

namespace Vigil.Server.Tests.Templates;

/// <summary>
/// The functions Alertmanager added after 0.25 (so amtool 0.25 cannot be the reference): trimSpace, safeUrl,
/// urlUnescape, date, tz, since, humanizeDuration; expected values follow Go's strings, net/url, time and
/// prometheus/common's HumanizeDuration.
/// </summary>
public sealed class AlertmanagerFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("{{ trimSpace \"  a b \\n\\t\" }}", "a b")]
    [InlineData("{{ urlUnescape \"a%20b+c%2Fd\" }}", "a b c/d")]
    [InlineData("{{ date \"2006-01-02 15:04:05 MST\" (index .Alerts 0).StartsAt }}", "2026-11-30 23:55:00 UTC")]
    [InlineData("{{ (index .Alerts 0).StartsAt | tz \"Europe/Berlin\" | date \"Mon 15:04 MST -07:00\" }}", "Tue 00:55 CET +01:00")]
    [InlineData("{{ (index .Alerts 0).StartsAt | tz \"America/New_York\" }}", "2026-11-30 18:55:00 -0500 EST")]
    [InlineData("{{ since (index .Alerts 0).StartsAt }}", "5m0s")]
    [InlineData("{{ since (index .Alerts 1).StartsAt | humanizeDuration }}", "10m 0s")]
    [InlineData("{{ humanizeDuration 0 }}|{{ humanizeDuration 1.5 }}|{{ humanizeDuration 90 }}|{{ humanizeDuration 3661 }}", "0s|1.5s|1m 30s|1h 1m 1s")]
    [InlineData("{{ humanizeDuration 90061 }}|{{ humanizeDuration 0.0012 }}|{{ humanizeDuration \"-5\" }}|{{ humanizeDuration 12.345678 }}", "1d 1h 1m 1s|1.2ms|-5s|12.35s")]
    public void Function_RendersAsAlertmanagerDoes(string text, string expected)
    {
        var templates = NotificationTemplates.Defaults(new FakeTimeProvider(Now));

        Assert.Equal(expected, templates.ExecuteText(text, AmtoolDefaultData.Create(Now)));
    }

    [Theory]
    [InlineData("{{ urlUnescape \"%zz\" }}", "template: :1:3: executing \"\" at <urlUnescape \"%zz\">: error calling urlUnescape: invalid URL escape \"%zz\"")]
    [InlineData("{{ tz \"Nowhere/City\" (index .Alerts 0).StartsAt }}", "template: :1:3: executing \"\" at <tz \"Nowhere/City\" (index .Alerts 0).StartsAt>: error calling tz: unknown time zone Nowhere/City")]
    [InlineData("{{ humanizeDuration .Alerts }}", "template: :1:3: executing \"\" at <humanizeDuration .Alerts>: error calling humanizeDuration: can't convert template.Alerts to float")]
    public void FunctionError_IsReportedWithGosText(string text, string expected)
    {
        var templates = NotificationTemplates.Defaults(new FakeTimeProvider(Now));

        var error = Assert.Throws<TemplateException>(() => templates.ExecuteText(text, AmtoolDefaultData.Create(Now)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void SafeUrl_PassesTheSchemeFilterInHref_WhereAPlainStringWithAnUnsafeSchemeIsReplaced()
    {
        var templates = NotificationTemplates.Defaults(new FakeTimeProvider(Now));
        var data = AmtoolDefaultData.Create(Now);

        Assert.Equal("<a href=\"javascript:go%28%29\">", templates.ExecuteHtml("<a href=\"{{ safeUrl \"javascript:go()\" }}\">", data));
        Assert.Equal("<a href=\"#ZgotmplZ\">", templates.ExecuteHtml("<a href=\"{{ \"javascript:go()\" }}\">", data));
    }
}
