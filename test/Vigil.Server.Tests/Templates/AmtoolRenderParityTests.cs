using Vigil.Server.Templates;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Templates;

/// <summary>
/// Vigil's template engine against the real <c>amtool template render</c> (Alertmanager 0.25): the same template files,
/// text and data give the same output, or the same error text. amtool gets Alertmanager's own default.tmpl from the
/// Debian package; Vigil uses its own built-in defaults, so equal output also checks that they render alike.
/// </summary>
public sealed class AmtoolRenderParityTests
{
    private const string Amtool = "/usr/bin/amtool";
    private const string AlertmanagerDefaults = "/usr/share/prometheus/alertmanager/default.tmpl";
    private const string AlertmanagerEmail = "/usr/share/prometheus/alertmanager/email.tmpl";

    [Theory]
    [MemberData(nameof(AmtoolRenderCases.All), MemberType = typeof(AmtoolRenderCases))]
    public async Task Rendering_MatchesAmtoolTemplateRender(string testCase)
    {
        ExternalTool.Require(Amtool);
        var parts = testCase.Split('|');
        var (file, text, dataSet, type) = (parts[0], string.Join("|", parts[1..^2]), parts[^2], parts[^1]);
        string dataPath = Path.Combine(AmtoolRenderCases.CorpusDir, "data", dataSet + ".json");
        string? templatePath = file.Length == 0 ? null : Path.Combine(AmtoolRenderCases.CorpusDir, file);

        var args = new List<string>
        {
            "template", "render", "--template.glob=" + ExternalTool.Require(AlertmanagerDefaults), "--template.glob=" + ExternalTool.Require(AlertmanagerEmail),
        };
        if (templatePath is not null)
        {
            args.Add("--template.glob=" + templatePath);
        }
        args.AddRange(["--template.text=" + text, "--template.data=" + dataPath, "--template.type=" + type]);
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(Amtool, [.. args]);
        string expected = exit == 0 ? stdout : "error: " + stderr.Replace("amtool: error: ", "", StringComparison.Ordinal).TrimEnd('\n');

        string actual;
        try
        {
            var templates = NotificationTemplates.FromGlobs(templatePath is null ? [] : [templatePath], null, TimeProvider.System);
            actual = templates.Execute(text, TemplateDataJson.Read(File.ReadAllText(dataPath)), type == "html");
        }
        catch (TemplateException e)
        {
            actual = "error: " + e.Message;
        }
        Assert.Equal(expected, actual);
    }
}
