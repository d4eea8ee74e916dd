namespace Vigil.Server.Templates;

/// <summary>
/// Alertmanager's template.Template: Vigil's default templates plus the files of the configuration's
/// <c>templates:</c> globs, for rendering notification fields as text or as escaped HTML.
/// </summary>
internal sealed class NotificationTemplates
{
    private readonly TemplateSet _set;

    private NotificationTemplates(TemplateSet set, IReadOnlyList<string> files)
    {
        _set = set;
        Files = files;
    }

    /// <summary>The template files read, in the order they were parsed.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Go's FromGlobs: the defaults, then every file each glob matches (a glob matching nothing is fine). Relative globs
    /// are resolved against <paramref name="baseDirectory"/> (the configuration file's folder, as Alertmanager does).
    /// Throws <see cref="TemplateException"/> naming file and line.
    /// </summary>
    public static NotificationTemplates FromGlobs(IEnumerable<string> globs, string? baseDirectory, TimeProvider clock)
    {
        var set = TemplateSet.Create(clock);
        set.Parse(DefaultTemplates.FileName, DefaultTemplates.FileName, DefaultTemplates.Text);
        set.Parse(DefaultEmailTemplate.FileName, DefaultEmailTemplate.FileName, DefaultEmailTemplate.Text);
        var files = new List<string>();
        foreach (string glob in globs)
        {
            string pattern = baseDirectory is null || Path.IsPathRooted(glob) ? glob : Path.Combine(baseDirectory, glob);
            foreach (string file in GoGlob.Expand(pattern))
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new TemplateException("open " + file + ": " + e.Message);
                }
                set.Parse(Path.GetFileName(file), Path.GetFileName(file), text);
                files.Add(file);
            }
        }
        return new NotificationTemplates(set, files);
    }

    /// <summary>Only the defaults (no <c>templates:</c> configured).</summary>
    public static NotificationTemplates Defaults(TimeProvider clock) => FromGlobs([], null, clock);

    /// <summary>Renders a configuration field such as <c>{{ template "slack.default.title" . }}</c> as text.</summary>
    public string ExecuteText(string text, TemplateData data) => _set.Execute(text, data, html: false);

    /// <summary>Renders a field with html/template escaping (the HTML body of an email).</summary>
    public string ExecuteHtml(string text, TemplateData data) => _set.Execute(text, data, html: true);

    /// <summary>For amtool-like rendering over data of any shape.</summary>
    internal string Execute(string text, object? data, bool html) => _set.Execute(text, data, html);
}
