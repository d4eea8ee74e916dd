using Vigil.Server.Config;

namespace Vigil.Server.Vendors;

/// <summary>Reads the <c>vendors:</c> list: each a unique <c>name</c>, exactly one of <c>email</c> or <c>webhook</c>, and optional
/// <c>response_within</c> and <c>on_site_within</c> durations.</summary>
internal static class VendorsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "email", "webhook", "response_within", "on_site_within",
    };

    public static IReadOnlyList<Vendor> Read(YamlCursor? node)
    {
        var vendors = new List<Vendor>();
        foreach (var item in node?.Items() ?? [])
        {
            var map = item.Map(Known);
            var nameNode = map.Required("name");
            var name = nameNode.Text().Trim();
            if (name.Length is 0 or > 80 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw nameNode.Error($"must be 1 to 80 letters, digits, '-', '_' or '.' (got \"{name}\")");
            }
            if (vendors.Any(v => v.Name == name))
            {
                throw nameNode.Error($"duplicate vendor name \"{name}\"");
            }
            var (email, webhook) = (map.Get("email"), map.Get("webhook"));
            if ((email is null) == (webhook is null))
            {
                throw item.Error("give exactly one of email (an address) or webhook (an http(s) URL) for the vendor's tickets");
            }
            string address;
            if (email is not null)
            {
                address = email.Text().Trim();
                if (address.Length > 254 || address.IndexOf('@', StringComparison.Ordinal) is <= 0 || address.EndsWith('@') || address.Any(char.IsWhiteSpace))
                {
                    throw email.Error($"not an email address (got \"{address}\")");
                }
            }
            else
            {
                webhook!.HttpUrl();
                address = webhook.Text().Trim();
            }
            vendors.Add(new Vendor(name, email is not null ? Vendor.Email : Vendor.Webhook, address, Within(map.Get("response_within")), Within(map.Get("on_site_within"))));
        }
        return vendors;
    }

    private static TimeSpan? Within(YamlCursor? node)
    {
        if (node is null)
        {
            return null;
        }
        var d = node.Duration();
        return d > TimeSpan.Zero ? d : throw node.Error("must be a positive duration such as 30m or 2h");
    }
}
