using Vigil.Server.Config;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Config;

/// <summary>The <c>silences:</c> section: defaults, values, and errors naming the key.</summary>
public sealed class SilencesConfigTests
{
    [Fact]
    public void Absent_KeepsTheDefaults()
    {
        var options = ConfigLoader.Load(Configs.Minimal, "t.yml").Silences;
        Assert.Equal(TimeSpan.FromHours(24), options.MaxDuration);
        Assert.Equal(("impact", "customer"), (options.CustomerLabel.Name, options.CustomerLabel.Value));
        Assert.Equal(TimeSpan.FromDays(30), options.Retention);
    }

    [Fact]
    public void Given_AreRead()
    {
        var options = ConfigLoader.Load(Configs.Minimal + "\nsilences:\n  max_duration: 8h\n  customer_label: tier=\"gold\"\n  retention: 7d\n", "t.yml").Silences;
        Assert.Equal(TimeSpan.FromHours(8), options.MaxDuration);
        Assert.Equal(("tier", "gold"), (options.CustomerLabel.Name, options.CustomerLabel.Value));
        Assert.Equal(TimeSpan.FromDays(7), options.Retention);
    }

    [Theory]
    [InlineData("  max_duration: 0s", "silences.max_duration")]
    [InlineData("  customer_label: impact", "silences.customer_label")]
    [InlineData("  max_durration: 1h", "silences.max_durration")]
    public void Invalid_NamesTheKey(string line, string key)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Configs.Minimal + "\nsilences:\n" + line + "\n", "t.yml"));
        Assert.Equal(key, e.Key);
    }
}
