namespace Vigil.Server.Templates;

/// <summary>
/// The example data <c>amtool template render</c> uses when given no data: receiver "receiver", status "alertstatus",
/// two alerts that started 5 and 10 minutes ago and end now, and fixed group and common labels.
/// </summary>
internal static class AmtoolDefaultData
{
    public static TemplateData Create(DateTimeOffset now)
    {
        static TemplateKV Kv(params (string Key, string Value)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        var end = GoTime.Utc(now);
        var first = new TemplateAlert(
            "alertstatus",
            Kv(("label1", "value1"), ("label2", "value2"), ("instance", "foo.bar:1234"), ("commonlabelkey1", "commonlabelvalue1"), ("commonlabelkey2", "commonlabelvalue2")),
            Kv(("annotation1", "value1"), ("annotation2", "value2"), ("commonannotationkey1", "commonannotationvalue1"), ("commonannotationkey2", "commonannotationvalue2")),
            GoTime.Utc(now.AddMinutes(-5)), end, "https://generatorurl.com", "fingerprint1");
        var second = new TemplateAlert(
            "alertstatus",
            Kv(("foo", "bar"), ("baz", "qux"), ("commonlabelkey1", "commonlabelvalue1"), ("commonlabelkey2", "commonlabelvalue2")),
            Kv(("aaa", "bbb"), ("ccc", "ddd"), ("commonannotationkey1", "commonannotationvalue1"), ("commonannotationkey2", "commonannotationvalue2")),
            GoTime.Utc(now.AddMinutes(-10)), end, "https://generatorurl.com", "fingerprint2");
        return new TemplateData(
            "receiver", "alertstatus", new TemplateAlerts([first, second]),
            Kv(("grouplabelkey1", "grouplabelvalue1"), ("grouplabelkey2", "grouplabelvalue2")),
            Kv(("commonlabelkey1", "commonlabelvalue1"), ("commonlabelkey2", "commonlabelvalue2")),
            Kv(("commonannotationkey1", "commonannotationvalue1"), ("commonannotationkey2", "commonannotationvalue2")),
            "https://example.com")
        { IsPointer = false };
    }
}
