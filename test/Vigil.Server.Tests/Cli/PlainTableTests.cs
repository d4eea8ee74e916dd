using Vigil.Cli;

namespace Vigil.Server.Tests.Cli;

/// <summary>The list layout of <c>vigil alerts</c> and <c>vigil silence ls</c>.</summary>
public sealed class PlainTableTests
{
    [Fact]
    public void EachRow_IsOneLine_WithColumnsPaddedToTheWidestCell()
    {
        var table = new PlainTable("Alertname", "State", "Summary");
        table.AddRow("DiskFull", "active", "disk\nfull");
        table.AddRow("A", "suppressed", "");

        Assert.Equal(
            "Alertname   State        Summary\n" +
            "DiskFull    active       disk full\n" +
            "A           suppressed\n",
            Render(table));
    }

    [Fact]
    public void AnEmptyList_PrintsTheHeaderOnly()
    {
        Assert.Equal("ID   State\n", Render(new PlainTable("ID", "State")));
    }

    private static string Render(PlainTable table)
    {
        using var text = new StringWriter { NewLine = "\n" };
        table.WriteTo(text);
        return text.ToString();
    }
}
