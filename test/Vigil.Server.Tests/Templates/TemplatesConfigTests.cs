using Vigil.Server.Config;
using Vigil.Server.Templates;

namespace Vigil.Server.Tests.Templates;

/// <summary>The <c>templates:</c> key: globs relative to the configuration file's folder, loaded with the configuration.</summary>
public sealed class TemplatesConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-templates-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig(string templateText)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tmpl"));
        File.WriteAllText(Path.Combine(_dir, "tmpl", "team.tmpl"), templateText);
        string path = Path.Combine(_dir, "alertmanager.yml");
        File.WriteAllText(path, "route: {receiver: a}\nreceivers: [{name: a}]\ntemplates:\n  - 'tmpl/*.tmpl'\n  - 'missing/*.tmpl'\n");
        return path;
    }

    [Fact]
    public void RelativeGlobs_AreReadFromTheConfigFilesFolder_AndRenderWithTheDefaults()
    {
        var config = ConfigLoader.LoadFile(WriteConfig("{{ define \"team.title\" }}[team] {{ template \"slack.default.title\" . }}{{ end }}"));

        var data = AmtoolDefaultData.Create(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        string title = config.NotificationTemplates!.ExecuteText("{{ template \"team.title\" . }}", data);

        Assert.Equal("[team] [ALERTSTATUS] grouplabelvalue1 grouplabelvalue2 ", title);
        Assert.Equal(Path.Combine(_dir, "tmpl", "team.tmpl"), Assert.Single(config.NotificationTemplates.Files));
    }

    [Fact]
    public void BrokenTemplateFile_FailsTheLoad_NamingKeyFileAndLine()
    {
        string path = WriteConfig("{{ define \"x\" }}\nok\n{{ .Status } }}\n{{ end }}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Contains("templates", error.Message, StringComparison.Ordinal);
        Assert.Contains("template: team.tmpl:3: unexpected \"}\" in operand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTemplatesKey_StillHasTheDefaults()
    {
        var config = ConfigLoader.Load("route: {receiver: a}\nreceivers: [{name: a}]\n", "inline");

        var data = AmtoolDefaultData.Create(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("Alertmanager", config.NotificationTemplates!.ExecuteText("{{ template \"slack.default.username\" . }}", data));
    }
}
