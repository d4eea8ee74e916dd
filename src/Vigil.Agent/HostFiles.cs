namespace Vigil.Agent;

/// <summary>
/// Every file the agent reads goes through here, so <c>--root DIR</c> can point the agent at a crafted
/// <c>/etc/fstab</c> and <c>/proc</c> (tests run many real agents side by side that way).
/// </summary>
internal sealed class HostFiles(string? root)
{
    public string? Root { get; } = string.IsNullOrEmpty(root) ? null : Path.GetFullPath(root);

    /// <summary>The real path of an absolute host path: itself, or under the root.</summary>
    public string PathOf(string absolute) => Root is null ? absolute : Path.Join(Root, absolute);

    /// <summary>The file's text, or null when it does not exist or cannot be read.</summary>
    public string? ReadText(string absolute)
    {
        try
        {
            return File.ReadAllText(PathOf(absolute));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
