namespace Vigil.Server.Notify.Integrations;

/// <summary>Reads a <c>*_file</c> secret (routing key, API key) at send time, as Alertmanager does, so a rotated key is used without a reload.</summary>
internal static class SecretFile
{
    /// <summary>The file's text (trimmed when <paramref name="trim"/>), or null with <paramref name="error"/> naming what failed.</summary>
    public static async Task<(string? Value, string? Error)> ReadAsync(string path, string what, bool trim, CancellationToken ct)
    {
        try
        {
            var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            return (trim ? text.Trim() : text, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"failed to read {what} from file: {e.Message}");
        }
    }
}
