using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Templates;

/// <summary><c>vigil template render</c>, run as the real executable, against <c>amtool template render</c>.</summary>
public sealed class TemplateRenderCliTests
{
    [Fact]
    public async Task Render_WithCorpusFileAndData_PrintsWhatAmtoolPrints()
    {
        string amtool = ExternalTool.Require("/usr/bin/amtool");
        string file = Path.Combine(AmtoolRenderCases.CorpusDir, "control.tmpl");
        string data = Path.Combine(AmtoolRenderCases.CorpusDir, "data", "storm.json");
        string text = "{{ template \"elseif\" . }}|{{ template \"slack.default.title\" . }}";

        var vigil = await ExternalTool.RunAsync("dotnet", VigilProcess.VigilDll, "template", "render", "--template.glob", file, "--template.text", text, "--template.data", data);
        var reference = await ExternalTool.RunAsync(amtool, "template", "render", "--template.glob=/usr/share/prometheus/alertmanager/default.tmpl",
            "--template.glob=" + file, "--template.text=" + text, "--template.data=" + data);

        Assert.Equal(0, vigil.ExitCode);
        Assert.Equal(reference.Stdout, vigil.Stdout);
    }

    [Fact]
    public async Task Render_WithoutData_UsesAmtoolsExampleData()
    {
        var vigil = await ExternalTool.RunAsync("dotnet", VigilProcess.VigilDll, "template", "render", "--template.glob", "/nonexistent/*.tmpl",
            "--template.text", "{{ .Receiver }} {{ .Status }} {{ len .Alerts }} {{ template \"__subject\" . }}");

        Assert.Equal(0, vigil.ExitCode);
        Assert.Equal("receiver alertstatus 2 [ALERTSTATUS] grouplabelvalue1 grouplabelvalue2 ", vigil.Stdout);
    }

    [Fact]
    public async Task Render_WithBrokenTemplate_FailsWithFileAndLine()
    {
        string file = Path.Combine(AmtoolRenderCases.CorpusDir, "errors", "unexpected-brace.tmpl");

        var vigil = await ExternalTool.RunAsync("dotnet", VigilProcess.VigilDll, "template", "render", "--template.glob", file, "--template.text", "x");

        Assert.Equal(1, vigil.ExitCode);
        Assert.Equal("vigil: error: template: unexpected-brace.tmpl:3: unexpected \"}\" in operand\n", vigil.Stderr);
    }
}
