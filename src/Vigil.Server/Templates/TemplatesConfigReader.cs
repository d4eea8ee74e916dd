using Vigil.Server.Config;

namespace Vigil.Server.Templates;

/// <summary>
/// Reads the top-level <c>templates:</c> list of globs and loads the files at configuration load, as Alertmanager does:
/// relative globs are resolved against the configuration file's folder, a glob matching nothing is fine, and a
/// template error fails the load naming the key, the template file and its line.
/// </summary>
internal static class TemplatesConfigReader
{
    public static NotificationTemplates Read(YamlCursor? node, string sourceName)
    {
        var globs = node is null || node.IsNull ? [] : node.Strings();
        string? baseDirectory = File.Exists(sourceName) ? Path.GetDirectoryName(Path.GetFullPath(sourceName)) : null;
        try
        {
            // Configuration loading has no clock; `since` in notification templates reads the system clock.
            return NotificationTemplates.FromGlobs(globs, baseDirectory, TimeProvider.System);
        }
        catch (TemplateException e)
        {
            throw node!.Error(e.Message, e);
        }
    }
}
