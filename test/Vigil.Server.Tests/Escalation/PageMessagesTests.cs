using System.Text;
using Vigil.Server.Escalation;

namespace Vigil.Server.Tests.Escalation;

/// <summary>The bytes a person's webhook receives for a page: receivers parse them, so their text must not drift.</summary>
public sealed class PageMessagesTests
{
    private static readonly Page Sample = new(42, "k", "{}/{alertname=\"Disk\"}", "ops", "db-oncall", "", null,
        "Disk <full> on db-1 & \"db-2\"", "/data at 97 %\nzürich", PageState.Triggered, 1, 0, 2, 0, null,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null, null, null);

    [Fact]
    public void WebhookOfAnEscalation_CarriesThePageTheLevelAndBothSignedLinks_EscapedAsJson()
    {
        var body = PageMessages.Build("webhook", new PageNotice(Sample, "escalated", 1, "bob", "http://v/ui/pages/42", "http://v/l/a?t=x.y", "http://v/l/r?t=x.z"));

        Assert.Equal(
            """
            {"version":"1","event":"escalated","person":"bob","page":{"id":42,"title":"Disk \u003Cfull\u003E on db-1 \u0026 \u0022db-2\u0022","details":"/data at 97 %\nz\u00FCrich","policy":"db-oncall","level":2,"groupKey":"{}/{alertname=\u0022Disk\u0022}","url":"http://v/ui/pages/42"},"links":{"acknowledge":"http://v/l/a?t=x.y","resolve":"http://v/l/r?t=x.z"}}
            """,
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void WebhookOfAResolvedPage_HasNoLinks()
    {
        var body = PageMessages.Build("webhook", new PageNotice(Sample, "resolved", 0, "bob", "http://v/ui/pages/42", "", ""));

        Assert.EndsWith(""","url":"http://v/ui/pages/42"},"links":null}""", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }
}
